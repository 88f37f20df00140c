"""Running the YAML legal tests safely (*säkert*): the catalogue checked first, then OpenFisca's runner on it.

openfisca-core's ``openfisca test`` reads each file with ``yaml.load(fil, Loader=yaml.CLoader)``, an unsafe
loader: a file with ``description: !!python/object/apply:os.system ["…"]`` runs the command as the files are
collected, before any test. Its runner then applies the reforms a case names by their dotted path and loads its
extensions from any directory, which imports code too. This project never hands it a file:

- ``kontrollera_katalog(rot)`` reads every ``*.yaml`` and ``*.yml`` file of the catalogue with the catalogue's
  safe reader (``katalog.las_katalog``: a safe loader, the bounds of ``yamlgranser``, a tag that is not plain
  YAML such as ``!!python/…`` refused with its line, symbolic links and hidden files left out) and checks that
  every case names only this package's reforms (``openfisca_sweden_bistand.reforms.<modul>.<Klass>``) and at most
  one of its municipalities as ``extensions`` (``openfisca_sweden_bistand.kommuner.<id>``), as ``kor.py`` does.
  It gives one ``ArendeFel`` per file that fails, naming the file (and the line or the case).
- ``kor_katalog(rot)`` (``bistand test [KATALOG]``) runs nothing unless that list is empty; then pytest runs
  OpenFisca's own test item (``YamlItem``: the simulation and ``assert_near``) on the cases already read, one
  item per case named after it. Pytest gets the checked files and nothing else: no ``conftest.py`` and no
  configuration file from the catalogue (``--noconftest``, an empty ``-c``), no cache written into it.
- ``SakerYamlPlugin`` collects a ``.yaml``/``.yml`` file for pytest the same way: read by the safe reader and
  checked, a failing file is a collection error naming it, and pytest runs no test when collection fails.
  ``tests/conftest.py`` uses it under plain ``pytest`` and in place of OpenFisca's own plugin under
  ``openfisca test tests/yaml``, so that both of the README's commands read the repository's cases safely.
  ``openfisca test`` on a file anywhere else still uses openfisca-core's unsafe loader: run ``bistand test``.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openfisca_core.tools.test_runner import OpenFiscaPlugin, YamlFile, YamlItem

from openfisca_sweden_bistand import kommuner
from openfisca_sweden_bistand.arende.validering import ArendeFel
from openfisca_sweden_bistand.testfall import katalog
from openfisca_sweden_bistand.testfall.kor import _REFORMSTIG, REFORMPAKET

__all__ = ["SakerYamlFil", "SakerYamlPlugin", "kontrollera_fil", "kontrollera_katalog", "kor_katalog"]


def _lista(varde: Any) -> list[Any]:
    """A case's ``reforms`` or ``extensions`` as the runner reads it: a list, one value, or nothing."""
    return varde if isinstance(varde, list) else [varde] if varde else []


def _fel_i_fall(fall: katalog.Testfall) -> str | None:
    """Why OpenFisca's runner must not run a case: a reform or an extension that is not this package's."""
    for reform in _lista(fall.data.get("reforms")):
        if not isinstance(reform, str) or _REFORMSTIG.fullmatch(reform) is None:
            visad = str(reform)[:100]
            return (f"reforms: bara paketets reformer ({REFORMPAKET}<modul>.<Klass>) får anges, inte {visad!r}: "
                    "testköraren importerar det som står där")
    try:
        kommuner.ur_tillagg(fall.data.get("extensions"))
    except kommuner.KommunFel:
        return (f"extensions: bara en av paketets kommuner ({kommuner.MODUL}.<{'|'.join(kommuner.kanda())}>) "
                "får anges: testköraren läser in kod ur det som står där")
    return None


def kontrollera_fil(fil: katalog.Testfil) -> ArendeFel | None:
    """Why a file read by the catalogue must not run (naming the file, and the case and its line), or None."""
    if fil.fel is not None:
        return ArendeFel("fil", fil.fel)
    for fall in fil.fall:
        fel = _fel_i_fall(fall)
        if fel is not None:
            return ArendeFel("fil", f"{fil.relativ}: testfallet {fall.namn[:100]!r} (rad {fall.rad}): {fel}")
    return None


