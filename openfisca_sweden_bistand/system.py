"""The tax-benefit system of this package, built once per process (``skattesystem()``)."""

from __future__ import annotations

import functools
from typing import Any


@functools.lru_cache(maxsize=1)
def skattesystem() -> Any:
    """The tax-benefit system, built once per process."""
    from openfisca_sweden_bistand import CountryTaxBenefitSystem

    return CountryTaxBenefitSystem()
