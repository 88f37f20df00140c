"""Rounding to whole kronor.

OpenFisca stores amounts as float32 (about seven significant digits), so an exact half such as
10 078,50 may be stored as 10 078,4990. Amounts are first taken to float64 and rounded to öre,
then rounded to whole kronor. No statute or allmänt råd says how försörjningsstöd is rounded: halves
up is this package's convention, and the final amount's rounding is a dated policy parameter
(parameters/avrundning.yaml).
"""

from typing import Any

import numpy as np


def hela_kronor(belopp: Any) -> Any:
    """Whole kronor, halves up, robust to float32 drift."""
    i_ore = np.round(np.asarray(belopp, dtype=np.float64), 2)
    return np.floor(i_ore + 0.5)


def kronor_nedat(belopp: Any) -> Any:
    """Whole kronor, rounded down, robust to float32 drift (10 078,9999 öre-rounded is 10 079,00)."""
    return np.floor(np.round(np.asarray(belopp, dtype=np.float64), 2))
