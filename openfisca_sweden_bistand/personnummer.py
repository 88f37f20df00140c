"""Finding and masking Swedish personnummer and samordningsnummer in free text.

Used wherever a caller's free text could carry a personnummer into the register or a log: the case
reference (``--arende-referens``, ``X-Arende-Referens``), a review comment, the register URL, and the
server's log of paths and headers.

What counts as a personnummer here: a birth date and a four-digit birth number, in the 10-digit form
(``YYMMDD-NNNN``) or the 12-digit form (``YYYYMMDDNNNN``), with no separator or with up to three
separator characters between the parts (``-``, ``+``, spaces, dashes such as the en dash, ``_``,
``.``, ``/``, ``\\``, ``:`` or a percent-encoded byte such as ``%20``). The month must be 01–12 and the
day 01–31, or 61–91 for a samordningsnummer (day + 60). The check digit is *not* required to be
right: a mistyped personnummer is still personal data. Digits in other scripts (full-width digits,
for example) count as digits, and any dash or full-width sign as its ASCII form.

A plain case reference such as ``SOC 2026/123`` or ``2026-0345`` is not a personnummer: it has too
few digits. The filter errs on the safe side: a 10-digit number that reads as a date and four
digits (a telephone number, say) is caught too.
"""

from __future__ import annotations

import re
import unicodedata

ERSATTNING = "[personnummer]"

_SEP = r"(?:[-+\s\u2010-\u2015\u2212_./\\:]|%[0-9A-Fa-f]{2})"
_DEL = _SEP + r"{0,3}"
_MANAD = r"(?:0[1-9]|1[0-2])"
_DAG = r"(?:0[1-9]|[12][0-9]|3[01]|6[1-9]|[78][0-9]|9[01])"
MONSTER = re.compile(
    rf"(?<![0-9])(?:(?:18|19|20){_DEL})?[0-9]{{2}}{_DEL}{_MANAD}{_DEL}{_DAG}{_DEL}[0-9]{{4}}(?![0-9])"
)


def _ascii_tecken(tecken: str) -> str:
    if tecken.isascii():
        return tecken
    if tecken.isdecimal():
        return str(unicodedata.decimal(tecken))
    if unicodedata.category(tecken) == "Pd":
        return "-"
    kompatibel = unicodedata.normalize("NFKC", tecken)  # full-width ／ ＿ ＋ …
    return kompatibel if len(kompatibel) == 1 and kompatibel.isascii() and not kompatibel.isalnum() else tecken


def _ascii_siffror(text: str) -> str:
    """``text`` with digits of any script as ASCII digits, dashes as ``-`` and full-width signs as
    ASCII (one character for one, so positions stay the same)."""
    return text if text.isascii() else "".join(map(_ascii_tecken, text))


def innehaller_personnummer(text: str | None) -> bool:
    """Whether ``text`` contains something that reads as a personnummer or samordningsnummer."""
    return bool(text) and MONSTER.search(_ascii_siffror(str(text))) is not None


def maskera(text: str | None, ersattning: str = ERSATTNING) -> str:
    """``text`` with every personnummer and samordningsnummer replaced by ``[personnummer]``."""
    if not text:
        return "" if text is None else text
    text = str(text)
    delar, start = [], 0
    for traff in MONSTER.finditer(_ascii_siffror(text)):
        delar += [text[start:traff.start()], ersattning]
        start = traff.end()
    return "".join(delar) + text[start:] if delar else text
