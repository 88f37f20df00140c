"""The one place a case becomes an OpenFisca simulation."""

from __future__ import annotations

import copy
from typing import Any

from openfisca_core.errors import SituationParsingError
from openfisca_core.simulations import SimulationBuilder

from openfisca_sweden_bistand.arende.las import Arende, ArendeFel, forsta_felet
from openfisca_sweden_bistand.system import skattesystem


def bygg_simulering(arende: Arende, system: Any = None) -> Any:
    """An OpenFisca simulation of the case; anything OpenFisca refuses is an ``ArendeFel`` naming the field."""
    system = system or skattesystem()
    try:
        return SimulationBuilder().build_from_entities(system, copy.deepcopy(arende.situation))
    except SituationParsingError as fel:
        raise ArendeFel(*forsta_felet(fel.error)) from None
