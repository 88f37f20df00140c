"""The checked case (*beslutsunderlag*): every fact with its source, the checks, and what the rules are told.

``kontrollera(arende, …)`` is the one step between reading a case and computing it. In order:

1. the decision day: the case's, else today (``idag``);
2. with register answers (SSBTEK, one per adult), the comparison (``jamforelse.py``): the registers' amounts
   become the facts, each with its source, and every check is kept; a decision replayed from the decision
   register gives the recorded comparison instead (``Registerkontroll``), since the answers are never kept;
3. with the decision register's history, last month's amount and household size, and which facts are the
   same as in last month's decision (``Registerhistorik``);
4. the facts a decision needs (``arende/underlag.py``): which are missing, which are for other months, and the
   source of each one given: the applicant, a caseworker, a register, the decision register;
5. the facts the rules read (``variables/beslut/indata.py``, ``variables/kontroll.py``), set on the household for the
   month: ``uppgifter_kompletta`` and the others no caller may set.

The result, ``Underlag``, is what ``forklaring/`` computes, explains and decides on: it builds the simulation
once from ``Underlag.arende`` and reaches back into no earlier step.
"""

from __future__ import annotations

import copy
import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from openfisca_sweden_bistand.arende.kallor import BESLUTSREGISTER, HANDLAGGARE, REGISTER, SOKANDE, Kalla
from openfisca_sweden_bistand.arende.las import Arende, ArendeFel
from openfisca_sweden_bistand.arende.underlag import BARN, HUSHALL, Uppgift, behovda, uppgifter_utanfor_manaden
from openfisca_sweden_bistand.kontroll import formankoder
from openfisca_sweden_bistand.kontroll.jamforelse import (
    AVVIKER,
    EJ_KONTROLLERBAR,
    SAKNAS_I_ANSOKAN,
    UNDERHALLSSTOD_FOR_BARNET,
    Kontroll,
    Registerkontroll,
    jamfor,
)
from openfisca_sweden_bistand.kontroll.registersvar import Registersvar
from openfisca_sweden_bistand.system import system_for


@dataclass(frozen=True)
class Registerhistorik:
    """What the decision register knows of the case before this month (register/lagring.py supplies it)."""

    forsta_ansokan: bool  # no decision recorded for the case reference last month
    motsager: bool  # the case's claimed last month disagrees with the register's
    beslutsmanad: str | None = None  # the month of last month's recorded decision
    fran_registret: tuple[str, ...] = ()  # fields the register gives itself (last month's amount and size)
    oforandrade: tuple[str, ...] = ()  # fields whose value is the same as in last month's recorded case

    def som_fakta(self) -> dict[str, bool]:
        return {"forsta_ansokan_enligt_register": self.forsta_ansokan, "historik_motsager_register": self.motsager}

    def som_dict(self) -> dict[str, Any]:
        return {"forsta_ansokan": self.forsta_ansokan, "motsager": self.motsager, "beslutsmanad": self.beslutsmanad,
                "fran_registret": list(self.fran_registret), "oforandrade": list(self.oforandrade)}

    @classmethod
    def fran_dict(cls, data: dict[str, Any]) -> Registerhistorik:
        """As the decision register recorded it (``som_dict``; an entry from before 2026-12 has only the first two)."""
        return cls(bool(data["forsta_ansokan"]), bool(data["motsager"]), data.get("beslutsmanad"),
                   tuple(data.get("fran_registret", ())), tuple(data.get("oforandrade", ())))


@dataclass(frozen=True)
class Uppgiftskalla:
    """A fact the decision needs and gives, with its source; ``registerford``: a register reports it."""

    falt: str
    kalla: Kalla
    registerford: bool

    def kontrollerad(self) -> bool:
        """A register or a caseworker confirmed it, or it is the decision register's own record (last month's
        amount); what the nämnd's policy may accept besides (an unchanged fact) is for the rules to say."""
        return self.kalla.typ in (REGISTER, HANDLAGGARE) or (self.kalla.typ == BESLUTSREGISTER
                                                             and not self.kalla.oforandrad)


