"""The support history as one count (manader_i_folj_med_stod) gives what the same months one by one
(mottog_forsorjningsstod) give: jobbstimulans (SoL 2001:453 4 kap. 1 b §, SoL 2025:400 12 kap. 8 §) and the
previous month's support, person by person, also when some persons give the count and others the months."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from openfisca_core import periods
from openfisca_core.simulations import SimulationBuilder

from openfisca_sweden_bistand.system import skattesystem

SYSTEM = skattesystem()
MANADER = st.lists(st.integers(0, 240), min_size=1, max_size=12)
PERIOD = st.tuples(st.integers(2014, 2027), st.integers(1, 12)).map(lambda am: f"{am[0]}-{am[1]:02d}")


def _simulering(manader: list[int], period: str, som_antal: list[bool]):
    simulering = SimulationBuilder().build_default_simulation(SYSTEM, len(manader))
    antal = np.array(manader)
    anges = np.array(som_antal)
    simulering.set_input("alder", period, np.full(len(manader), 35))
    simulering.set_input("manader_i_folj_med_stod", period, np.where(anges, antal, -1))
    if not anges.all():
        for k in range(1, int(antal.max()) + 1):
            simulering.set_input("mottog_forsorjningsstod", periods.period(period).offset(-k), ~anges & (antal >= k))
    return simulering


@settings(max_examples=40, deadline=None)
@given(MANADER, PERIOD, st.data())
def test_antalet_ger_samma_som_manaderna(manader, period, data):
    blandat = data.draw(st.lists(st.booleans(), min_size=len(manader), max_size=len(manader)))
    simuleringar = [_simulering(manader, period, [True] * len(manader)),
                    _simulering(manader, period, [False] * len(manader)),
                    _simulering(manader, period, blandat)]
    for namn in ("jobbstimulans_tillampas", "stod_foregaende_manad"):
        antal, historik, blandad = (s.calculate(namn, period) for s in simuleringar)
        assert np.array_equal(antal, historik), (namn, manader, period)
        assert np.array_equal(blandad, historik), (namn, manader, period, blandat)


def test_cykeln_sex_manader_och_tva_ar():
    """Months 7–30 of an unbroken spell, then six new months: 37–60 (m is the count before the month)."""
    manader = list(range(0, 66))
    simulering = _simulering(manader, "2026-03", [True] * len(manader))
    galler = simulering.calculate("jobbstimulans_tillampas", "2026-03")
    assert [m for m, g in zip(manader, galler, strict=True) if g] == [*range(6, 30), *range(36, 60)]


def test_inte_angivet_ar_ingen_historik():
    simulering = _simulering([0, 3], "2026-03", [False, False])
    simulering.delete_arrays("mottog_forsorjningsstod")
    assert not simulering.calculate("jobbstimulans_tillampas", "2026-03").any()
    assert not simulering.calculate("stod_foregaende_manad", "2026-03").any()
