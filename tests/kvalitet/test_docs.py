"""The documentation builds with warnings as errors, and its generated part covers everything:
every variable and parameter in the rulebook, every YAML test case in the catalogue."""

import html
import re
from pathlib import Path

import pytest
import yaml
from sphinx.cmd.build import main as sphinx_build

from openfisca_sweden_bistand.regelstod.parametrar import lov

ROT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def bygge(tmp_path_factory):
    ut = tmp_path_factory.mktemp("docs")
    assert sphinx_build(["-W", "-q", "-b", "html", str(ROT / "docs"), str(ut)]) == 0
    return ut


def text(fil: Path) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", fil.read_text(encoding="utf-8")))


def test_varje_variabel_i_regelboken(bygge, system):
    regelbok = " ".join(text(f) for f in (bygge / "_genererat" / "regelbok").glob("*.html"))
    saknas = [namn for namn in system.variables if f"{namn} ¶" not in regelbok and f"{namn}¶" not in regelbok]
    assert saknas == []
    assert "barnets_ordningsnummer" in regelbok  # a reform's variable


def test_varje_parameter_med_historik(bygge, system):
    sidor = " ".join(text(f) for f in (bygge / "_genererat" / "parametrar").glob("*.html"))
    saknas = [p.name for p in lov(system.parameters) if p.name not in sidor]
    assert saknas == []
    assert "PROVISORISK" in sidor and "officiell" in sidor


def test_varje_yamltest_i_katalogen(bygge):
    katalog = " ".join(text(f) for f in (bygge / "_genererat" / "testkatalog").glob("*.html"))
    namn = [
        str(fall["name"]) for fil in (ROT / "tests" / "yaml").rglob("*.yaml")
        for fall in yaml.safe_load(fil.read_text(encoding="utf-8"))
    ]
    saknas = [n for n in namn if html.unescape(n) not in katalog]
    assert len(namn) > 100 and saknas == []


def test_guiderna_finns(bygge):
    for sida in ("beslut", "skriva_testfall", "guider/analytiker", "guider/integratorer", "guider/forvaltare",
                 "andringslogg"):
        assert (bygge / f"{sida}.html").exists(), sida
