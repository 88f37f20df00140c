"""A municipality's system is the national one's clone with the guidelines over it (system.skattesystem): the same
rules as a fresh build, and the national system untouched."""

from __future__ import annotations

import pytest
from openfisca_core.parameters import ParameterNode

from openfisca_sweden_bistand import CountryTaxBenefitSystem
from openfisca_sweden_bistand.kommuner import kanda
from openfisca_sweden_bistand.system import skattesystem


def _platt(nod: ParameterNode, stig: str = "") -> dict:
    ut = {}
    for namn, barn in nod.children.items():
        if isinstance(barn, ParameterNode):
            ut |= _platt(barn, f"{stig}{namn}.")
        else:
            ut[stig + namn] = [(v.instant_str, v.value, dict(v.metadata)) for v in barn.values_list]
    return ut


@pytest.mark.parametrize("kommun", kanda())
def test_kommunens_system_som_nybyggt_och_det_nationella_orort(kommun):
    nationella = _platt(skattesystem().parameters)
    egen = skattesystem(kommun)
    nybyggd = CountryTaxBenefitSystem()
    nybyggd.load_extension(kommun)
    assert _platt(egen.parameters) == _platt(nybyggd.parameters) != nationella
    assert set(egen.variables) == set(nybyggd.variables)
    assert _platt(skattesystem().parameters) == nationella and skattesystem().kommun is None
    assert egen.kommun.id == kommun
