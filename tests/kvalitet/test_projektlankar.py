"""[project.urls] come from the checkout's git remote (or $BISTAND_REPOSITORY_URL), never invented, never with a token.

openfisca-core's ``get_package_metadata()["repository_url"]`` is the "Repository" Project-URL; the Legislation
Explorer builds its source links from it. hatch_build.py's metadata hook calls ``_git.repository_url`` and
``_git.projekt_urls``.
"""

import importlib.metadata
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from openfisca_sweden_bistand._git import MILJOVARIABEL, projekt_urls, repository_url, webbadress

ROT = Path(__file__).resolve().parents[2]
HEMLIG = "ghp_HEMLIGTTOKEN123"


@pytest.mark.parametrize(("fjarr", "vantat"), [
    ("https://github.com/kommun/bistand", "https://github.com/kommun/bistand"),
    ("https://github.com/kommun/bistand.git", "https://github.com/kommun/bistand"),
    ("https://github.com/kommun/bistand.git/\n", "https://github.com/kommun/bistand"),
    ("https://GitHub.com/Kommun/Bistand?ref=x#readme", "https://github.com/Kommun/Bistand"),
    ("http://git.example.org:8080/a/b", "http://git.example.org:8080/a/b"),
    ("https://gitlab.example.org/grupp/undergrupp/bistand.git", "https://gitlab.example.org/grupp/undergrupp/bistand"),
    ("git@github.com:kommun/bistand.git", "https://github.com/kommun/bistand"),
    ("github.com:kommun/bistand", "https://github.com/kommun/bistand"),
    ("git@github.com:/kommun/bistand.git", "https://github.com/kommun/bistand"),
    ("ssh://git@github.com/kommun/bistand.git", "https://github.com/kommun/bistand"),
    ("ssh://git@gitlab.example.org:2222/kommun/bistand.git", "https://gitlab.example.org/kommun/bistand"),
    ("git+ssh://git@github.com/kommun/bistand", "https://github.com/kommun/bistand"),
])
def test_fjarradresser_blir_https(fjarr, vantat):
    assert webbadress(fjarr) == vantat


@pytest.mark.parametrize("fjarr", [
    f"https://x-access-token:{HEMLIG}@github.com/kommun/bistand.git",
    f"https://{HEMLIG}@github.com/kommun/bistand",
    f"https://oauth2:{HEMLIG}@gitlab.example.org:8443/kommun/bistand.git",
    f"ssh://git:{HEMLIG}@github.com/kommun/bistand.git",
    f"https://github.com/kommun/bistand.git?token={HEMLIG}",
    f"https://github.com/kommun/bistand#{HEMLIG}",
])
def test_anvandare_och_token_tas_bort(fjarr):
    adress = webbadress(fjarr)
    assert adress is not None and adress.endswith("/kommun/bistand") and HEMLIG not in adress and "@" not in adress


@pytest.mark.parametrize("fjarr", [
    "", "/srv/git/bistand.git", "./bistand", "../bistand.git", "~/bistand", "file:///srv/git/bistand.git",
    "file://localhost/srv/git/bistand", r"C:\git\bistand", "C:/git/bistand", "git://github.com/kommun/bistand",
    "ftp://example.org/bistand", "github-arbete:kommun/bistand",  # an ssh alias, not a web host
    "https://localhost/kommun/bistand", "https://github.com", "https://github.com/", "https://github.com/.git",
    "https://github.com/kommun/../bistand", "https://github.com/kommun/bis tand", "https://github.com/~kommun/b",
    "https://github.com:notaport/kommun/bistand", "https://[::1]/kommun/bistand", "https://git_hub.com/k/b",
    "https://github.com/kommun/bistand\r\nX-Header: injicerad", f"anvandare:{HEMLIG}@github.com:kommun/bistand",
])
def test_annat_an_en_webbvard_ger_ingen_adress(fjarr):
    assert webbadress(fjarr) is None


def test_lankarna_fastnar_pa_commit_annars_main():
    repo = "https://github.com/kommun/bistand"
    assert projekt_urls(repo, "abc123-dirty") == {
        "Repository": repo,
        "Documentation": f"{repo}/blob/abc123/README.md",
        "Changelog": f"{repo}/blob/abc123/CHANGELOG.md",
    }
    assert projekt_urls(repo, None)["Changelog"] == f"{repo}/blob/main/CHANGELOG.md"
    assert list(projekt_urls(repo, "abc123"))[0] == "Repository"
    assert projekt_urls(None, "abc123") == {}  # never links without "Repository" (core's next(...) would raise)


def _git(rot: Path, *argument: str) -> None:
    subprocess.run(["git", "-C", str(rot), "-c", "user.name=Test", "-c", "user.email=test@example.org",
                    "-c", "commit.gpgsign=false", *argument], check=True, capture_output=True, timeout=60)


@pytest.fixture
def checkout(tmp_path):
    rot = tmp_path / "checkout"
    rot.mkdir()
    _git(rot, "init", "-q")
    return rot


def test_adressen_kommer_fran_origin(checkout):
    assert repository_url(checkout, {}) is None  # no remote
    _git(checkout, "remote", "add", "origin", f"https://x-access-token:{HEMLIG}@github.com/kommun/bistand.git")
    assert repository_url(checkout, {}) == "https://github.com/kommun/bistand"
    (checkout / "undermapp").mkdir()
    assert repository_url(checkout / "undermapp", {}) is None  # not the checkout's top: not its project
    _git(checkout, "remote", "set-url", "origin", "/srv/git/bistand.git")
    assert repository_url(checkout, {}) is None


