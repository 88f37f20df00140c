"""A hostile catalogue file runs nothing and hides nothing (the security review, finding 4).

openfisca-core's ``openfisca test`` loads YAML with ``yaml.CLoader``: ``!!python/object/apply:os.system`` in a
case runs a command as the files are collected. The project's ways of running the YAML tests (``bistand test``,
plain ``pytest`` and ``openfisca test tests/yaml`` through ``tests/conftest.py``) read every file with a safe
loader first and run nothing while one fails; the catalogue's listings name the file and list the rest.
"""

from __future__ import annotations

import datetime
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from openfisca_sweden_bistand.arende.validering import ArendeFel
from openfisca_sweden_bistand.granssnitt.cli import main
from openfisca_sweden_bistand.testfall import katalog, saker
from openfisca_sweden_bistand.testfall.yamlgranser import las_yaml

ROT = Path(__file__).resolve().parents[2]
GOD = "beslut/beslut.yaml"


def ond(markor: Path) -> str:
    """The review's file: a Python tag that would create ``markor`` under an unsafe loader."""
    return f'- name: x\n  description: !!python/object/apply:os.system ["touch {markor}"]\n'


@pytest.fixture
def katalog_med_ond(tmp_path):
    """A catalogue of one good file (a copy of tests/yaml's) and the hostile one; the marker it would create."""
    rot = tmp_path / "yaml"
    (rot / "beslut").mkdir(parents=True)
    shutil.copy(ROT / "tests" / "yaml" / GOD, rot / GOD)
    markor = tmp_path / "pwned"
    (rot / "ond.yaml").write_text(ond(markor), encoding="utf-8")
    return rot, markor


def _kor(*argument, cwd):
    svar = subprocess.run(list(argument), cwd=cwd, capture_output=True, text=True, timeout=300,
                          env=os.environ | {"LC_ALL": "C.UTF-8"})
    return svar.returncode, svar.stdout + svar.stderr


@pytest.mark.parametrize("text, rad, tagg", [
    ('- name: x\n  description: !!python/object/apply:os.system ["touch p"]\n', 2,
     "Python-taggen !!python/object/apply:os.system"),
    ("- name: x\n  input: !!python/name:os.system\n", 2, "Python-taggen !!python/name:os.system"),
    ('%TAG !! tag:yaml.org,2002:python/\n---\n- !!object/apply:os.system ["touch p"]\n', 3,
     "Python-taggen !!python/object/apply:os.system"),
    ('- name: x\n  a: 1\n  b: !<tag:yaml.org,2002:python/object/new:os.system> ["touch p"]\n', 3,
     "Python-taggen !!python/object/new:os.system"),
    ("- name: x\n  input: !okand {a: 1}\n", 2, "taggen !okand"),
    ("- !!set {a: null}\n", 1, "taggen !!set"),
    ("- name: x\n  data: !!binary aGVq\n", 2, "taggen !!binary"),
])
def test_python_tagg_och_okand_tagg_vags_med_fil_och_rad(text, rad, tagg):
    with pytest.raises(ArendeFel) as fel:
        las_yaml(text, "a/ond.yaml")
    assert fel.value.falt == "fil"
    assert fel.value.meddelande.startswith(f"a/ond.yaml: {tagg} är inte tillåten")
    assert fel.value.meddelande.endswith(f"(rad {rad})")


def test_vanlig_yaml_med_explicita_standardtaggar_lases():
    text = "- name: !!str 1\n  period: 2026-03\n  d: 2026-01-01\n  n: !!int '5'\n  <<: {e: ! x}\n"
    assert las_yaml(text, "a.yaml")[1] == [{"name": "1", "period": "2026-03", "d": datetime.date(2026, 1, 1), "n": 5,
                                            "e": "x"}]


def test_kontrollen_namnger_den_onda_filen_och_listar_den_goda(katalog_med_ond):
    rot, markor = katalog_med_ond
    fel = saker.kontrollera_katalog(rot)
    assert [f.meddelande.split(":")[0] for f in fel] == ["ond.yaml"]
    assert "Python-taggen !!python/object/apply:os.system" in fel[0].meddelande and "(rad 2)" in fel[0].meddelande
    filer = {fil.relativ: fil for fil in katalog.las_katalog(rot)}
    assert filer["ond.yaml"].fall == [] and filer["ond.yaml"].fel == fel[0].meddelande
    assert filer[GOD].fel is None and len(filer[GOD].fall) > 10
    assert not markor.exists()


def test_bistand_test_vagrar_och_kor_ingenting(katalog_med_ond):
    """The project's runner names the file and runs no case: no marker, no case reported as run."""
    rot, markor = katalog_med_ond
    rc, ut = _kor(sys.executable, "-m", "openfisca_sweden_bistand", "test", str(rot), cwd=rot)
    assert rc == 2, ut
    assert "ond.yaml: Python-taggen !!python/object/apply:os.system är inte tillåten" in ut
    assert "inget testfall kördes" in ut and "passed" not in ut
    assert not markor.exists() and not (rot / "pwned").exists()
    assert sorted(p.name for p in rot.iterdir()) == ["beslut", "ond.yaml"]  # nothing written there (no cache)


