"""openfisca-sweden-bistand: Swedish municipal income support (ekonomiskt bistånd) on OpenFisca.

The rules live beside the package: ``parameters/`` (dated YAML, the riksnorm and other figures)
and ``variables/`` (OpenFisca variables, one file per legal topic). In a source checkout or an
editable install they are read from the repository root; an installed wheel carries them inside
the package.
"""

from __future__ import annotations

import functools
import importlib.metadata
import os
from pathlib import Path

from openfisca_core.taxbenefitsystems import TaxBenefitSystem

from openfisca_sweden_bistand import entities
from openfisca_sweden_bistand._git import git_commit, repository_url
from openfisca_sweden_bistand.mellanlager import parametrar
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


@functools.lru_cache(maxsize=1)
def kallkodens_commit() -> str | None:
    """The commit the rules come from: the checkout's (``-dirty`` with uncommitted changes), else the one the wheel
    was built from (hatch_build.py), else None."""
    rot = PAKET_KATALOG.parent
    if not (rot / ".git").exists():
        try:
            from openfisca_sweden_bistand._bygge import GIT_COMMIT  # type: ignore[import-not-found,unused-ignore]
        except ImportError:
            return None
        return str(GIT_COMMIT)
    return git_commit(rot)


@functools.lru_cache(maxsize=4)
def _paketets_metadata(adress: str | None) -> dict[str, str]:
    """CountryTaxBenefitSystem.get_package_metadata, once per process and ``BISTAND_REPOSITORY_URL`` (``adress``).
    OpenFisca's own reading of the package looks only at the system's class and module (a bare instance of it)."""
    naken = CountryTaxBenefitSystem.__new__(CountryTaxBenefitSystem)
    metadata: dict[str, str] = dict(TaxBenefitSystem.get_package_metadata(naken))
    commit = kallkodens_commit()
    if commit:
        metadata["version"] = commit.removesuffix("-dirty")
    if not metadata.get("repository_url") or metadata.get("repository_url") == "None":
        try:
            metadata["repository_url"] = repository_url(PAKET_KATALOG.parent, os.environ) or ""
        except ValueError:
            metadata["repository_url"] = ""
    metadata["location"] = str(VARIABELKATALOG.parent)
    return metadata


class CountryTaxBenefitSystem(TaxBenefitSystem):
    """The Swedish income-support tax-benefit system."""

    kommun: object | None = None  # the municipality whose guidelines are loaded (kommuner.Kommun), if any

    def __init__(self) -> None:
        super().__init__(entities.entities)
        self._laser_regelfiler = True  # OpenFisca asks each rule file's "location" only: no git for it
        try:
            self.add_variables_from_directory(str(VARIABELKATALOG))
        finally:
            self._laser_regelfiler = False
        self.parameters = parametrar(PARAMETERKATALOG)  # the YAML's tree, kept between processes
        dokumentera_konfidens(self.parameters)
        from openfisca_sweden_bistand import exempel

        self.open_api_config = {
            "variable_example": "forsorjningsstod",
            "parameter_example": "riksnorm.vuxna.ensamstaende",
            "simulation_example": exempel.situation("ensamstaende_forelder"),
        }

    def get_package_metadata(self) -> dict[str, str]:
        """OpenFisca's package metadata, made to give source links that work (the web API's ``source`` of a
        variable is ``{repository_url}/blob/{version}{path}``): the version is the commit the rules come from (a
        real ref, not a version no tag carries), the repository from the package's metadata or, in a checkout, its
        remote ``origin`` (or BISTAND_REPOSITORY_URL), and the location the one above ``variables/``, so that the
        path is the repository's own (``/variables/…``) from a checkout and from a wheel alike. No repository
        known: an empty address, never "None"."""
        if self.baseline:
            return dict(super().get_package_metadata())
        if getattr(self, "_laser_regelfiler", False):  # while the rule files are read: the location, nothing else
            return {"location": str(VARIABELKATALOG.parent)}
        # the rest once per process and address (the commit and the repository: git, in a checkout)
        return dict(_paketets_metadata(os.environ.get("BISTAND_REPOSITORY_URL")))

    def load_extension(self, extension: str) -> None:
        """Load a municipality's guidelines (its id, e.g. "malmo", or a package such as
        ``openfisca_sweden_bistand.kommuner.malmo``): each of its values over the national one from its date only,
        and nothing but the open terms (``openfisca_sweden_bistand/kommuner/__init__.py``)."""
        from openfisca_sweden_bistand.kommuner import ladda

        ladda(self, extension)
