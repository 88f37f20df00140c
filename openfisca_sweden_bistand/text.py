"""Swedish formatting, in one place: kronor, whole numbers, decimals, percent, dates and months.

Amounts are written the Swedish way, "12 230 kr", with a no-break space (U+00A0) between the groups
of digits and before "kr", so that no line is ever broken inside an amount (``textwrap`` breaks only
at ordinary spaces); a negative amount has a real minus sign (U+2212); decimals have a comma.
Every letter, report and table of the package formats through these functions.
"""

from __future__ import annotations

import datetime
import textwrap

NBSP = "\u00a0"  # no-break space
MINUS = "\u2212"  # minus sign
TANKSTRECK = "–"  # en dash: no value

MANADER = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
           "oktober", "november", "december")


def _gruppera(heltalsdel: str) -> str:
    """Digits in groups of three from the right, joined by no-break spaces."""
    grupper: list[str] = []
    while len(heltalsdel) > 3:
        heltalsdel, grupp = heltalsdel[:-3], heltalsdel[-3:]
        grupper.insert(0, grupp)
    return NBSP.join([heltalsdel, *grupper])


def _tecken(tal: float) -> str:
    return MINUS if tal < 0 else ""


def heltal(tal: float) -> str:
    """A whole number, rounded: 12 230 (groups joined by no-break spaces), −5."""
    avrundat = round(tal)
    return _tecken(avrundat) + _gruppera(str(abs(avrundat)))


def decimal(tal: float, decimaler: int = 2) -> str:
    """A number with ``decimaler`` decimals and a decimal comma: 1 234,50."""
    text = f"{abs(tal):.{decimaler}f}"
    heltalsdel, _, brak = text.partition(".")
    avrundat_noll = float(text) == 0
    return ("" if avrundat_noll else _tecken(tal)) + _gruppera(heltalsdel) + ("," + brak if brak else "")


def belopp(tal: float) -> str:
    """An amount without unit: whole kronor as 12 230, else with öre: 450,50."""
    return heltal(tal) if tal == int(tal) else decimal(tal)


def kr(tal: float) -> str:
    """Kronor: 12 230 kr, 450,50 kr, −1 500 kr (no-break spaces throughout)."""
    return f"{belopp(tal)}{NBSP}kr"


def tal(tal: float) -> str:
    """A plain number inside a line's wording in the calculation (part of the JSON contract):
    no group separator, 9000; decimals with a comma, 9000,50."""
    if tal == int(tal):
        return str(int(tal))
    return f"{tal:.2f}".replace(".", ",")


def antal_personer(antal: int) -> str:
    """1 person, 2 personer (an ordinary space: part of a line's wording in the JSON)."""
    return "1 person" if antal == 1 else f"{antal} personer"


def procent(andel: float | None, decimaler: int = 1) -> str:
    """A share as percent: 0.333 → 33,3 %; None → –."""
    if andel is None:
        return TANKSTRECK
    return f"{decimal(100 * andel, decimaler)}{NBSP}%"


def procentenheter(andring: float, decimaler: int = 1) -> str:
    """A change of a share, with its sign: +3,3 procentenheter, −66,7 procentenheter."""
    text = decimal(100 * andring, decimaler)
    return ("+" + text if not text.startswith(MINUS) else text) + " procentenheter"


def forandring(andel: float, decimaler: int = 1) -> str:
    """A relative change with its sign: +5,0 %, −98,9 %."""
    text = procent(andel, decimaler)
    return text if text.startswith(MINUS) else "+" + text


def datum(dag: datetime.date | str) -> str:
    """A date as in the decision letter: 2026-02-25."""
    return dag if isinstance(dag, str) else dag.isoformat()


def manad(period: str) -> str:
    """A month ``YYYY-MM`` in words: mars 2026."""
    ar, nummer = period.split("-")
    return f"{MANADER[int(nummer) - 1]} {ar}"


def stycke(text: str, bredd: int = 96, indrag: str = "", hang: str | None = None) -> list[str]:
    """A paragraph wrapped to ``bredd`` columns, never inside a word or an amount (a list item,
    "- ...", hangs under its text)."""
    if hang is None:
        hang = indrag + ("  " if text.startswith("- ") else "")
    return textwrap.wrap(text, bredd, initial_indent=indrag, subsequent_indent=hang,
                         break_on_hyphens=False, break_long_words=False)
