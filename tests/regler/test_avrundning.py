"""Rounding to whole kronor (regelstod/avrundning.py): the fused form is the documented rule, öre first, then kronor."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from openfisca_sweden_bistand.regelstod.avrundning import hela_kronor, kronor_nedat

BELOPP = st.one_of(st.floats(-1e7, 1e7, allow_nan=False), st.floats(-1e7, 1e7, allow_nan=False, width=32),
                   st.integers(-10**7, 10**7).map(lambda ore: ore / 100),
                   st.integers(-10**5, 10**5).map(lambda k: k + 0.5))


@given(st.lists(BELOPP, min_size=1, max_size=50), st.sampled_from([np.float32, np.float64]))
def test_som_ore_forst_sedan_kronor(belopp, typ):
    """Halves up after rounding to öre (float32 drift: 10 078,4999 is 10 078,50 öre-rounded, so 10 079)."""
    varden = np.array(belopp, dtype=typ)
    i_ore = np.round(varden.astype(np.float64), 2)
    assert np.array_equal(hela_kronor(varden), np.floor(i_ore + 0.5))
    assert np.array_equal(kronor_nedat(varden), np.floor(i_ore))


def test_exempel_och_typer():
    # float32: 10 078,4999 is stored as 10 078,5000 and 7 380,495 as 7 380,49512 (7 380,50 öre-rounded)
    assert list(hela_kronor(np.array([10078.5, 10078.4999, 10078.49, -0.5, 7380.495], dtype=np.float32))) == [
        10079, 10079, 10078, 0, 7381]
    assert hela_kronor(7380.5) == 7381 and isinstance(hela_kronor(7380.5), np.floating)  # a number in, a number out
    assert kronor_nedat(10078.9999) == 10079 and kronor_nedat(10078.98) == 10078
    belopp = np.array([1.5, 2.5])
    hela_kronor(belopp)
    assert list(belopp) == [1.5, 2.5]  # the argument is never changed in place
