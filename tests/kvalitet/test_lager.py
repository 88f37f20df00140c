"""The package's layers: nothing imports a higher layer.

From the bottom: the package root (the tax-benefit system, entities, examples, the personnummer filter, the cache,
Swedish formatting), the rule support the variables import (regelstod) and the municipalities' guidelines over the
national rules (kommuner); reading a case (arende);
checking its facts against the registers and giving each its source (kontroll); the explanation
(forklaring); the reforms;
the register and the analysis; the interfaces (granssnitt); maintenance (underhall). The rules in
variables/ import only regelstod and the package root.
"""

import ast
import graphlib
from pathlib import Path

import pytest

ROT = Path(__file__).resolve().parents[2]
PAKET = ROT / "openfisca_sweden_bistand"
LAGER = {
    "": 0, "system": 0, "entities": 0, "exempel": 0, "situation_examples": 0, "_bygge": 0, "_git": 0,
    "personnummer": 0, "text": 0, "nyckelstyrka": 0, "mellanlager": 0, "hemlig_fil": 0,
    "regelstod": 0,
    "kommuner": 0,
    "arende": 1,
    "kontroll": 2,
    "forklaring": 3,
    "reforms": 4,
    "register": 5, "analys": 5, "testfall": 5,
    "granssnitt": 6,
    "underhall": 7,
    "__main__": 7,
}


def lager_for(modul: str) -> tuple[str, int]:
    """The layer of ``openfisca_sweden_bistand.<modul>`` (its first part)."""
    forsta = modul.split(".")[0] if modul else ""
    assert forsta in LAGER, f"modulen {modul!r} hör inte till något lager: lägg till den i LAGER"
    return forsta, LAGER[forsta]


def _ar_modul(namn: str) -> bool:
    return (PAKET / f"{namn}.py").exists() or (PAKET / namn).is_dir()


def importer(fil: Path) -> list[str]:
    """Every module of this package that ``fil`` imports (at any depth of the file)."""
    trad = ast.parse(fil.read_text(encoding="utf-8"))
    ut = []
    for nod in ast.walk(trad):
        if isinstance(nod, ast.ImportFrom) and nod.module and nod.module.startswith("openfisca_sweden_bistand"):
            bas = nod.module.removeprefix("openfisca_sweden_bistand").lstrip(".")
            ut += [bas or (n.name if _ar_modul(n.name) else "") for n in nod.names]
        elif isinstance(nod, ast.Import):
            ut += [n.name.removeprefix("openfisca_sweden_bistand").lstrip(".") for n in nod.names
                   if n.name.startswith("openfisca_sweden_bistand")]
    return ut


MODULER = sorted(p for p in PAKET.rglob("*.py"))


@pytest.mark.parametrize("fil", MODULER, ids=lambda p: str(p.relative_to(PAKET)))
def test_ingen_modul_importerar_ett_hogre_lager(fil):
    relativ = fil.relative_to(PAKET).with_suffix("")
    namn = ".".join(p for p in relativ.parts if p != "__init__")
    eget, niva = lager_for(namn)
    hogre = [m for m in importer(fil) if lager_for(m)[1] > niva and lager_for(m)[0] != eget]
    assert hogre == [], f"{namn} (lager {eget}) importerar högre lager: {hogre}"


@pytest.mark.parametrize("fil", sorted((ROT / "variables").rglob("*.py")),
                         ids=lambda p: str(p.relative_to(ROT / "variables")))
def test_reglerna_importerar_bara_regelstod(fil):
    tillatna = {"", "entities", "regelstod"}
    otillatna = [m for m in importer(fil) if m.split(".")[0] not in tillatna]
    assert otillatna == [], f"variables/{fil.relative_to(ROT / 'variables')} importerar {otillatna}"


def test_readmes_tradstruktur_matchar_mapparna():
    readme = (ROT / "README.md").read_text(encoding="utf-8")
    for mapp in sorted(p.name for p in PAKET.iterdir() if p.is_dir() and p.name != "__pycache__"):
        assert f"{mapp}/" in readme, f"README:s layout saknar openfisca_sweden_bistand/{mapp}/"


def _modulnamn(fil: Path) -> str:
    return ".".join(p for p in fil.relative_to(PAKET).with_suffix("").parts if p != "__init__")


def _ar_paketmodul(namn: str) -> bool:
    stig = PAKET.joinpath(*namn.split(".")) if namn else PAKET
    return stig.with_suffix(".py").exists() or (stig / "__init__.py").exists()


def moduler_som_importeras(fil: Path) -> set[str]:
    """Every module of this package that ``fil`` imports, at any depth of the file (function-local and
    ``TYPE_CHECKING`` imports too), resolved to the module itself: ``from …testfall import katalog`` is
    ``testfall.katalog``; ``from …testfall.katalog import las_fil`` is ``testfall.katalog``."""
    eget = _modulnamn(fil)
    ut = set()
    for nod in ast.walk(ast.parse(fil.read_text(encoding="utf-8"))):
        if isinstance(nod, ast.ImportFrom):
            assert not nod.level, f"{eget}: relativ import (skriv openfisca_sweden_bistand.…)"
            if not (nod.module and nod.module.startswith("openfisca_sweden_bistand")):
                continue
            bas = nod.module.removeprefix("openfisca_sweden_bistand").lstrip(".")
            for namn in nod.names:
                under = f"{bas}.{namn.name}" if bas else namn.name
                ut.add(under if _ar_paketmodul(under) else bas)
        elif isinstance(nod, ast.Import):
            ut |= {n.name.removeprefix("openfisca_sweden_bistand").lstrip(".") for n in nod.names
                   if n.name.startswith("openfisca_sweden_bistand")}
    ut.discard(eget)
    return ut


def test_inga_importcykler():
    """No module imports itself through others (the review, December 2026, A3: arende/las.py ↔ arende/underlag.py
    and testfall/granskning.py ↔ testfall/katalog.py). Every import counts, function-local ones too: a deferred
    import hides a cycle, it does not break it. A package's __init__ is its own node."""
    graf = {_modulnamn(fil): moduler_som_importeras(fil) for fil in MODULER}
    try:
        graphlib.TopologicalSorter(graf).prepare()
    except graphlib.CycleError as fel:
        pytest.fail(f"importcykel: {' → '.join(fel.args[1])}")


def test_cykeltestet_ser_en_cykel_genom_en_funktionslokal_import(tmp_path, monkeypatch):
    """The check itself: two modules that import each other, one of them inside a function, are a cycle."""
    (tmp_path / "a.py").write_text("from openfisca_sweden_bistand import b\n", encoding="utf-8")
    (tmp_path / "b.py").write_text("def f():\n    from openfisca_sweden_bistand import a\n", encoding="utf-8")
    monkeypatch.setattr(__import__(__name__), "PAKET", tmp_path)
    graf = {_modulnamn(f): moduler_som_importeras(f) for f in sorted(tmp_path.glob("*.py"))}
    assert graf == {"a": {"b"}, "b": {"a"}}
    with pytest.raises(graphlib.CycleError):
        graphlib.TopologicalSorter(graf).prepare()
