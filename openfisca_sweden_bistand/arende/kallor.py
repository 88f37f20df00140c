"""Where each fact of a case comes from (*källa*): the applicant, a register, a caseworker, the decision register.

Every fact a case gives has a source. By default it is the applicant's own statement (``sokande``). A case
may say otherwise for a fact, under the top-level key ``kallor``, keyed by the fact's field::

    "kallor": {
      "hushallen.hushallet.boendekostnad": {"typ": "handlaggare", "av": "Handläggare 4711",
                                            "datum": "2026-02-10", "anmarkning": "hyresavi för mars"}
    }

A caller may name two sources: ``sokande`` and ``handlaggare`` (a caseworker confirmed the fact: who, as
the case system records it, and on what day; what was checked is optional). The other two are set only by
the decision function, never by a caller: ``register`` (read in an SSBTEK answer: agency, benefit code,
payment dates and amounts, the month, when the answer was fetched; ``kontroll/jamforelse.py``) and
``beslutsregister`` (the same as in the municipality's decision register for last month's decision;
``register/lagring.py``). ``Kalla.text`` is what the letter, the web page and the explanation say.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from openfisca_sweden_bistand import text
from openfisca_sweden_bistand.arende.validering import ArendeFel, las_dag
from openfisca_sweden_bistand.personnummer import innehaller_personnummer

SOKANDE, HANDLAGGARE, REGISTER, BESLUTSREGISTER = "sokande", "handlaggare", "register", "beslutsregister"
TYPER = (SOKANDE, HANDLAGGARE, REGISTER, BESLUTSREGISTER)
ANGES_AV_ANROPARE = (SOKANDE, HANDLAGGARE)
HOGSTA_TEXT = 200
# The agencies whose answers SSBTEK carries, with Pensionsmyndigheten (inside Försäkringskassan's answer):
# the ``kalla`` of a check and the agency a register source names.
MYNDIGHETSNAMN: dict[str, str] = {
    "AF": "Arbetsförmedlingen",
    "CSN": "CSN",
    "FK": "Försäkringskassan",
    "PM": "Pensionsmyndigheten",
    "SKV": "Skatteverket",
    "SO": "arbetslöshetskassan",
    "TNS": "Transportstyrelsen",
    "MIV": "Migrationsverket",
}
@dataclass(frozen=True)
class Utbetalningsuppgift:
    """A payment a register reported, as a source shows it."""

    datum: str  # YYYY-MM-DD: the day it was paid (inkomstprincipen: it counts in that month)
    belopp: float
    formankod: str
    period: str | None = None  # the period it covers, "YYYY-MM-DD–YYYY-MM-DD", when the answer says


@dataclass(frozen=True)
class Kalla:
    """The source of one fact."""

    typ: str  # one of TYPER
    av: str | None = None  # handlaggare: who confirmed it
    datum: str | None = None  # handlaggare: the day (YYYY-MM-DD)
    anmarkning: str = ""  # handlaggare: what was checked
    myndigheter: tuple[str, ...] = ()  # register: the agencies (keys of MYNDIGHETSNAMN: FK, PM, SO, CSN …)
    manad: str | None = None  # register: the month the payments were made (YYYY-MM)
    utbetalningar: tuple[Utbetalningsuppgift, ...] = ()  # register: the payments counted
    hamtad: str | None = None  # register: when the answer was fetched (ISO 8601), when it says
    summa: bool = False  # register: the register confirmed a sum this fact is part of (underhållsstöd)
    beslutsmanad: str | None = None  # beslutsregister: the month of the earlier decision
    oforandrad: bool = True  # beslutsregister: the same as then (False: the register's own record, e.g. its amount)

    def text(self) -> str:
        """The source in Swedish, for the letter, the web page and the explanation of the calculation."""
        if self.typ == HANDLAGGARE:
            anm = f" ({self.anmarkning})" if self.anmarkning else ""
            return f"bekräftad av handläggare: {self.av}, {self.datum}{anm}"
        if self.typ == BESLUTSREGISTER:
            sedan = "oförändrad sedan" if self.oforandrad else "enligt"
            return f"{sedan} beslutet för {text.manad(str(self.beslutsmanad))} (beslutsregistret)"
        if self.typ == REGISTER:
            return self._registertext()
        return "sökandens uppgift"

    def _registertext(self) -> str:
        myndighet = " och ".join(MYNDIGHETSNAMN.get(m, m) for m in self.myndigheter) or "register"
        if self.utbetalningar:
            dagar = ", ".join(dict.fromkeys(u.datum for u in self.utbetalningar))
            vad = f"utbetald {dagar}"
        else:
            vad = f"ingen utbetalning i {text.manad(str(self.manad))}" if self.manad else "ingen utbetalning"
        summa = "; summan för hushållet stämmer" if self.summa else ""
        hamtad = f"; hämtad {self.hamtad[:16].replace('T', ' ')}" if self.hamtad else ""
        return f"uppgift från {myndighet} via SSBTEK, {vad}{summa}{hamtad}"

    def som_dict(self) -> dict[str, Any]:
        """The source in the decision JSON: its type and text, and the details of that type."""
        data: dict[str, Any] = {"typ": self.typ, "text": self.text()}
        if self.typ == HANDLAGGARE:
            data |= {"av": self.av, "datum": self.datum, "anmarkning": self.anmarkning}
        elif self.typ == REGISTER:
            data |= {
                "myndigheter": list(self.myndigheter), "manad": self.manad, "hamtad": self.hamtad,
                "utbetalningar": [vars(u) for u in self.utbetalningar], "summa": self.summa,
            }
        elif self.typ == BESLUTSREGISTER:
            data |= {"beslutsmanad": self.beslutsmanad, "oforandrad": self.oforandrad}
        return data


SOKANDENS = Kalla(SOKANDE)


def _text(varde: Any, falt: str, kravs: bool) -> str:
    """A short free text of a source (who confirmed, a remark): no personnummer, no control characters."""
    if varde is None and not kravs:
        return ""
    if not isinstance(varde, str) or not varde.strip() or len(varde) > HOGSTA_TEXT:
        raise ArendeFel(falt, f"ska vara en text på 1–{HOGSTA_TEXT} tecken")
    if any(ord(tecken) < 32 or 127 <= ord(tecken) < 160 for tecken in varde):
        raise ArendeFel(falt, "får inte innehålla styrtecken")
    if innehaller_personnummer(varde):
        raise ArendeFel(falt, "får inte innehålla ett personnummer: ange handläggarens namn eller användar-id")
    return varde.strip()


def las_kalla(data: Any, falt: str) -> Kalla:
    """One source as a caller gives it: ``sokande``, or ``handlaggare`` with ``av`` and ``datum``."""
    if not isinstance(data, dict):
        raise ArendeFel(falt, 'ska vara ett objekt, t.ex. {"typ": "handlaggare", "av": "…", "datum": "ÅÅÅÅ-MM-DD"}')
    typ = data.get("typ")
    if typ in (REGISTER, BESLUTSREGISTER):
        raise ArendeFel(f"{falt}.typ", f"{typ} sätts av beslutsfunktionen (SSBTEK-svaren, beslutsregistret) och "
                                       "kan inte anges")
    if typ not in ANGES_AV_ANROPARE:
        raise ArendeFel(f"{falt}.typ", f"ska vara {' eller '.join(ANGES_AV_ANROPARE)}")
    tillatna = {"typ"} | ({"av", "datum", "anmarkning"} if typ == HANDLAGGARE else set())
    if okanda := sorted(set(data) - tillatna):
        raise ArendeFel(f"{falt}.{okanda[0]}", f"okänd nyckel för källan {typ}")
    if typ == SOKANDE:
        return SOKANDENS
    return Kalla(HANDLAGGARE, av=_text(data.get("av"), f"{falt}.av", True),
                 datum=las_dag(data.get("datum"), f"{falt}.datum"),
                 anmarkning=_text(data.get("anmarkning"), f"{falt}.anmarkning", False))


def las_kallor(data: Any, angivna: dict[str, set[str]], grupper: dict[str, str]) -> dict[str, Kalla]:
    """The ``kallor`` of a case: a source for a fact the case gives for its month (``angivna``: entity id →
    variables given; ``grupper``: entity id → ``personer`` or ``hushallen``)."""
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ArendeFel("kallor", "ska vara ett objekt med en källa per uppgift, nycklad med fältet "
                                  "(t.ex. hushallen.hushallet.boendekostnad)")
    kallor = {}
    giltiga = {f"{grupp}.{entitet}.{namn}" for entitet, grupp in grupper.items() for namn in angivna.get(entitet, ())}
    for nummer, (falt, kalla) in enumerate(data.items(), 1):
        if falt not in giltiga:
            raise ArendeFel(f"kallor (nr {nummer})", "anger källan till en uppgift som ärendet inte anger för sin "
                                                      "månad; nyckeln är fältet, t.ex. personer.<id>.<variabel>")
        kallor[falt] = las_kalla(kalla, f"kallor.{falt}")
    return kallor


def som_indata(kallor: dict[str, Kalla]) -> dict[str, dict[str, Any]]:
    """The sources a caller gave, as the case reader reads them (a case's ``kallor``; the decision function's own,
    register and beslutsregister, are left out)."""
    ut: dict[str, dict[str, Any]] = {}
    for falt, kalla in kallor.items():
        if kalla.typ == HANDLAGGARE:
            ut[falt] = {"typ": HANDLAGGARE, "av": kalla.av, "datum": kalla.datum,
                        **({"anmarkning": kalla.anmarkning} if kalla.anmarkning else {})}
        elif kalla.typ == SOKANDE:
            ut[falt] = {"typ": SOKANDE}
    return ut


def kalla_fran_dict(data: dict[str, Any]) -> Kalla:
    """A source from its JSON (``Kalla.som_dict``), as the register stores it: every type."""
    typ = data["typ"]
    if typ == REGISTER:
        return Kalla(REGISTER, myndigheter=tuple(data["myndigheter"]), manad=data["manad"], hamtad=data["hamtad"],
                     utbetalningar=tuple(Utbetalningsuppgift(**u) for u in data["utbetalningar"]),
                     summa=bool(data.get("summa")))
    if typ == BESLUTSREGISTER:
        return Kalla(BESLUTSREGISTER, beslutsmanad=data["beslutsmanad"], oforandrad=bool(data["oforandrad"]))
    if typ == HANDLAGGARE:
        return Kalla(HANDLAGGARE, av=data["av"], datum=data["datum"], anmarkning=data.get("anmarkning", ""))
    return SOKANDENS


def iso(tid: datetime.datetime | None) -> str | None:
    return None if tid is None else tid.isoformat(timespec="minutes")
