"""``bistand granskning --ci --mot REV``: a sign-off lost since a git revision fails CI (testfall/jamforelse.py).

Each test builds a small git repository in a temporary directory: one real file of tests/yaml, two of its
cases signed off, committed; then a change, committed, compared with ``HEAD~1``."""

import datetime
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from granskarnycklar import ny_nyckel, skriv_granskare

from openfisca_sweden_bistand.granssnitt.cli import main
from openfisca_sweden_bistand.testfall import katalog
from openfisca_sweden_bistand.testfall.granskare import las_granskare
from openfisca_sweden_bistand.testfall.granskning import regelversion_text
from openfisca_sweden_bistand.testfall.jamforelse import FIL_BORTTAGEN, las_katalog_vid
from openfisca_sweden_bistand.testfall.signering import signera

ROT = Path(__file__).resolve().parents[2]
FIL = "riksnorm/officiella_totalbelopp.yaml"
FORSTA = "Riksnorm 2026, ensamstående, regeringens officiella totalbelopp"
ANDRA = "Riksnorm 2026, sambor, regeringens officiella totalbelopp"
AV = "Eva Jurist, jurist, socialförvaltningen"
DAG = datetime.date(2026, 11, 24)
GRANSKARE: dict = {}  # the module's reviewer: "nyckel", "fil", "register"


@pytest.fixture(scope="module", autouse=True)
def granskare(tmp_path_factory):
    katalog_ = tmp_path_factory.mktemp("granskare")
    nyckel = ny_nyckel(katalog_)
    fil = skriv_granskare(katalog_ / "granskare.yaml", nyckel)
    GRANSKARE.update({"nyckel": nyckel, "fil": fil, "register": las_granskare(fil)})


def _main(argument):
    """``bistand ARGUMENT…`` with the module's reviewers' file."""
    return main([*argument, "--granskare", str(GRANSKARE["fil"])])


def _git(repo, *argument):
    return subprocess.run(["git", "-C", str(repo), *argument], capture_output=True, text=True, check=True,
                          timeout=30).stdout


def _signera(rot, namn, dag=DAG):
    return signera(rot, FIL, namn, None, "Stämmer med tabellen.", regelversion_text(), dag,
                   GRANSKARE["nyckel"].privat, GRANSKARE["register"])


def _commit(repo, meddelande):
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "--allow-empty", "-m", meddelande)


@pytest.fixture
def repo(tmp_path):
    """A git repository with tests/yaml/<FIL>, its first two cases signed off, committed once."""
    repo = tmp_path / "repo"
    rot = repo / "tests" / "yaml"
    (rot / "riksnorm").mkdir(parents=True)
    shutil.copyfile(ROT / "tests" / "yaml" / FIL, rot / FIL)
    _git(repo, "init", "-q")
    _git(repo, "config", "user.name", "Test")
    _git(repo, "config", "user.email", "test@example.org")
    _git(repo, "config", "commit.gpgsign", "false")
    _signera(rot, FORSTA)
    _signera(rot, ANDRA)
    _commit(repo, "två fall granskade")
    return repo


def _rot(repo):
    return repo / "tests" / "yaml"


def _text(repo):
    return (_rot(repo) / FIL).read_text(encoding="utf-8")


def _skriv(repo, text):
    (_rot(repo) / FIL).write_text(text, encoding="utf-8")


def _utan_block(text, namn):
    """``text`` without the sign-off block of the case ``namn`` (the lines after its name)."""
    rader = text.splitlines(keepends=True)
    i = rader.index(f"- name: {namn}\n") + 1
    slut = i + 1
    while rader[slut].startswith("  #   "):
        slut += 1
    assert rader[i] == "  # granskning:\n" and slut - i == 8
    return "".join(rader[:i] + rader[slut:])


def _utan_fall(text, namn):
    fil, platser = katalog.tolka(FIL, text, GRANSKARE["register"])
    plats = platser[[f.namn for f in fil.fall].index(namn)]
    rader = katalog.rader(text)
    return "".join(rader[:plats.rad] + rader[plats.slut:])


def _ta_bort_block(repo):
    _skriv(repo, _utan_block(_text(repo), FORSTA))


def _ta_bort_fall(repo):
    _skriv(repo, _utan_fall(_text(repo), FORSTA))


def _byt_namn(repo):
    _skriv(repo, _text(repo).replace(f"- name: {FORSTA}\n", f"- name: {FORSTA}, omdöpt\n"))