def test_bistand_test_kor_openfiscas_testkorare_pa_det_som_lasts(tmp_path):
    """Once every file is safe, OpenFisca's runner runs every case (exit 0), and a failing one gives exit 1."""
    rot = tmp_path / "yaml"
    (rot / "beslut").mkdir(parents=True)
    shutil.copy(ROT / "tests" / "yaml" / GOD, rot / GOD)
    antal = len(katalog.las_fil(rot, GOD).fall)
    rc, ut = _kor(sys.executable, "-m", "openfisca_sweden_bistand", "test", str(rot), cwd=tmp_path)
    assert rc == 0 and f"{antal} passed" in ut, ut
    fall = katalog.las_fil(rot, GOD).fall[0]
    (rot / "fel.yml").write_text(
        f"- name: Fel förväntan\n  period: {fall.data['period']}\n  input: {fall.data['input']}\n"
        "  output: {forsorjningsstod: 999999}\n", encoding="utf-8")
    rc, ut = _kor(sys.executable, "-m", "openfisca_sweden_bistand", "test", str(rot), cwd=tmp_path)
    assert rc == 1 and f"1 failed, {antal} passed" in ut, ut


def test_reform_eller_tillagg_utanfor_paketet_kors_inte(tmp_path):
    """OpenFisca's runner imports a case's reforms by name and loads its extensions from any directory: only the
    package's are let through; a directory of Python code named as an extension is refused, never loaded."""
    rot = tmp_path / "yaml"
    rot.mkdir()
    markor = tmp_path / "laddad"
    (tmp_path / "ondska").mkdir()
    (tmp_path / "ondska" / "variabler.py").write_text(f"open({str(markor)!r}, 'w').close()\n", encoding="utf-8")
    fall = "period: 2026-03\n  input: {forsorjningsstod: 0}\n  output: {forsorjningsstod: 0}\n"
    (rot / "tillagg.yaml").write_text(f"- name: t\n  extensions: [{tmp_path / 'ondska'}]\n  {fall}", encoding="utf-8")
    (rot / "reform.yaml").write_text(f"- name: r\n  reforms: os.system\n  {fall}", encoding="utf-8")
    fel = sorted(f.meddelande for f in saker.kontrollera_katalog(rot))
    assert fel[0].startswith("reform.yaml: testfallet 'r' (rad 1): reforms: bara paketets reformer")
    assert fel[1].startswith("tillagg.yaml: testfallet 't' (rad 1): extensions: bara en av paketets kommuner")
    rc, ut = _kor(sys.executable, "-m", "openfisca_sweden_bistand", "test", str(rot), cwd=tmp_path)
    assert rc == 2 and "reform.yaml" in ut and "tillagg.yaml" in ut and not markor.exists(), ut


@pytest.mark.parametrize("kommando", [["{python}", "-m", "pytest", "-p", "no:cacheprovider", "yaml"],
                                      ["openfisca", "test", "yaml", "-c", "openfisca_sweden_bistand"]],
                         ids=["pytest", "openfisca-test"])
def test_testsvitens_insamling_vagrar_den_onda_filen(katalog_med_ond, kommando):
    """What CI runs (``python -m pytest``, collecting tests/yaml through tests/conftest.py) and the README's
    ``openfisca test tests/yaml``, on a catalogue beside the same conftest.py: OpenFisca's unsafe loader never sees
    the file; the run stops at collection naming it, and no case runs."""
    rot, markor = katalog_med_ond
    shutil.copy(ROT / "tests" / "conftest.py", rot.parent / "conftest.py")
    rc, ut = _kor(*[sys.executable if d == "{python}" else d for d in kommando], cwd=rot.parent)
    assert rc != 0, ut
    assert "yaml/ond.yaml: Python-taggen !!python/object/apply:os.system är inte tillåten" in ut
    assert "Interrupted: 1 error during collection" in ut and " passed" not in ut
    assert not markor.exists()


def test_granskningslistan_namnger_den_onda_filen(katalog_med_ond, capsys):
    rot, markor = katalog_med_ond
    assert main(["granskning", str(rot)]) == 0
    ut = capsys.readouterr().out
    assert "ond.yaml\n  kan inte läsas: ond.yaml: Python-taggen" in ut and "Inte granskad" in ut
    assert main(["granskning", "--ci", str(rot)]) == 1
    fel = capsys.readouterr().err
    assert "testfiler som inte kan läsas (1): ond.yaml: Python-taggen !!python/object/apply:os.system" in fel
    assert main(["granskning", "--format", "json", str(rot)]) == 0
    assert '"fel": "ond.yaml: Python-taggen' in capsys.readouterr().out
    assert not markor.exists()
