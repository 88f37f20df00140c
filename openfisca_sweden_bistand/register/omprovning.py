"""Replay (*omprövning*): recorded decisions recomputed from their recorded cases with today's rules.

Each decision is recomputed as it was decided: on its stored (pseudonymised) case, on its decision
date, with what the register knew that day (``registerhistorik``), the register check as it came out
(``registerkontroll``: the checks and the registers' amounts, never the answers) and the delegation then in
force (``delegation``, stored beside the case: the case reader refuses the facts the decision function sets).
"""

from __future__ import annotations

import datetime
import json
from typing import Any

from openfisca_sweden_bistand.arende.las import las_arende
from openfisca_sweden_bistand.forklaring.beslut import Beslut, fatta_beslut
from openfisca_sweden_bistand.kontroll.jamforelse import Registerkontroll
from openfisca_sweden_bistand.kontroll.underlag import Registerhistorik, kontrollera
from openfisca_sweden_bistand.register.delegation import med_delegation
from openfisca_sweden_bistand.register.kedja import Kedja
from openfisca_sweden_bistand.system import skattesystem

REGELHASHAR = ("parametrar_sha256", "variabler_sha256")


def omprova(kedja: Kedja, fran: datetime.date | None = None, till: datetime.date | None = None,
            system: Any = None) -> list[dict[str, Any]]:
    """Recompute recorded decisions with today's rules; every decision whose outcome or amount would differ."""
    system = system or skattesystem()
    skillnader = []
    for rad in kedja.rader("beslut"):
        dag = datetime.date.fromisoformat(rad["tidpunkt"][:10])
        if (fran and dag < fran) or (till and dag > till):
            continue
        skillnad = _skillnad(rad, json.loads(rad["innehall"]), system)
        if skillnad is not None:
            skillnader.append(skillnad)
    return skillnader


def beslut_pa_nytt(innehall: dict[str, Any], system: Any) -> Beslut:
    """The decision on a recorded case, as on the day it was decided, with ``system``'s rules: with what the
    register knew that day, and the register check as it came out (the answers themselves are never kept)."""
    historik = innehall.get("registerhistorik")  # what the register knew that day
    arende = med_delegation(las_arende(innehall["arende"], system), innehall.get("delegation") is not None)
    kontroll = innehall.get("registerkontroll")
    underlag = kontrollera(arende, system, registerhistorik=Registerhistorik.fran_dict(historik) if historik else None,
                           registerkontroll=Registerkontroll.fran_dict(kontroll) if kontroll else None)
    return fatta_beslut(underlag, system)


def _skillnad(rad: dict[str, Any], innehall: dict[str, Any], system: Any) -> dict[str, Any] | None:
    registrerat = innehall["beslut"]
    nytt = beslut_pa_nytt(innehall, system)
    if (nytt.utfall, nytt.belopp) == (registrerat["utfall"], registrerat["belopp"]):
        return None
    andrade = {k for k in REGELHASHAR if registrerat["regelversion"].get(k) != nytt.regelversion.get(k)}
    return {
        "lopnummer": rad["lopnummer"], "period": rad["period"], "tidpunkt": rad["tidpunkt"],
        "arende_referens": innehall.get("arende_referens"),
        "registrerat": {"utfall": registrerat["utfall"], "belopp": registrerat["belopp"],
                        "regelversion": registrerat["regelversion"]},
        "idag": {"utfall": nytt.utfall, "belopp": nytt.belopp, "regelversion": nytt.regelversion},
        "andrade_regler": sorted(andrade),
    }
