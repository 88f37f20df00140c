"""Rounding to whole kronor.

OpenFisca stores amounts as float32 (about seven significant digits), so an exact half such as
10 078,50 may be stored as 10 078,4990. Amounts are first taken to float64 and rounded to öre,
then rounded to whole kronor. No statute or allmänt råd says how försörjningsstöd is rounded: halves
up is this package's convention, and the final amount's rounding is a dated policy parameter
(parameters/avrundning.yaml).
"""

from typing import Any

import numpy as np


def _ore(belopp: Any) -> Any:
    """``belopp`` in whole öre, as a new float64 array (the steps below work in place on it)."""
    ore = np.array(belopp, dtype=np.float64)
    ore *= 100.0
    return np.rint(ore, out=ore)


def _kronor(ore: Any, tillagg: float) -> Any:
    ore += tillagg
    ore /= 100.0
    np.floor(ore, out=ore)
    return ore if ore.ndim else ore[()]  # a number in, a number out


def hela_kronor(belopp: Any) -> Any:
    """Whole kronor, halves up, robust to float32 drift: ``floor((öre + 50) / 100)``, the same as
    ``floor(round(belopp, 2) + 0.5)`` (a whole number of öre plus 50 is exact, and only a half krona can fall on a
    boundary) in one array instead of five."""
    return _kronor(_ore(belopp), 50.0)


def kronor_nedat(belopp: Any) -> Any:
    """Whole kronor, rounded down, robust to float32 drift (10 078,9999 öre-rounded is 10 079,00)."""
    return _kronor(_ore(belopp), 0.0)
