"""The decision register (*beslutsregister*): a tamper-evident log of decisions, samples and reviews.

Every event is one row, appended, never changed (the chain: kedja.py, with the secret key in
nyckel.py, the anchors kept outside the database in ankare.py and the check in verifiering.py).
Events:

- ``beslut``: a decision made through ``bistand beslut --registrera`` or ``POST /beslut`` with a
  register, decided once: the case as the decision saw it and a copy of the decision JSON, both with
  person and household ids replaced by pseudonyms (pseudonym.py: the register keeps what the
  decision needs, not who it is about; the caller's own case reference links it to the case file),
  the rule version and the parameter hash, the time, what the register knew of last month, and the
  delegation in force that day (delegation.py: an input to the rules, ``delegation_galler``);
- ``stickprov`` and ``granskning``: samples of automated decisions and their review (kontroll.py).

``omprova`` recomputes recorded decisions with today's rules (omprovning.py).
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Mapping
from typing import Any

from openfisca_core import periods

from openfisca_sweden_bistand.arende.las import Arende
from openfisca_sweden_bistand.arende.underlag import fick_stod_forra_manaden
from openfisca_sweden_bistand.forklaring.beslut import Beslut, fatta_beslut
from openfisca_sweden_bistand.kontroll.registersvar import Registersvar
from openfisca_sweden_bistand.kontroll.underlag import Registerhistorik
from openfisca_sweden_bistand.personnummer import innehaller_personnummer
from openfisca_sweden_bistand.register import kontroll, omprovning
from openfisca_sweden_bistand.register.ankare import las_ankare, skriv_ankare
from openfisca_sweden_bistand.register.delegation import (
    Delegation,
    giltig_delegation,
    las_delegationer,
    med_delegation,
)
from openfisca_sweden_bistand.register.fel import RegisterFel, RegisterOtillgangligt
from openfisca_sweden_bistand.register.kedja import STANDARD_URL, Kedja
from openfisca_sweden_bistand.register.pseudonym import (
    HUSHALL,
    pseudonym_historik,
    pseudonym_kontroll,
    pseudonymer,
    pseudonymisera,
    pseudonymt_beslut,
    som_arendedata,
)
from openfisca_sweden_bistand.register.tabeller import nu
from openfisca_sweden_bistand.register.verifiering import Rad
from openfisca_sweden_bistand.system import skattesystem

# Imported from here by namndrapport.py, cli.py (STANDARD_URL) and webb.py; the rest of the register's
# names from their own modules.
__all__ = ["STANDARD_URL", "Register", "RegisterFel", "RegisterOtillgangligt", "las_ankare", "las_delegationer",
           "skriv_ankare"]


class Register(Kedja):
    """The register at ``url`` (the arguments of ``Kedja``): records decisions; replays, samples and
    reviews them."""

    def registrera_beslut(self, arende: Arende, delegationer: list[Delegation] | None,
                          arende_referens: str | None = None, tidpunkt: datetime.datetime | None = None,
                          system: Any = None, ssbtek: Mapping[str, Registersvar] | None = None) -> tuple[Beslut, Rad]:
        """Decide ``arende`` once (against the adults' SSBTEK answers ``ssbtek``, when given) and record the
        decision with its checks and each answer's checksum, never an answer itself. An automated decision
        needs a delegation valid on the day it is made: without one the rules send it to a caseworker
        (skal_ingen_delegation)."""
        if arende_referens is not None and innehaller_personnummer(arende_referens):
            raise RegisterFel("ärendereferensen får inte innehålla ett personnummer: använd ärendesystemets "
                              "diarienummer")
        tidpunkt = tidpunkt or nu()
        if arende.beslutsdatum is None:  # decided today: the register records the day
            arende = arende.med_beslutsdatum(tidpunkt.date().isoformat())
        arende, historik = self.med_historik(arende, arende_referens)
        delegation = giltig_delegation(delegationer or [], datetime.date.fromisoformat(str(arende.beslutsdatum)))
        arende = med_delegation(arende, delegation is not None)
        beslut = fatta_beslut(arende, system or skattesystem(), registerhistorik=historik, ssbtek=ssbtek)
        kontroll = beslut.underlag.registerkontroll if beslut.underlag else None
        innehall = {
            "arende": som_arendedata(pseudonymisera(arende)),
            "beslut": pseudonymt_beslut(beslut.som_dict(), arende),
            "delegation": delegation.som_dict() if delegation else None,  # in force that day, automated or not
            "arende_referens": arende_referens,
            "registerhistorik": pseudonym_historik(historik.som_dict(), arende),
            # the checks and what the registers gave, so that the decision replays without the answers
            "registerkontroll": pseudonym_kontroll(kontroll.som_dict(), arende) if kontroll else None,
        }
        rad = self.lagg_till("beslut", innehall, period=arende.period, utfall=beslut.utfall,
                             automatiserat=beslut.automatiserat, hushallstyp=hushallstyp(arende), tidpunkt=tidpunkt)
        return beslut, rad

    def med_historik(self, arende: Arende, arende_referens: str | None) -> tuple[Arende, Registerhistorik]:
        """Last month's support, amount and household size from the register, not from the caller.

        The register's last decision for ``arende_referens`` the month before the case supplies
        ``forsorjningsstod_foregaende_manad`` and ``antal_personer_foregaende_manad`` (their source: the
        register's own record), and tells which of this month's facts are the same as in that decision's case
        (their source, when the applicant gave them: unchanged since last month, which the nämnd's policy may
        accept); a claimed history that disagrees with it goes to a caseworker (historik_motsager_register),
        and a case reference the register has not seen that month (or no reference) is a first application."""
        forra = str(periods.period(arende.period).offset(-1))
        tidigare = self.senaste_beslut(arende_referens, forra) if arende_referens else None
        if tidigare is None:
            return arende, Registerhistorik(forsta_ansokan=True, motsager=False)
        belopp = forsorjningsstod_i_beslut(tidigare["beslut"])
        antal = len(tidigare["arende"]["personer"])
        fakta = {"forsorjningsstod_foregaende_manad": belopp, "antal_personer_foregaende_manad": antal}
        fran_registret = arende.med_hushallsfakta(fakta, angivna=True)
        return fran_registret, Registerhistorik(
            forsta_ansokan=False, motsager=_motsager(arende, belopp, antal), beslutsmanad=forra,
            fran_registret=tuple(f"hushallen.{arende.hushall_id}.{namn}" for namn in fakta),
            oforandrade=_oforandrade(arende, tidigare["arende"], forra))

    def senaste_beslut(self, arende_referens: str, period: str) -> dict[str, Any] | None:
        """The last decision recorded for ``arende_referens`` about ``period`` (its content), or None."""
        senaste = None
        for rad in self.rader("beslut", period):
            innehall = json.loads(rad["innehall"])
            if innehall.get("arende_referens") == arende_referens:
                senaste = innehall
        return senaste

    def omprova(self, fran: datetime.date | None = None, till: datetime.date | None = None,
                system: Any = None) -> list[dict[str, Any]]:
        """Recompute recorded decisions with today's rules; every decision whose outcome or amount would differ."""
        return omprovning.omprova(self, fran, till, system)

    def stickprov(self, andel: float, seed: int, period: str) -> dict[str, Any]:
        return kontroll.stickprov(self, andel, seed, period)

    def granska(self, beslut_lopnummer: int, resultat: str, kommentar: str = "") -> dict[str, Any]:
        return kontroll.granska(self, beslut_lopnummer, resultat, kommentar)

    def felfrekvens(self, period: str) -> dict[str, Any]:
        """Reviewed sampled decisions of the month: error rate with a 95 % Wilson interval."""
        return kontroll.felfrekvens(self, period)


def forsorjningsstod_i_beslut(beslut: dict[str, Any]) -> float:
    """The försörjningsstöd a recorded decision granted: its amount, less a one-off bistånd to livsföring i övrigt
    (so that next month's change rule compares like with like). A decision recorded before the split has only
    ``belopp``."""
    forsorjningsstod = (beslut.get("delbelopp") or {}).get("forsorjningsstod")
    return float(beslut["belopp"] if forsorjningsstod is None else min(beslut["belopp"], forsorjningsstod))


def _motsager(arende: Arende, belopp: float, antal: int) -> bool:
    """Whether the case's own claim about last month disagrees with the register's."""
    hushall = arende.hushall()
    pastatt_belopp = (hushall.get("forsorjningsstod_foregaende_manad") or {}).get(arende.period)
    pastatt_antal = (hushall.get("antal_personer_foregaende_manad") or {}).get(arende.period)
    return (
        (pastatt_belopp is not None and pastatt_belopp != belopp)
        or (pastatt_antal is not None and pastatt_antal != antal)
        or fick_stod_forra_manaden(arende) != (belopp > 0)
    )


def _oforandrade(arende: Arende, tidigare: dict[str, Any], forra: str) -> tuple[str, ...]:
    """The fields of ``arende`` (for its month) whose value is the one last month's recorded case gave (for
    that month). The recorded case is pseudonymised: the household and each person are matched by pseudonym
    (person1, person2 … in the order of the case's persons)."""
    namn = pseudonymer(arende)
    par = [("hushallen", arende.hushall_id, HUSHALL)] + [("personer", p, namn.personer[p])
                                                        for p in arende.situation["personer"]]
    lika = []
    for grupp, entitet, pseudonym in par:
        fore = tidigare.get(grupp, {}).get(pseudonym, {})
        for variabel, varden in arende.situation[grupp][entitet].items():
            if not isinstance(varden, dict) or varden.get(arende.period) is None:
                continue
            forra_vardet = fore.get(variabel)
            if isinstance(forra_vardet, dict) and forra_vardet.get(forra) == varden[arende.period]:
                lika.append(f"{grupp}.{entitet}.{variabel}")
    return tuple(lika)


def hushallstyp(arende: Arende) -> str:
    hushall = arende.hushall()
    vuxna = "sambor" if len(hushall.get("vuxna", [])) == 2 else "ensamstaende"
    return f"{vuxna}_{'med' if hushall.get('barnen') else 'utan'}_barn"
