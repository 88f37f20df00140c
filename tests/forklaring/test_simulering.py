"""A case's simulation set directly from the checked case (forklaring/simulering._bygg) is the one OpenFisca's
SimulationBuilder builds: the same ids, households, roles and every input value of every period, and the same
decision, on every embedded example and every YAML case that can be read as a case."""

from __future__ import annotations

import copy
from pathlib import Path

import numpy as np
import pytest
import yaml
from openfisca_core import periods
from openfisca_core.simulations import SimulationBuilder

from openfisca_sweden_bistand import exempel
from openfisca_sweden_bistand.arende.las import ArendeFel, las_arende
from openfisca_sweden_bistand.forklaring import simulering as sim
from openfisca_sweden_bistand.forklaring.beslut import fatta_beslut
from openfisca_sweden_bistand.system import system_for
from openfisca_sweden_bistand.testfall.fran_test import arende_fran_fall

YAML = Path(__file__).resolve().parents[1] / "yaml"


def _arenden():
    for namn in exempel.namn():
        yield namn, las_arende(exempel.arende(namn))
    for fil in sorted(YAML.rglob("*.yaml")):
        for fall in yaml.safe_load(fil.read_text(encoding="utf-8")):
            try:
                yield f"{fil.name}: {fall['name']}", las_arende(arende_fran_fall(copy.deepcopy(fall))[0])
            except ArendeFel:
                continue


def _lika(direkt, byggd) -> int:
    """Assert the two simulations equal; the number of input arrays compared."""
    jamforda = 0
    for namn, population in byggd.populations.items():
        egen = direkt.populations[namn]
        assert list(egen.ids) == list(population.ids) and egen.count == population.count
        if namn != "person":
            assert np.array_equal(egen.members_entity_id, population.members_entity_id)
            assert [r.key for r in egen.members_role] == [r.key for r in population.members_role]
        assert set(egen._holders) == set(population._holders), namn
        for variabel, holder in population._holders.items():
            assert egen.get_holder(variabel).get_known_periods() == holder.get_known_periods(), variabel
            for period in holder.get_known_periods():
                a, b = egen.get_holder(variabel).get_array(period), holder.get_array(period)
                assert a.dtype == b.dtype and np.array_equal(a, b), (variabel, period)
                jamforda += 1
    return jamforda


def test_samma_simulering_som_openfiscas_byggare():
    arenden, jamforda = 0, 0
    for namn, arende in _arenden():
        system = system_for(arende.kommun)
        situation = sim._utan_standardvarden(arende.situation, system)
        direkt, byggd = sim._bygg(system, situation), SimulationBuilder().build_from_entities(system, situation)
        jamforda += _lika(direkt, byggd)
        period = periods.period(arende.period)
        for variabel in ("forsorjningsstod", "beslut", "manuell_provning_kravs"):
            assert np.array_equal(direkt.calculate(variabel, period), byggd.calculate(variabel, period)), namn
        arenden += 1
    assert arenden > 150 and jamforda > 800


def test_det_direkta_byggets_undantag_gar_till_openfiscas_byggare(monkeypatch):
    """Whatever the direct build cannot take is built, or refused by field, by OpenFisca's builder."""
    arende = las_arende(exempel.arende("familj_2026"))
    vantat = fatta_beslut(arende)

    def kan_inte(*_):
        raise ValueError("prov")

    monkeypatch.setattr(sim, "_bygg", kan_inte)
    assert fatta_beslut(arende).som_dict() == vantat.som_dict()
    with pytest.raises(ValueError, match="två roller"):
        sim._medlemskap(system_for(None).group_entities[0], ["a"],
                        {"hushallen": {"h": {"vuxna": ["a"], "barnen": ["a"]}}})
