"""Finding and masking Swedish personnummer and samordningsnummer in free text.

Used wherever a caller's free text could carry a personnummer into the register or a log: the case
reference (``--arende-referens``, ``X-Arende-Referens``), a review comment, the register URL, and the
server's log of paths and headers.

What counts as a personnummer here: a birth date and a four-digit birth number, in the 10-digit form
(``YYMMDD-NNNN``) or the 12-digit form (``YYYYMMDDNNNN``), with no separator or with up to eight
separator characters between the parts (``-``, ``+``, spaces, dashes such as the en dash, ``_``,
``.``, ``/``, ``\\``, ``:``, ``,``, ``*``, an invisible format character such as the zero-width space or the soft
hyphen, a percent-encoded byte such as ``%20``, or a character escaped as text such as ``\\t`` or ``\\u00ad``).
The month must be 01–12 and the day 01–31, or 61–91 for a
samordningsnummer (day + 60). The check digit is *not* required to be right: a mistyped personnummer
is still personal data. Digits in other scripts (full-width digits, for example) count as digits, and
any dash or full-width sign as its ASCII form.

A personnummer split *inside* its parts (``19700 101-98 76``, ``1970-0101-98-76``, ``9 2 0 3 1 4 2 3 8 9``)
is caught too: in a chain of digits with up to eight separators between any two of them (``:`` does not
join a chain, so a time such as ``2026-03-02 08:15`` is no personnummer), any run of whole groups of digits
is one when its digits alone, exactly 10 or 12 of them, read as one.

A plain case reference such as ``SOC 2026/123`` or ``2026-0345`` is not a personnummer: it has too
few digits. The filter errs on the safe side: a 10-digit number that reads as a date and four
digits (a telephone number, say) is caught too.
"""

from __future__ import annotations

import re
import unicodedata

ERSATTNING = "[personnummer]"

_FORMATTECKEN = "\u00ad\u200b-\u200f\u2060-\u2064\ufeff"  # soft hyphen, zero-width characters, word joiner
# A character escaped as text, as an error message's repr writes it: \t, \n, \r, \x09, \u00ad, \U0000200b.
_ESKAPE = r"\\(?:[tnrfv]|x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8})"
_SEP = rf"(?:[-+\s\u2010-\u2015\u2212_./\\:,*{_FORMATTECKEN}]|%[0-9A-Fa-f]{{2}}|{_ESKAPE})"
_DEL = _SEP + r"{0,8}"  # a run of separators, however many a writer puts (the review: "850101 - - - 1234")
_MANAD = r"(?:0[1-9]|1[0-2])"
_DAG = r"(?:0[1-9]|[12][0-9]|3[01]|6[1-9]|[78][0-9]|9[01])"
MONSTER = re.compile(
    rf"(?<![0-9])(?:(?:18|19|20){_DEL})?[0-9]{{2}}{_DEL}{_MANAD}{_DEL}{_DAG}{_DEL}[0-9]{{4}}(?![0-9])"
)
# A chain of digits joined by up to three separators each (not ":"), and a separator of such a chain.
_KEDJESEP = rf"(?:[-+\s\u2010-\u2015\u2212_./\\,*{_FORMATTECKEN}]|%[0-9A-Fa-f]{{2}}|{_ESKAPE})"
_KEDJA = re.compile(rf"[0-9](?:{_KEDJESEP}{{0,8}}[0-9])*")
_KEDJESEPARATOR = re.compile(_KEDJESEP)
_SIFFERGRUPP = re.compile(r"[0-9]+")


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


def _uppdelade(text: str) -> list[tuple[int, int]]:
    """Where ``text`` (ASCII digits) has a personnummer split inside its parts: in each chain of digits, every
    run of its groups (the digits between two separators) whose digits alone, 10 or 12 of them, read as one
    (so a digit put in front, ``3/1992-0314-23-89``, hides nothing)."""
    ut = []
    for kedja in _KEDJA.finditer(text):
        grupper = [(g.start() + kedja.start(), g.end() + kedja.start(), g.group())
                   for g in _SIFFERGRUPP.finditer(_KEDJESEPARATOR.sub(lambda m: " " * len(m.group()), kedja.group()))]
        for i, (start, _, _) in enumerate(grupper):
            siffror = ""
            for _, slut, grupp in grupper[i:]:
                siffror += grupp
                if len(siffror) in (10, 12) and MONSTER.fullmatch(siffror):
                    ut.append((start, slut))
                if len(siffror) >= 12:
                    break
    return ut


def _traffar(text: str) -> list[tuple[int, int]]:
    """The spans of ``text`` that are personnummer, in either reading, sorted and merged where they overlap."""
    ascii_text = _ascii_siffror(text)
    spann = sorted([t.span() for t in MONSTER.finditer(ascii_text)] + _uppdelade(ascii_text))
    ut: list[tuple[int, int]] = []
    for start, slut in spann:
        if ut and start < ut[-1][1]:
            ut[-1] = (ut[-1][0], max(ut[-1][1], slut))
        else:
            ut.append((start, slut))
    return ut


def innehaller_personnummer(text: str | None) -> bool:
    """Whether ``text`` contains something that reads as a personnummer or samordningsnummer."""
    if not text:
        return False
    ascii_text = _ascii_siffror(str(text))
    return MONSTER.search(ascii_text) is not None or bool(_uppdelade(ascii_text))


def maskera(text: str | None, ersattning: str = ERSATTNING) -> str:
    """``text`` with every personnummer and samordningsnummer replaced by ``[personnummer]``."""
    if not text:
        return "" if text is None else text
    text = str(text)
    delar, start = [], 0
    for fran, till in _traffar(text):
        delar += [text[start:fran], ersattning]
        start = till
    return "".join(delar) + text[start:] if delar else text
