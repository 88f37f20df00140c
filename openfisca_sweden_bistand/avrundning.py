"""Rounding to whole kronor.

OpenFisca stores amounts as float32 (about seven significant digits), so an exact half such as
10 078,50 may be stored as 10 078,4990. Amounts are first taken to float64 and rounded to öre,
then rounded to whole kronor with halves up, as the model's rules say.
"""

import numpy as np


def hela_kronor(belopp):
    """Whole kronor, halves up, robust to float32 drift."""
    i_ore = np.round(np.asarray(belopp, dtype=np.float64), 2)
    return np.floor(i_ore + 0.5)