def _andra_och_signera_igen(repo):
    _skriv(repo, _text(repo).replace("riksnorm: 5220", "riksnorm: 5220.0"))
    assert _signera(_rot(repo), FORSTA, DAG + datetime.timedelta(days=1)).status == "granskad"


def _oforandrad(repo):
    pass


def _rad(orsak, namn=FORSTA):
    return f"  rad 8     {namn} ({AV}, 2026-11-24): {orsak}"


@pytest.mark.parametrize(("andring", "slutkod", "rad"), [
    (_ta_bort_block, 1, _rad("granskningen är borttagen")),
    (_ta_bort_fall, 1, _rad("testfallet är borttaget eller har bytt namn")),
    (_byt_namn, 1, _rad(f"testfallet har bytt namn till ”{FORSTA}, omdöpt”")),
    (_andra_och_signera_igen, 0, None),
    (_oforandrad, 0, None),
], ids=["granskning_borttagen", "fall_borttaget", "bytt_namn", "signerat_igen", "oforandrat"])
def test_ci_mot_forra_commiten(repo, capsys, andring, slutkod, rad):
    andring(repo)
    _commit(repo, "ändring")
    assert _main(["granskning", "--ci", "--mot", "HEAD~1", str(_rot(repo))]) == slutkod
    ut, fel = capsys.readouterr()
    commit = _git(repo, "rev-parse", "HEAD~1").strip()
    if slutkod:
        assert f"Granskade testfall vid HEAD~1 ({commit[:12]}): 2, varav inte granskade nu: 1\n{FIL}\n{rad}\n" in ut
        assert ANDRA not in ut  # still reviewed: not listed
        # (a renamed case also keeps a block whose checksum, covering the name, no longer matches: said first)
        assert "bistand granskning: testfall som var granskade vid HEAD~1 men inte är det nu: 1 (" in fel
        assert fel.startswith("bistand granskning: 1 granskade testfall har ändrats") == (andring is _byt_namn)
    else:
        assert f"Granskade testfall vid HEAD~1 ({commit[:12]}): 2, alla granskade nu.\n" in ut
        assert fel == ""


def test_utan_mot_marks_borttagningen_inte(repo, capsys):
    """The hole ``--mot`` closes: without it, a removed block or case passes CI."""
    _ta_bort_block(repo)
    _skriv(repo, _utan_fall(_text(repo), ANDRA))
    assert _main(["granskning", "--ci", str(_rot(repo))]) == 0
    assert _main(["granskning", "--ci", "--mot", "HEAD", str(_rot(repo))]) == 1  # the working tree against HEAD
    ut = capsys.readouterr().out
    assert _rad("granskningen är borttagen") in ut
    assert re.search(rf"  rad \d+ +{re.escape(ANDRA)} \(.*\): testfallet är borttaget eller har bytt namn\n", ut)


def test_andrat_fall_listas_med_orsak_och_tidigare_rad(repo, capsys):
    _skriv(repo, _text(repo).replace("riksnorm: 5220", "riksnorm: 5221"))
    assert _main(["granskning", "--ci", "--mot", "HEAD", str(_rot(repo))]) == 1
    ut, fel = capsys.readouterr()
    assert _rad("testfallet har ändrats sedan granskningen") in ut
    assert "har ändrats sedan granskningen; låt en jurist" in fel  # the old check says it too


def test_borttagen_fil_och_json_utan_ci(repo, capsys):
    _git(repo, "rm", "-q", f"tests/yaml/{FIL}")
    _rot(repo).mkdir(parents=True, exist_ok=True)  # git rm removed the emptied directories
    (_rot(repo) / "annan.yaml").write_text("[]\n", encoding="utf-8")
    assert _main(["granskning", "--mot", "HEAD", "--format", "json", str(_rot(repo))]) == 0  # without --ci: a list
    svar = json.loads(capsys.readouterr().out)
    assert svar["mot"]["revision"] == "HEAD" and svar["mot"]["commit"] == _git(repo, "rev-parse", "HEAD").strip()
    assert [(f["fil"], f["namn"], f["orsak"], f["granskning"]["granskad_av"]) for f in svar["mot"]["forlorade"]] == [
        (FIL, FORSTA, FIL_BORTTAGEN, AV), (FIL, ANDRA, FIL_BORTTAGEN, AV)]
    assert _main(["granskning", "--mot", "HEAD", "--format", "json", "--ci", str(_rot(repo))]) == 1
    assert "filen är borttagen" in capsys.readouterr().out


