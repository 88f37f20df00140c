"""The values of a register answer (*svarsvärden*): texts, dates, amounts and codes read and bounded, and
what reading one answer carries along (``Lasning``: the element and payment budgets, the identities seen).

Shared by the SSBTEK reader (``ssbtek.py``) and its reader of Försäkringskassan's LEFI JSON (``lefi.py``).
Every reader ``som_…(text, falt)`` returns the value or raises ``ArendeFel(falt, …)`` with a message that
does not quote the text. Texts kept from an answer go through ``ren_text``.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import math
import re
import secrets
import unicodedata
from dataclasses import dataclass, field

from openfisca_sweden_bistand.arende.validering import HOGSTA_BELOPP, HOGSTA_TILLGANG, ArendeFel
from openfisca_sweden_bistand.kontroll.registersvar import HOGSTA_TEXTLANGD
from openfisca_sweden_bistand.kontroll.sakerxml import Elementbudget
from openfisca_sweden_bistand.personnummer import innehaller_personnummer, maskera

__all__ = [
    "FORSTA_DAG", "FORSTA_HISTORISKA_DAG", "HOGSTA_ANTAL_UTBETALNINGAR", "HOGSTA_BELOPP", "HOGSTA_KAPITAL",
    "SISTA_DAG", "Lasning", "kontrollera_period", "ren_text", "skar", "som_belopp", "som_dag", "som_formankod",
    "som_heltal", "som_historisk_dag", "som_kalenderdag", "som_kapital", "som_sanning", "som_tal", "som_text",
]

# Payments in one answer, all agencies together (a month's check needs a few dozen).
HOGSTA_ANTAL_UTBETALNINGAR = 10_000
# Amounts: HOGSTA_BELOPP (10 000 000 kr, validering.py) either way; Skatteverket's capital income is a
# yearly sum, and a sale can make it large: the bound for assets.
HOGSTA_KAPITAL = HOGSTA_TILLGANG
# Dates of payments, periods, decisions and the time of the question.
FORSTA_DAG, SISTA_DAG = datetime.date(2000, 1, 1), datetime.date(2100, 12, 31)
# Dates that describe a person's history (a residence permit, a registration as a job seeker).
FORSTA_HISTORISKA_DAG = datetime.date(1900, 1, 1)
_NYCKEL = secrets.token_bytes(32)  # of ``Lasning.samma_person``: new in every process, never stored

# Characters that end a text cut short: digits and the separators a personnummer may be written with, so
# that a personnummer cut in two leaves no digits behind.
_AVSKUREN_SIFFERSVANS = re.compile(r"(?:[\d\s\-+_./\\:\u2010-\u2015\u2212]|%[0-9A-Fa-f]{0,2})+\Z")
_FORHANDSGRANS = 8 * HOGSTA_TEXTLANGD  # characters looked at one by one (after the C0 and C1 controls are out)
# The C0 and C1 control characters, out before the text is cut: white space ones as a space, the others left out.
_STYRTECKEN = {tecken: (" " if chr(tecken).isspace() else None) for tecken in (*range(0x20), *range(0x7F, 0xA0))}


def skar(text: str, grans: int) -> str:
    """``text`` cut to ``grans`` characters, without the digits a cut may leave of a personnummer."""
    if len(text) <= grans:
        return text
    return _AVSKUREN_SIFFERSVANS.sub("", text[:grans]).rstrip()


def _synligt(tecken: str) -> str:
    """A character as kept: white space (line breaks, tabs, separators) as a space; other control and
    format characters (zero-width spaces, direction marks) left out, so none can split a personnummer."""
    kategori = unicodedata.category(tecken)
    if tecken.isspace() or kategori[0] == "Z":
        return " "
    return "" if kategori[0] == "C" else tecken


def ren_text(text: str | None) -> str:
    """A text from an answer as kept: control and format characters out, runs of white space as one space,
    personnummer masked, at most ``HOGSTA_TEXTLANGD`` characters (a text cut short loses its trailing digits,
    so no part of a personnummer survives the cut). ``maskera`` reads a personnummer split inside its parts too;
    one whose digits are still a personnummer with the spaces taken out (runs of separators longer than
    ``maskera`` joins) costs the text all its digits."""
    if not text:
        return ""
    text = skar(text.translate(_STYRTECKEN), _FORHANDSGRANS)
    if not text.isprintable():
        text = "".join(map(_synligt, text))
    text = maskera(" ".join(text.split()))
    if innehaller_personnummer(text.replace(" ", "")):
        text = re.sub(r"\d", "#", text)
    return skar(text, HOGSTA_TEXTLANGD)


_DATUM = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})(?:Z|[+-][0-9]{2}:[0-9]{2})?")
_DECIMAL = re.compile(r"[+-]?(?:[0-9]{1,15}(?:\.[0-9]{0,12})?|\.[0-9]{1,12})")
_HELTAL = re.compile(r"[+-]?[0-9]{1,15}")
_KOD = re.compile(r"[A-Za-z0-9ÅÄÖåäö_]{1,20}(?::[A-Za-z0-9ÅÄÖåäö_]{1,20})?")
_IDENTITET = re.compile(r"((?:18|19|20)?)([0-9]{6})[-+]?([0-9]{4})")


def som_kalenderdag(ar: str, manad: str, dag: str, falt: str, forsta: datetime.date) -> datetime.date:
    try:
        datum = datetime.date(int(ar), int(manad), int(dag))
    except ValueError:
        raise ArendeFel(falt, "är inget giltigt datum") from None
    if not forsta <= datum <= SISTA_DAG:
        raise ArendeFel(falt, f"datumet ligger utanför åren {forsta.year}–{SISTA_DAG.year}")
    return datum


def som_dag(text: str, falt: str, forsta: datetime.date = FORSTA_DAG) -> datetime.date:
    """A date (``YYYY-MM-DD``, an XML Schema offset such as ``+01:00`` allowed and dropped)."""
    traff = _DATUM.fullmatch(text)
    if not traff:
        raise ArendeFel(falt, "är inget datum (ÅÅÅÅ-MM-DD)")
    ar, manad, dag = traff.groups()
    return som_kalenderdag(ar, manad, dag, falt, forsta)


def som_historisk_dag(text: str, falt: str) -> datetime.date:
    return som_dag(text, falt, FORSTA_HISTORISKA_DAG)


def som_tal(varde: float, falt: str, hogsta: float) -> float:
    if not math.isfinite(varde):
        raise ArendeFel(falt, "ska vara ett ändligt tal")
    if abs(varde) > hogsta:
        raise ArendeFel(falt, f"orimligt belopp (högst {hogsta:.0f} kr)")
    return float(varde)


def som_belopp(text: str, falt: str) -> float:
    """An amount in kronor written as an ``xs:decimal``; at most ``HOGSTA_BELOPP`` either way."""
    if not _DECIMAL.fullmatch(text):
        raise ArendeFel(falt, "är inget belopp")
    return som_tal(float(text), falt, HOGSTA_BELOPP)


def som_kapital(text: str, falt: str) -> float:
    if not _DECIMAL.fullmatch(text):
        raise ArendeFel(falt, "är inget belopp")
    return som_tal(float(text), falt, HOGSTA_KAPITAL)


def som_heltal(text: str, falt: str) -> int:
    if not _HELTAL.fullmatch(text):
        raise ArendeFel(falt, "är inget heltal")
    return int(text)


def som_sanning(text: str, falt: str) -> bool:
    if text in ("true", "1"):
        return True
    if text in ("false", "0"):
        return False
    raise ArendeFel(falt, "ska vara true eller false")


def som_text(text: str, falt: str) -> str:
    return text


def som_formankod(kod: str | None, myndighet: str, falt: str) -> str:
    """A benefit code as kept: ``FK:SJP`` (a code without a prefix gets the agency's), checked to be a code."""
    if kod is None or not kod.strip():
        return f"{myndighet}:OKAND"
    kod = kod.strip()
    if not _KOD.fullmatch(kod) or maskera(kod) != kod:
        raise ArendeFel(falt, "är ingen giltig förmånskod")
    return kod if ":" in kod else f"{myndighet}:{kod}"


def kontrollera_period(fran: datetime.date | None, till: datetime.date | None, falt: str) -> None:
    if fran is not None and till is not None and till < fran:
        raise ArendeFel(falt, "perioden slutar innan den börjar")


@dataclass
class Lasning:
    """What reading one answer carries along: the budgets and the identities seen."""

    bas: str  # ssbtek.<person>
    budget: Elementbudget = field(default_factory=Elementbudget)
    identiteter: list[tuple[str, str, str | None]] = field(default_factory=list)  # (falt, ten digits, twelve)
    antal_utbetalningar: int = 0

    def rakna_utbetalningar(self, antal: int, falt: str) -> None:
        self.antal_utbetalningar += antal
        if self.antal_utbetalningar > HOGSTA_ANTAL_UTBETALNINGAR:
            raise ArendeFel(falt, f"svaret har fler än {HOGSTA_ANTAL_UTBETALNINGAR} utbetalningar")

    def identitet(self, text: str | None, falt: str, sekel: str | None = None) -> None:
        """Note an identity the answer carries (10 or 12 digits; ``sekel`` the century of a 10-digit one)."""
        if text is None or not text.strip():
            return
        traff = _IDENTITET.fullmatch(text.strip())
        if not traff or (sekel is not None and sekel not in ("18", "19", "20")):
            raise ArendeFel(falt, "är inget giltigt person- eller samordningsnummer")
        arhundrade, datum, nummer = traff.groups()
        if arhundrade and sekel and arhundrade != sekel:
            raise ArendeFel(falt, "sekelsiffrorna stämmer inte med person- eller samordningsnumret")
        arhundrade = arhundrade or sekel or ""
        self.identiteter.append((falt, datum + nummer, arhundrade + datum + nummer if arhundrade else None))

    def samma_person(self) -> str:
        """The salted hash of the one person the answer is about ("" when it carries no identity)."""
        if not self.identiteter:
            return ""
        _, tio, tolv = self.identiteter[0]
        for falt, annan_tio, annan_tolv in self.identiteter[1:]:
            if annan_tio != tio or (tolv and annan_tolv and annan_tolv != tolv):
                raise ArendeFel(falt, "svaret gäller mer än en person")
            tolv = tolv or annan_tolv
        return hmac.new(_NYCKEL, tio.encode("ascii"), hashlib.sha256).hexdigest()
