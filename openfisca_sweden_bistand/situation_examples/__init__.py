"""The embedded examples as dicts, as openfisca-country-template has them.

Each ``*.json`` here is a case in the format ``bistand beslut`` reads, with its month on top
(``"period"``) and its decision date (``"beslutsdatum"``). This module gives each one as a plain
OpenFisca situation that the stock ``SimulationBuilder`` loads, the month given separately::

    from openfisca_core.simulations import SimulationBuilder
    from openfisca_sweden_bistand import CountryTaxBenefitSystem, situation_examples

    builder = SimulationBuilder()
    builder.set_default_period(situation_examples.PERIODER["familj_2026"])
    simulation = builder.build_from_entities(CountryTaxBenefitSystem(), situation_examples.familj_2026)
    simulation.calculate("forsorjningsstod", "2026-03")   # → [13980.]

``NAMN`` lists them; ``bistand exempel`` in the terminal does too.
"""

from __future__ import annotations

from typing import Any

from openfisca_sweden_bistand import exempel

NAMN: list[str] = exempel.namn()
PERIODER: dict[str, str] = {}
SITUATIONER: dict[str, dict[str, Any]] = {}
for _namn in NAMN:
    PERIODER[_namn], SITUATIONER[_namn] = exempel.utan_manad(_namn)
globals().update(SITUATIONER)


def situation(namn: str) -> dict[str, Any]:
    """The example ``namn`` as a situation: the case without its month; the decision date on the household."""
    return exempel.utan_manad(namn)[1]
