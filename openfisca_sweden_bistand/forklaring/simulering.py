"""The one place a case becomes an OpenFisca simulation."""

from __future__ import annotations

import copy
from typing import Any

import numpy as np
from openfisca_core import periods
from openfisca_core.errors import SituationParsingError
from openfisca_core.simulations import Simulation, SimulationBuilder

from openfisca_sweden_bistand.arende.las import Arende, ArendeFel, forsta_felet
from openfisca_sweden_bistand.system import system_for


def bygg_simulering(arende: Arende, system: Any = None) -> Any:
    """An OpenFisca simulation of the case; anything OpenFisca refuses is an ``ArendeFel`` naming the field.

    An input variable (one without a formula) whose every value is its default is left out: OpenFisca takes
    the default for it anyway, and building each value given costs more than computing the rest of a
    decision (a fact given as 0, such as an income a register reports none of, is no less given: the case
    keeps it, ``Arende.angivna``, and the checks and the explanation read it there).

    The case has been read and checked (``arende.las``), so the simulation is set from it directly (``_bygg``),
    as OpenFisca's ``SimulationBuilder`` would set it (a test compares every value of the two on every example
    and YAML case); whatever the direct build cannot take goes to OpenFisca's builder, which names the field."""
    system = system_for(arende.kommun, system)
    situation = _utan_standardvarden(arende.situation, system)
    try:
        return _bygg(system, situation)
    except Exception:  # noqa: BLE001, S110 - OpenFisca's builder below refuses it by field, or builds it
        pass
    try:
        return SimulationBuilder().build_from_entities(system, situation)
    except SituationParsingError as fel:
        raise ArendeFel(*forsta_felet(fel.error)) from None


def _bygg(system: Any, situation: dict[str, Any]) -> Simulation:
    """The simulation ``SimulationBuilder.build_from_entities`` builds from a checked case, without its round trips:
    ids, each person's household and Role, then each variable's values per period (each checked by the variable's
    ``check_set_value``), the shorter periods first, as the builder sets them."""
    populationer = system.instantiate_entities()
    personer, hushallen = populationer["person"], populationer["hushall"]
    person_ids, hushall_ids = list(situation["personer"]), list(situation["hushallen"])
    personer.ids, personer.count = np.array(person_ids), len(person_ids)
    hushallen.ids, hushallen.count = np.array(hushall_ids), len(hushall_ids)
    hushallen.members_entity_id, hushallen.members_role = _medlemskap(hushallen.entity, person_ids, situation)
    simulering = Simulation(system, populationer)
    rollnamn = {roll.plural for roll in hushallen.entity.roles}
    _satt_varden(personer, situation["personer"], set())
    _satt_varden(hushallen, situation["hushallen"], rollnamn)
    return simulering


def _medlemskap(entitet: Any, person_ids: list[str], situation: dict[str, Any]) -> tuple[np.ndarray, np.ndarray]:
    """Each person's household (its position) and Role; a person in no household or in two: ValueError."""
    plats = {pid: i for i, pid in enumerate(person_ids)}
    tillhor = np.full(len(person_ids), -1, dtype=np.int64)
    roller = np.empty(len(person_ids), dtype=object)
    for nummer, data in enumerate(situation["hushallen"].values()):
        for roll in entitet.roles:
            for pid in data.get(roll.plural) or ():
                if tillhor[plats[pid]] >= 0:
                    raise ValueError("en person i två roller")
                tillhor[plats[pid]], roller[plats[pid]] = nummer, roll
    if (tillhor < 0).any():
        raise ValueError("en person utan hushåll")
    return tillhor, roller


def _satt_varden(population: Any, entiteter: dict[str, Any], hoppa_over: set[str]) -> None:
    """Every value the entities give, one array per variable and period (the default for an entity without one)."""
    varden: dict[str, dict[Any, np.ndarray]] = {}
    for nummer, data in enumerate(entiteter.values()):
        for namn, per_period in data.items():
            if namn in hoppa_over:
                continue
            variabel = population.entity.get_variable(namn, check_existence=True)
            for period_text, varde in per_period.items():
                if varde is None:
                    continue
                period = periods.period(period_text)
                array = varden.setdefault(namn, {}).get(period)
                if array is None:
                    array = varden[namn][period] = variabel.default_array(population.count)
                array[nummer] = variabel.check_set_value(varde)
    for namn, per_period in varden.items():
        holder = population.get_holder(namn)
        for period in sorted(per_period, key=periods.key_period_size):
            if holder.variable.end is None or period.start.date <= holder.variable.end:
                holder.set_input(period, per_period[period])


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