@dataclass
class Underlag:
    """The case as the rules compute it, with every fact's source and every check."""

    arende: Arende  # the registers' amounts in, the decision function's facts set for the month
    saknade: list[str]  # fields of facts the decision needs and the case does not give
    utanfor: list[str]  # values for months the case is not about
    uppgifter: list[Uppgiftskalla]  # every fact the decision needs and the case gives, with its source
    beslutsfakta: dict[str, Any]  # the household facts set for the month (replayed as a YAML test)
    registerkontroll: Registerkontroll | None = None  # None: no register was asked
    registerhistorik: Registerhistorik | None = None

    @property
    def kallor(self) -> dict[str, Kalla]:
        """The source of every fact the decision needs and the case gives, by field."""
        return {u.falt: u.kalla for u in self.uppgifter}

    @property
    def kontroller(self) -> tuple[Kontroll, ...]:
        return self.registerkontroll.kontroller if self.registerkontroll else ()

    def utan_kontroll(self) -> list[Uppgiftskalla]:
        """The facts no register or caseworker confirmed: the applicant's word alone, or a fact the same as last
        month's decision. Each keeps the decision from being automated, or does under the nämnd's policy."""
        return [u for u in self.uppgifter if not u.kontrollerad()]


def _med_fakta(arende: Arende, fakta: Mapping[str, Any], kallor: Mapping[str, Kalla]) -> Arende:
    """A copy of ``arende`` with each fact (by field) set for its month, given, with its source.

    Only the path to each fact is copied (the situation, its group, the entity and the fact's months): the
    rest is shared with ``arende``, which is not changed, and nothing here changes it either."""
    kopia = copy.copy(arende)
    kopia.situation = dict(arende.situation)
    kopia.angivna = {k: set(v) for k, v in arende.angivna.items()}
    kopia.kallor = {**arende.kallor, **kallor}
    kopierade: set[tuple[str, str]] = set()
    for falt, varde in fakta.items():
        grupp, entitet, namn = _dela(arende, falt)
        if (grupp, entitet) not in kopierade:
            if not any(g == grupp for g, _ in kopierade):
                kopia.situation[grupp] = dict(kopia.situation[grupp])
            kopia.situation[grupp][entitet] = dict(kopia.situation[grupp][entitet])
            kopierade.add((grupp, entitet))
        kopia.situation[grupp][entitet][namn] = {**kopia.situation[grupp][entitet].get(namn, {}), arende.period: varde}
        kopia.angivna.setdefault(entitet, set()).add(namn)
    return kopia


def _dela(arende: Arende, falt: str) -> tuple[str, str, str]:
    """``grupp.id.namn`` where the id itself may hold dots (the longest id of the case that fits)."""
    grupp, _, rest = falt.partition(".")
    ids = arende.situation[grupp]
    entitet = max((i for i in ids if rest.startswith(i + ".")), key=len)
    return grupp, entitet, rest[len(entitet) + 1:]


def _registerford(vem: str, namn: str, variabler: Mapping[str, tuple[str, ...]]) -> bool:
    """Whether a register reports this fact: an income a register pays, of an adult or the household (the
    registers are asked for the adults), or underhållsstöd given on a child (paid to the parent)."""
    if vem == BARN:
        return namn == UNDERHALLSSTOD_FOR_BARNET and "underhallsstod" in variabler
    return namn in variabler and (vem == HUSHALL) == (namn in ("bostadsbidrag", "barnbidrag", "underhallsstod"))