def _las_och_kontrollera(rot: Path) -> tuple[list[katalog.Testfil], list[ArendeFel]]:
    filer = katalog.las_katalog(rot)
    return filer, [fel for fel in map(kontrollera_fil, filer) if fel is not None]


def kontrollera_katalog(rot: Path) -> list[ArendeFel]:
    """Every file of the catalogue under ``rot`` that must not run, one ``ArendeFel`` naming each; empty when all
    can. The catalogue itself (missing, too many files) is an ``ArendeFel`` raised."""
    return _las_och_kontrollera(rot)[1]


class SakerYamlFil(YamlFile):
    """A YAML test file for pytest: read by the catalogue's safe reader (or given already read) and checked
    (``kontrollera_fil``); each case one of OpenFisca's ``YamlItem``, named after its ``name``."""

    def __init__(self, *, last: katalog.Testfil | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.last = last

    def _namn(self) -> str:
        """The file's name in a message: relative to the run's root directory when it is under it."""
        try:
            return str(self.path.relative_to(self.config.rootpath).as_posix())
        except ValueError:
            return str(self.path)

    def collect(self) -> Iterator[YamlItem]:
        fil = self.last
        if fil is None:
            namn = self._namn()
            try:
                fil = katalog.tolka(namn, katalog.las_text(self.path, namn))[0]
            except ArendeFel as lasfel:
                fil = katalog.Testfil(namn, [], lasfel.meddelande)
        fel = kontrollera_fil(fil)
        if fel is not None:
            raise self.CollectError(f"{fel.meddelande}; inget test körs förrän filen är rättad")
        for fall in fil.fall:
            if not self.should_ignore(fall.data):
                yield YamlItem.from_parent(self, name=fall.namn, baseline_tax_benefit_system=self.tax_benefit_system,
                                           test=dict(fall.data), options=self.options)


class SakerYamlPlugin(OpenFiscaPlugin):
    """Pytest's collection of YAML test files through ``SakerYamlFil``. ``lasta``: files already read and
    checked, by absolute path (``kor_katalog``); a file not among them is read when collected."""

    def __init__(self, tax_benefit_system: Any, options: Any, lasta: dict[Path, katalog.Testfil] | None = None) -> None:
        super().__init__(tax_benefit_system, options)
        self.lasta = lasta or {}

    def pytest_collect_file(self, parent: Any, file_path: Path) -> SakerYamlFil | None:
        if file_path.suffix not in (".yaml", ".yml"):
            return None
        fil: SakerYamlFil = SakerYamlFil.from_parent(parent, path=file_path, tax_benefit_system=self.tax_benefit_system,
                                                     options=self.options, last=self.lasta.get(file_path))
        return fil


def kor_katalog(rot: Path, system: Any, namnfilter: str | None = None,
                utforligt: bool = False) -> int | list[ArendeFel]:
    """Run every case of the catalogue under ``rot`` with OpenFisca's runner, on the cases already read safely.
    The errors of ``kontrollera_katalog`` (then nothing ran), or pytest's exit code (0 all passed, 1 a case
    failed, 5 no case matched ``namnfilter``). ``namnfilter`` as ``openfisca test --name_filter``: a part of the
    file's name, a case's name or one of its keywords."""
    filer, fel = _las_och_kontrollera(rot)
    if fel:
        return fel
    bas = Path(rot).resolve()
    lasta = {bas / fil.relativ: fil for fil in filer}
    plugin = SakerYamlPlugin(system, {"name_filter": namnfilter} if namnfilter else {}, lasta)
    with tempfile.TemporaryDirectory(prefix="bistand-test-") as tom:
        installningar = Path(tom) / "pytest.ini"
        installningar.write_text("[pytest]\n", encoding="utf-8")
        argument = ["-p", "no:cacheprovider", "--noconftest", "-c", str(installningar), "--rootdir", str(bas),
                    "-v" if utforligt else "-q", *map(str, lasta)]
        return int(pytest.main(argument, plugins=[plugin]))