def test_miljovariabeln_gar_fore_origin(checkout):
    _git(checkout, "remote", "add", "origin", "git@github.com:kommun/bistand.git")
    assert repository_url(checkout, {MILJOVARIABEL: "git@gitlab.example.org:spegel/bistand.git"}) == \
        "https://gitlab.example.org/spegel/bistand"
    assert repository_url(checkout, {MILJOVARIABEL: f"https://u:{HEMLIG}@example.org/a/b"}) == "https://example.org/a/b"
    assert repository_url(checkout, {MILJOVARIABEL: " "}) is None  # set and empty: no links
    assert repository_url(checkout.parent / "finns-inte", {MILJOVARIABEL: "https://example.org/a/b"}) == \
        "https://example.org/a/b"  # a tarball: no checkout at all
    with pytest.raises(ValueError, match=MILJOVARIABEL) as fel:
        repository_url(checkout, {MILJOVARIABEL: f"file:///{HEMLIG}/bistand"})
    assert HEMLIG not in str(fel.value)


@pytest.fixture(scope="module")
def metadata_fran_hjul(tmp_path_factory):
    """METADATA of a wheel built from a checkout of the working tree whose origin is https with a token."""
    rot = tmp_path_factory.mktemp("klon") / "openfisca-sweden-bistand"
    rot.mkdir()
    skrap = shutil.ignore_patterns("__pycache__", "_bygge.py")
    for namn in ("openfisca_sweden_bistand", "parameters", "variables", "scenarios"):
        shutil.copytree(ROT / namn, rot / namn, ignore=skrap)
    for namn in ("pyproject.toml", "hatch_build.py", "README.md", "LICENSE", "CHANGELOG.md"):
        shutil.copy2(ROT / namn, rot / namn)
    _git(rot, "init", "-q")
    _git(rot, "add", "-A")
    _git(rot, "commit", "-q", "-m", "klon")
    _git(rot, "remote", "add", "origin", f"https://x-access-token:{HEMLIG}@github.com/kommun/bistand.git")
    commit = subprocess.run(["git", "-C", str(rot), "rev-parse", "HEAD"], capture_output=True, text=True,
                            check=True).stdout.strip()
    ut = tmp_path_factory.mktemp("hjul")
    env = {k: v for k, v in os.environ.items() if k != MILJOVARIABEL}
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(ut), str(rot)],
                   check=True, timeout=600, env=env)
    (hjul,) = ut.glob("openfisca_sweden_bistand-*.whl")
    with zipfile.ZipFile(hjul) as arkiv:
        assert not any(HEMLIG.encode() in arkiv.read(namn) for namn in arkiv.namelist())
        (metadata,) = [namn for namn in arkiv.namelist() if namn.endswith(".dist-info/METADATA")]
        arkiv.extractall(ut / "uppackat", [metadata])
    return ut / "uppackat" / Path(metadata).parent, commit


def test_hjulet_har_lankarna_och_core_hittar_repository(metadata_fran_hjul, monkeypatch):
    dist_info, commit = metadata_fran_hjul
    text = (dist_info / "METADATA").read_text(encoding="utf-8")
    assert "Project-URL: Repository, https://github.com/kommun/bistand\n" in text
    assert f"Project-URL: Documentation, https://github.com/kommun/bistand/blob/{commit}/README.md\n" in text
    assert f"Project-URL: Changelog, https://github.com/kommun/bistand/blob/{commit}/CHANGELOG.md\n" in text

    from openfisca_sweden_bistand import _paketets_metadata
    from openfisca_sweden_bistand.system import skattesystem

    monkeypatch.setattr(importlib.metadata, "distribution", lambda namn: importlib.metadata.PathDistribution(dist_info))
    _paketets_metadata.cache_clear()  # read once per process: this process now "has the wheel installed"
    try:
        assert skattesystem().get_package_metadata()["repository_url"] == "https://github.com/kommun/bistand"
    finally:
        _paketets_metadata.cache_clear()


def test_variabelns_kallank_fungerar_fran_en_klon(monkeypatch):
    """The stock web API's `source` of a variable: the repository, a real commit and the repository's own path
    (never "None/blob/0.1.0/…", the review's N4)."""
    from openfisca_web_api.app import create_app

    from openfisca_sweden_bistand import CountryTaxBenefitSystem, kallkodens_commit

    monkeypatch.setenv("BISTAND_REPOSITORY_URL", "https://github.com/exempel/openfisca-sweden-bistand")
    klient = create_app(CountryTaxBenefitSystem()).test_client()
    kalla = klient.get("/variable/forsorjningsstod").get_json()["source"]
    commit = kallkodens_commit().removesuffix("-dirty")
    assert kalla.startswith(f"https://github.com/exempel/openfisca-sweden-bistand/blob/{commit}/variables/"
                            "forsorjningsstod.py#L")
    monkeypatch.setenv("BISTAND_REPOSITORY_URL", "")
    kalla = create_app(CountryTaxBenefitSystem()).test_client().get("/variable/forsorjningsstod").get_json()["source"]
    assert not kalla.startswith("None") and f"/blob/{commit}/variables/forsorjningsstod.py" in kalla
