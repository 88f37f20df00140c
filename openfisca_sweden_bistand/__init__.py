"""openfisca-sweden-bistand: Swedish municipal income support (ekonomiskt bistånd) on OpenFisca.

The rules live beside the package: ``parameters/`` (dated YAML, the riksnorm and other figures)
and ``variables/`` (OpenFisca variables, one file per legal topic). In a source checkout or an
editable install they are read from the repository root; an installed wheel carries them inside
the package.
"""

from __future__ import annotations

import importlib.metadata
from pathlib import Path

from openfisca_core.taxbenefitsystems import TaxBenefitSystem

from openfisca_sweden_bistand import entities
from openfisca_sweden_bistand.regelstod.parametrar import dokumentera_konfidens

try:
    __version__ = importlib.metadata.version("openfisca-sweden-bistand")
except importlib.metadata.PackageNotFoundError:  # running from a bare checkout
    __version__ = "0+okand"

PAKET_KATALOG = Path(__file__).resolve().parent


def _regelkatalog(namn: str) -> Path:
    """Where ``parameters/`` or ``variables/`` is: inside the wheel, or at the repository root."""
    for kandidat in (PAKET_KATALOG / namn, PAKET_KATALOG.parent / namn):
        if kandidat.is_dir():
            return kandidat
    raise FileNotFoundError(
        f"cannot find the rules directory {namn!r} next to {PAKET_KATALOG} or in its parent; "
        "is the package installed from a complete checkout?"
    )


PARAMETERKATALOG = _regelkatalog("parameters")
VARIABELKATALOG = _regelkatalog("variables")
SCENARIOKATALOG = _regelkatalog("scenarios")  # the analysts' scripts (analys/scenarier/__init__.py)


class CountryTaxBenefitSystem(TaxBenefitSystem):
    """The Swedish income-support tax-benefit system."""

    kommun: object | None = None  # the municipality whose guidelines are loaded (kommuner.Kommun), if any

    def __init__(self) -> None:
        super().__init__(entities.entities)
        self.add_variables_from_directory(str(VARIABELKATALOG))
        self.load_parameters(str(PARAMETERKATALOG))
        dokumentera_konfidens(self.parameters)
        from openfisca_sweden_bistand import exempel

        self.open_api_config = {
            "variable_example": "forsorjningsstod",
            "parameter_example": "riksnorm.vuxna.ensamstaende",
            "simulation_example": exempel.situation("ensamstaende_forelder"),
        }

    def load_extension(self, extension: str) -> None:
        """Load a municipality's guidelines (its id, e.g. "malmo", or a package such as
        ``openfisca_sweden_bistand.kommuner.malmo``): each of its values over the national one from its date only,
        and nothing but the open terms (``openfisca_sweden_bistand/kommuner/__init__.py``)."""
        from openfisca_sweden_bistand.kommuner import ladda

        ladda(self, extension)
