"""The README's two set-up commands are the ones CI and the tests use."""

import re
from pathlib import Path

from openfisca_sweden_bistand import exempel

ROT = Path(__file__).resolve().parents[2]


def kommandon():
    return re.findall(r"```sh\n(.+?)\n```", (ROT / "README.md").read_text(encoding="utf-8"), re.S)


def test_readme_har_exakt_tva_kommandon():
    """The set-up commands are the ```sh blocks; other examples use ```console."""
    installera, testa = kommandon()
    assert "\n" not in installera and "\n" not in testa


def test_ci_kor_readmes_testkommando():
    installera, testa = kommandon()
    rader = [r for r in (ROT / ".ci" / "run").read_text(encoding="utf-8").splitlines() if r and not r.startswith("#")]
    assert rader[-1] == testa


def test_readmes_exempel_finns():
    installera, _ = kommandon()
    namn = re.search(r"--exempel (\w+)", installera).group(1)
    assert namn in exempel.namn()
