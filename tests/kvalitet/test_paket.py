"""`pip install .` must work as well as an editable install: the wheel carries parameters/ and variables/."""

import json
import os
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

ROT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def hjul(tmp_path_factory):
    """The wheel as the standard route builds it: `python -m build` makes an sdist, then a wheel from the sdist
    (without git: the sdist must carry what the wheel needs, the commit too)."""
    ut = tmp_path_factory.mktemp("hjul")
    subprocess.run([sys.executable, "-m", "build", "--outdir", str(ut), str(ROT)], check=True, timeout=900,
                   capture_output=True)
    (fil,) = ut.glob("openfisca_sweden_bistand-*.whl")
    return fil


def ny_miljo_som_ser_beroendena(miljo: Path) -> Path:
    """A new virtual environment that sees the dependencies of the one running the tests (not its editable
    install of this package) and returns its python. ``system_site_packages`` would show the base Python's
    packages, which are not the test run's when the tests run in a virtual environment, as .ci/run does;
    a .pth line adds the running environment's site-packages without processing its .pth files (the
    editable install's path finder is one), after the new environment's own."""
    venv.create(miljo, with_pip=True)
    python = miljo / "bin" / "python"
    egen = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    delade = dict.fromkeys(sysconfig.get_paths()[nyckel] for nyckel in ("purelib", "platlib"))
    (Path(egen) / "testkorningens_beroenden.pth").write_text("".join(f"{sokvag}\n" for sokvag in delade))
    return python


def test_hjulet_innehaller_reglerna(hjul):
    namn = set(zipfile.ZipFile(hjul).namelist())
    for fil in ROT.glob("parameters/**/*.yaml"):
        assert f"openfisca_sweden_bistand/{fil.relative_to(ROT).as_posix()}" in namn
    for fil in ROT.glob("variables/*.py"):
        assert f"openfisca_sweden_bistand/{fil.relative_to(ROT).as_posix()}" in namn
    assert "openfisca_sweden_bistand/situation_examples/ensamstaende.json" in namn
    for fil in ROT.glob("scenarios/*.py"):  # the analysts' scripts, which bistand scenario runs
        assert f"openfisca_sweden_bistand/{fil.relative_to(ROT).as_posix()}" in namn
    for fil in ROT.glob("openfisca_sweden_bistand/kommuner/*/**/*.yaml"):  # each municipality's guidelines
        assert fil.relative_to(ROT).as_posix() in namn


