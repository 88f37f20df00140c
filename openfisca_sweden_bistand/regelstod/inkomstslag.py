"""Kept for importers outside the package's explanation layer: the income types now live in
``regelstod/poster.py``, the table of the calculation's parts. Import from there."""

from openfisca_sweden_bistand.regelstod.poster import (
    BARNINKOMSTER,
    EGET_ARBETE,
    EJ_RAKNADE_INKOMSTER,
    HUSHALLSINKOMSTER,
    PERSONINKOMSTER,
    EjRaknadInkomstGrund,
)

__all__ = ["BARNINKOMSTER", "EGET_ARBETE", "EJ_RAKNADE_INKOMSTER", "HUSHALLSINKOMSTER", "PERSONINKOMSTER",
           "EjRaknadInkomstGrund"]