def _kallor(arende: Arende, behov: list[tuple[str, Uppgift, bool]], historik: Registerhistorik | None,
            variabler: Mapping[str, tuple[str, ...]], beslutsdag: datetime.date) -> list[Uppgiftskalla]:
    """Every fact the decision needs (``behov``) and the case gives, with its source."""
    oforandrade = set(historik.oforandrade) if historik else set()
    fran_registret = set(historik.fran_registret) if historik else set()
    uppgifter = []
    for falt, uppgift, angiven in behov:
        if not angiven:
            continue
        kalla = arende.kalla(falt)
        if kalla.typ == HANDLAGGARE and kalla.datum and kalla.datum > beslutsdag.isoformat():
            raise ArendeFel(f"kallor.{falt}.datum", "en handläggares bekräftelse kan inte vara daterad efter "
                                                    "beslutsdagen")
        if historik and historik.beslutsmanad and (falt in fran_registret or (kalla.typ == SOKANDE
                                                                              and falt in oforandrade)):
            kalla = Kalla(BESLUTSREGISTER, beslutsmanad=historik.beslutsmanad, oforandrad=falt not in fran_registret)
        uppgifter.append(Uppgiftskalla(falt, kalla, _registerford(uppgift.vem, uppgift.namn, variabler)))
    return uppgifter


def _kontrollfakta(uppgifter: list[Uppgiftskalla], kontroller: tuple[Kontroll, ...]) -> dict[str, bool]:
    """The facts ``variables/kontroll.py`` reads, from the sources and the checks."""
    ovriga = [u for u in uppgifter if not u.registerford]
    return {
        "uppgift_endast_fran_sokanden": any(u.kalla.typ == SOKANDE for u in ovriga),
        "uppgift_fran_beslutsregistret": any(u.kalla.typ == BESLUTSREGISTER and not u.kontrollerad() for u in ovriga),
        "registeruppgift_okontrollerad": (any(u.registerford and not u.kontrollerad() for u in uppgifter)
                                          or any(k.resultat == EJ_KONTROLLERBAR for k in kontroller)),
        "registeruppgift_avviker": any(k.resultat in (AVVIKER, SAKNAS_I_ANSOKAN) for k in kontroller),
        "registerupplysning": any(k.kraver_handlaggare and k.resultat not in (AVVIKER, SAKNAS_I_ANSOKAN,
                                                                               EJ_KONTROLLERBAR) for k in kontroller),
    }


def kontrollera(arende: Arende, system: Any = None, *, idag: datetime.date | None = None,
                ssbtek: Mapping[str, Registersvar] | None = None, registerkontroll: Registerkontroll | None = None,
                registerhistorik: Registerhistorik | None = None) -> Underlag:
    """The checked case: ``ssbtek`` (person id → that adult's answer) or a recorded ``registerkontroll``, and
    the decision register's ``registerhistorik``, each optional; decided on the case's day, else ``idag``
    (by default the system date)."""
    system = system_for(arende.kommun, system)
    if arende.beslutsdatum is None:
        arende = arende.med_beslutsdatum((idag or datetime.date.today()).isoformat())
    beslutsdag = datetime.date.fromisoformat(str(arende.beslutsdatum))
    if ssbtek is not None:
        registerkontroll = jamfor(arende, ssbtek, system, beslutsdag)
    if registerkontroll is not None:
        arende = _med_fakta(arende, registerkontroll.fakta, registerkontroll.kallor)
    variabler = formankoder.registervariabler(beslutsdag)
    behov = behovda(arende)
    saknade = [falt for falt, _, angiven in behov if not angiven]
    utanfor = uppgifter_utanfor_manaden(arende)
    uppgifter = _kallor(arende, behov, registerhistorik, variabler, beslutsdag)
    kontroller = registerkontroll.kontroller if registerkontroll else ()
    fakta = {
        "uppgifter_kompletta": not saknade,
        "uppgifter_utanfor_manaden": bool(utanfor),
        **(registerhistorik.som_fakta() if registerhistorik else {}),
        **_kontrollfakta(uppgifter, kontroller),
    }
    return Underlag(
        arende=arende.med_hushallsfakta(fakta),
        saknade=saknade,
        utanfor=utanfor,
        uppgifter=uppgifter,
        beslutsfakta={"beslutsdatum": arende.beslutsdatum, **fakta},
        registerkontroll=registerkontroll,
        registerhistorik=registerhistorik,
    )