def test_installerat_hjul_beraknar_utanfor_kallkoden(hjul, tmp_path):
    miljo = tmp_path / "venv"
    python = ny_miljo_som_ser_beroendena(miljo)
    subprocess.run([str(python), "-m", "pip", "install", "--no-deps", "-q", str(hjul)], check=True, timeout=600)
    kod = (
        "import openfisca_sweden_bistand as p, json;"
        "print(json.dumps([p.__file__, str(p.PARAMETERKATALOG)]))"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    ut = subprocess.run([str(python), "-c", kod], cwd=tmp_path, capture_output=True, text=True, check=True, env=env)
    fil, parametrar = json.loads(ut.stdout)
    assert str(miljo) in fil and str(miljo) in parametrar
    resultat = subprocess.run([str(miljo / "bin" / "bistand"), "berakna", "--exempel", "ensamstaende"],
                              cwd=tmp_path, capture_output=True, text=True, env=env, timeout=120)
    assert resultat.returncode == 0, resultat.stderr
    assert "= 7 360 kr per månad" in resultat.stdout.replace("\u00a0", " ")
    beslut = subprocess.run([str(miljo / "bin" / "bistand"), "beslut", "--exempel", "familj_2026", "--format", "json"],
                            cwd=tmp_path, capture_output=True, text=True, env=env, timeout=120)
    assert beslut.returncode == 0, beslut.stderr
    commit = json.loads(beslut.stdout)["regelversion"]["git"]  # written into the wheel at build time
    kommun = subprocess.run([str(miljo / "bin" / "bistand"), "beslut", "--exempel", "familj_2026", "--kommun",
                             "hogsby", "--format", "json"], cwd=tmp_path, capture_output=True, text=True, env=env,
                            timeout=120)
    assert kommun.returncode == 0 and json.loads(kommun.stdout)["belopp"] == 12045, kommun.stderr
    vantat = subprocess.run(["git", "-C", str(ROT), "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
    assert commit is not None and commit.removesuffix("-dirty") == vantat


def test_import_lamnar_openfisca_core_orord():
    """Importing the package (and building its system) leaves openfisca-core's period parsing as it was:
    the cached parser is installed only by ``bistand serve``."""
    kod = (
        "from openfisca_core.periods import helpers\n"
        "fore = dict(helpers.period.registry)\n"
        "import openfisca_sweden_bistand\n"
        "from openfisca_sweden_bistand.system import skattesystem\n"
        "skattesystem()\n"
        "assert dict(helpers.period.registry) == fore, 'openfisca_core.periods ändrad vid import'\n"
    )
    svar = subprocess.run([sys.executable, "-c", kod], capture_output=True, text=True, timeout=120)
    assert svar.returncode == 0, svar.stderr


def test_varje_yamlfall_kors_en_gang_aven_med_openfisca_test():
    """`openfisca test tests/yaml` runs each case once (our conftest does not collect them a second time)."""
    import yaml

    rot = Path(__file__).resolve().parents[2]
    antal = sum(len(yaml.safe_load(f.read_text(encoding="utf-8"))) for f in (rot / "tests" / "yaml").rglob("*.yaml"))
    svar = subprocess.run(["openfisca", "test", "tests/yaml", "-c", "openfisca_sweden_bistand"], cwd=rot,
                          capture_output=True, text=True, timeout=600)
    assert svar.returncode == 0, svar.stdout[-2000:]
    assert f"{antal} passed" in svar.stdout


@pytest.mark.parametrize("namn", __import__("openfisca_sweden_bistand.situation_examples").situation_examples.NAMN)
def test_exemplen_laddas_i_openfiscas_simulationbuilder(namn):
    """The examples load in the stock SimulationBuilder, the month given separately, and give the decision's amount."""
    from openfisca_core.simulations import SimulationBuilder

    from openfisca_sweden_bistand import exempel, situation_examples
    from openfisca_sweden_bistand.arende.las import las_arende
    from openfisca_sweden_bistand.forklaring.beslut import fatta_beslut
    from openfisca_sweden_bistand.system import skattesystem

    period = situation_examples.PERIODER[namn]
    byggare = SimulationBuilder()
    byggare.set_default_period(period)
    simulering = byggare.build_from_entities(skattesystem(), getattr(situation_examples, namn))
    belopp = simulering.calculate("forsorjningsstod", period)[0]
    assert belopp == fatta_beslut(las_arende(exempel.arende(namn))).berakning.forsorjningsstod


def test_version_och_modulkorning():
    for kommando in (["bistand", "--version"], [sys.executable, "-m", "openfisca_sweden_bistand", "--version"]):
        svar = subprocess.run(kommando, capture_output=True, text=True, timeout=120)
        assert svar.returncode == 0 and svar.stdout.startswith("openfisca-sweden-bistand "), svar.stderr
        assert "git " in svar.stdout


def test_karnan_kraver_varken_sqlalchemy_eller_matplotlib(tmp_path):
    """Decisions and calculations need neither extra; a command that does names the extra to install."""
    blockera = (
        "import sys\n"
        "for namn in ('sqlalchemy', 'matplotlib', 'tqdm', 'psycopg'):\n"
        "    sys.modules[namn] = None\n"
        "from openfisca_sweden_bistand.granssnitt.cli import main\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    skript = tmp_path / "utan_tillagg.py"
    skript.write_text(blockera, encoding="utf-8")
    beslut = subprocess.run([sys.executable, str(skript), "beslut", "--exempel", "familj_2026"],
                            capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert beslut.returncode == 0, beslut.stderr
    register = subprocess.run([sys.executable, str(skript), "register", "verifiera"],
                              capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert register.returncode == 2 and "[register]" in register.stderr and "Traceback" not in register.stderr
