"""What is kept between processes (mellanlager.py): the parameter tree: the same values and metadata as the
YAML, another key when a file changes, and never read from a place someone else may write to."""

from __future__ import annotations

import os
import shutil

import pytest
from openfisca_core.parameters import ParameterNode

from openfisca_sweden_bistand import PARAMETERKATALOG
from openfisca_sweden_bistand import mellanlager as lager


def _varden(nod):
    """Every parameter's dated values and metadata, by name."""
    ut = {}
    for namn, barn in nod.children.items():
        if isinstance(barn, ParameterNode):
            ut.update({f"{namn}.{k}": v for k, v in _varden(barn).items()})
        elif hasattr(barn, "values_list"):
            ut[namn] = [(v.instant_str, v.value, v.metadata) for v in barn.values_list], barn.metadata
        else:
            ut[namn] = [(b.threshold.values_list, b.rate.values_list) for b in barn.brackets]
    return ut


@pytest.fixture
def cache(tmp_path, monkeypatch):
    katalog = tmp_path / "cache"
    monkeypatch.setenv(lager.KATALOG_MILJO, str(katalog))
    monkeypatch.delenv(lager.AV_MILJO, raising=False)
    return katalog


def test_det_sparade_tradet_ar_yamlens(cache):
    las = lager.parametrar(PARAMETERKATALOG)  # read from the YAML, then kept
    assert len(list(cache.glob("parametrar-*.pickle"))) == 1
    sparad = lager.parametrar(PARAMETERKATALOG)
    assert sparad is not las and _varden(sparad) == _varden(las) == _varden(
        ParameterNode("", directory_path=str(PARAMETERKATALOG)))
    assert len(_varden(las)) > 50


def test_en_andrad_fil_ger_en_ny_nyckel(cache, tmp_path):
    kopia = tmp_path / "parameters"
    shutil.copytree(PARAMETERKATALOG, kopia)
    fore = lager.nyckel(kopia)
    fil = next(kopia.rglob("*.yaml"))
    fil.write_text(fil.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert lager.nyckel(kopia) != fore
    lager.parametrar(kopia)
    assert [p.name for p in cache.glob("parametrar-*.pickle")] == [f"parametrar-{lager.nyckel(kopia)}.pickle"]


def test_en_fil_andra_kan_skriva_till_lases_inte(cache):
    lager.parametrar(PARAMETERKATALOG)
    (fil,) = cache.glob("parametrar-*.pickle")
    fil.write_bytes(b"not a pickle")  # were it read, the next call would fail over to the YAML anyway
    os.chmod(fil, 0o666)
    assert not lager._bara_anvandarens(fil)
    assert lager._las(fil) is None
    os.chmod(fil, 0o600)
    os.chmod(cache, 0o777)
    assert lager._las(fil) is None  # the directory is writable by others
    os.chmod(cache, 0o700)
    assert _varden(lager.parametrar(PARAMETERKATALOG))  # a broken file: the YAML is read


def test_av_med_miljovariabeln(cache, monkeypatch):
    monkeypatch.setenv(lager.AV_MILJO, "0")
    assert _varden(lager.parametrar(PARAMETERKATALOG))
    assert not cache.exists()


def test_mallarnas_kompilerade_kod_sparas_och_ger_samma_text(cache):
    from openfisca_sweden_bistand import exempel
    from openfisca_sweden_bistand.arende.las import las_arende
    from openfisca_sweden_bistand.forklaring import mallar
    from openfisca_sweden_bistand.forklaring.beslut import fatta_beslut, skriv_beslut

    beslut = fatta_beslut(las_arende(exempel.arende("familj_2026")))
    mallar.miljo.cache_clear()
    try:
        forsta = skriv_beslut(beslut)
        assert list((cache / "mallar").glob("__jinja2_*.cache"))
        mallar.miljo.cache_clear()  # a new environment, as in a new process: the kept code
        assert skriv_beslut(beslut) == forsta
        os.chmod(cache / "mallar", 0o777)
        assert lager.egen_katalog("mallar") is None  # writable by others: not used
    finally:
        os.chmod(cache / "mallar", 0o700)
        mallar.miljo.cache_clear()