def test_las_katalog_vid_valjer_filer_som_katalogen(repo):
    """At the revision, as on disk: no hidden file or directory, no symbolic link, nothing but .yaml and .yml (the
    names OpenFisca's runner runs)."""
    rot = _rot(repo)
    (rot / ".dold").mkdir()
    shutil.copyfile(rot / FIL, rot / ".dold" / "x.yaml")
    shutil.copyfile(rot / FIL, rot / "riksnorm" / "kopia.yml")
    shutil.copyfile(rot / FIL, rot / "riksnorm" / "kopia.json")
    (rot / "lank.yaml").symlink_to(rot / FIL)
    _commit(repo, "annat")
    commit, filer = las_katalog_vid(rot, "HEAD", GRANSKARE["register"])
    assert commit == _git(repo, "rev-parse", "HEAD").strip()
    assert [f.relativ for f in filer] == katalog.filnamn(rot) == ["riksnorm/kopia.yml", FIL]
    assert [(f.namn, f.status) for f in filer[1].fall] == [
        (f.namn, f.status) for f in katalog.las_fil(rot, FIL, GRANSKARE["register"]).fall]
    assert [f.status for f in filer[1].fall][:2] == ["granskad", "granskad"]


def test_en_blockborttagning_i_en_fil_med_samma_namn_tva_ganger(repo, capsys):
    """Cases sharing a name are matched in order: removing the second one's block is seen."""
    text = _text(repo)
    _skriv(repo, text + "\n" + text[text.index(f"- name: {FORSTA}"):text.index(f"- name: {ANDRA}")])
    _commit(repo, "dubblett")
    dubbletter = [f for f in katalog.las_fil(_rot(repo), FIL, GRANSKARE["register"]).fall if f.namn == FORSTA]
    assert [f.status for f in dubbletter] == ["granskad", "granskad"]
    rader = _text(repo).splitlines(keepends=True)
    start = len(rader) - rader[::-1].index(f"- name: {FORSTA}\n")
    _skriv(repo, "".join(rader[:start] + rader[start + 8:]))
    assert _main(["granskning", "--ci", "--mot", "HEAD", str(_rot(repo))]) == 1
    ut = capsys.readouterr().out
    assert f"  rad {dubbletter[1].rad:<5} {FORSTA} ({AV}, 2026-11-24): granskningen är borttagen\n" in ut
    assert _rad("granskningen är borttagen") not in ut


@pytest.mark.parametrize("rev", ["nej-ingen-sadan", "-h", "--output=/tmp/x", "HEAD:tests", "HEAD\n", "", "a" * 300])
def test_felaktig_revision_ger_slutkod_2(repo, capsys, rev):
    assert _main(["granskning", "--ci", f"--mot={rev}", str(_rot(repo))]) == 2
    ut, fel = capsys.readouterr()
    assert ut == "" and fel.count("\n") == 1 and fel.startswith("bistand: fel i ärendet: --mot: ")


def test_inte_ett_git_forrad_ger_slutkod_2(tmp_path, capsys):
    rot = tmp_path / "yaml"
    (rot / "riksnorm").mkdir(parents=True)
    shutil.copyfile(ROT / "tests" / "yaml" / FIL, rot / FIL)
    assert _main(["granskning", "--ci", "--mot", "HEAD", str(rot)]) == 2
    ut, fel = capsys.readouterr()
    assert ut == "" and fel == "bistand: fel i ärendet: --mot: testkatalogen ligger inte i ett git-förråd " \
                               "(en utcheckning med historik)\n"


def test_for_stor_fil_vid_revisionen_ger_slutkod_2(repo, capsys):
    stor = _rot(repo) / "stor.yaml"
    stor.write_text("#" * (katalog.HOGSTA_STORLEK + 1) + "\n", encoding="utf-8")
    _commit(repo, "stor fil")
    stor.unlink()
    assert _main(["granskning", "--ci", "--mot", "HEAD", str(_rot(repo))]) == 2
    fel = capsys.readouterr().err
    assert fel.startswith("bistand: fel i ärendet: --mot: stor.yaml: filen är större än") and "(vid revisionen)" in fel


def test_mot_galler_inte_signera(repo, capsys):
    assert _main(["granskning", "signera", FIL, FORSTA, "--nyckel", str(GRANSKARE["nyckel"].fil), "--mot", "HEAD",
                  "--katalog", str(_rot(repo))]) == 2
    assert "--mot: gäller listan, inte signera" in capsys.readouterr().err
