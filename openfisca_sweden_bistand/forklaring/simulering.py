"""The one place a case becomes an OpenFisca simulation."""

from __future__ import annotations

import copy
from typing import Any

from openfisca_core.errors import SituationParsingError
from openfisca_core.simulations import SimulationBuilder

from openfisca_sweden_bistand.arende.las import Arende, ArendeFel, forsta_felet
from openfisca_sweden_bistand.system import system_for


def bygg_simulering(arende: Arende, system: Any = None) -> Any:
    """An OpenFisca simulation of the case; anything OpenFisca refuses is an ``ArendeFel`` naming the field.

    An input variable (one without a formula) whose every value is its default is left out: OpenFisca takes
    the default for it anyway, and building each value given costs more than computing the rest of a
    decision (a fact given as 0, such as an income a register reports none of, is no less given: the case
    keeps it, ``Arende.angivna``, and the checks and the explanation read it there)."""
    system = system_for(arende.kommun, system)
    try:
        return SimulationBuilder().build_from_entities(system, _utan_standardvarden(arende.situation, system))
    except SituationParsingError as fel:
        raise ArendeFel(*forsta_felet(fel.error)) from None


def _utan_standardvarden(situation: dict[str, Any], system: Any) -> dict[str, Any]:
    """A copy of ``situation`` without the input variables whose every value is the variable's default."""
    ut: dict[str, Any] = {}
    for grupp, entiteter in situation.items():
        ut[grupp] = {}
        for entitet_id, varden in entiteter.items():
            ut[grupp][entitet_id] = {
                namn: copy.deepcopy(varde) for namn, varde in varden.items()
                if not _bara_standardvarde(system.variables.get(namn), varde)
            }
    return ut


def _bara_standardvarde(variabel: Any, varde: Any) -> bool:
    if variabel is None or variabel.formulas or not isinstance(varde, dict) or not varde:
        return False
    return all(_samma(v, variabel.default_value) for v in varde.values())


def _samma(varde: Any, standard: Any) -> bool:
    """The same value as the default: a boolean only as a boolean, a number as a number (0.0 is 0)."""
    if isinstance(standard, bool) or isinstance(varde, bool):
        return type(varde) is type(standard) and varde == standard
    return isinstance(varde, int | float) and isinstance(standard, int | float) and varde == standard
