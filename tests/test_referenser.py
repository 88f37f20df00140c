"""Every variable cites its provision; every dated parameter value its reference, konfidens and source."""

import datetime
import itertools
import textwrap
from pathlib import Path

import pytest

from openfisca_sweden_bistand import PARAMETERKATALOG
from openfisca_sweden_bistand.regelstod.lagrum import LAGRUM, NY_SOL, lagrum
from openfisca_sweden_bistand.regelstod.parametrar import lov
from openfisca_sweden_bistand.underhall.kontroller import (
    parameterlov,
    parametervarden_utan_kalla,
    variabler_utan_referens,
)


def test_varje_variabel_har_referens_till_paragraf(system):
    assert variabler_utan_referens(system) == []


def test_varje_parametervarde_har_daterad_referens_konfidens_och_kalla():
    assert parametervarden_utan_kalla(PARAMETERKATALOG) == []


def test_kontrollen_hittar_alla_parametrar_i_tradet(system):
    i_filerna = {stig for stig, _ in parameterlov(PARAMETERKATALOG)}
    i_tradet = {parameter.name for parameter in lov(system.parameters)}
    assert i_filerna == i_tradet


def test_kontrollen_underkanner_varde_utan_kalla(tmp_path):
    (tmp_path / "exempel.yaml").write_text(textwrap.dedent("""
        description: test
        utan_metadata:
          values:
            2020-01-01: {value: 1}
        utan_kalla:
          values:
            2020-01-01:
              value: 1
              metadata: {reference: SFS 2020:1, konfidens: official}
        fel_konfidens:
          values:
            2020-01-01:
              value: 1
              metadata: {reference: SFS 2020:1, konfidens: gissning, kalla: x}
        provisorisk_utan_forklaring:
          values:
            2020-01-01:
              value: 1
              metadata: {reference: SFS 2020:1, konfidens: provisional, kalla: x}
        """), encoding="utf-8")
    fel = parametervarden_utan_kalla(tmp_path)
    assert [rad.split(":")[0] for rad in fel] == [
        "exempel.utan_metadata 2020-01-01",
        "exempel.utan_kalla 2020-01-01",
        "exempel.fel_konfidens 2020-01-01",
        "exempel.provisorisk_utan_forklaring 2020-01-01",
    ]


def test_kontrollen_underkanner_variabel_utan_referens(system):
    variabel = system.variables["hushallsel"]
    sparad = variabel.reference
    try:
        variabel.reference = []
        assert variabler_utan_referens(system) == ["hushallsel: saknar reference"]
    finally:
        variabel.reference = sparad


def test_riksnormen_har_varje_ar_2013_till_2026(system):
    for parameter in lov(system.parameters.riksnorm):
        if parameter.name.startswith("riksnorm.officiella_totalbelopp"):
            continue
        ar = {int(varde.instant_str[:4]) for varde in parameter.values_list}
        assert set(range(2013, 2027)) <= ar, parameter.name


@pytest.mark.parametrize(
    ("nyckel", "fore", "efter"),
    [
        ("jobbstimulans", "4 kap. 1 b § socialtjänstlagen (2001:453)", "12 kap. 8 § socialtjänstlagen (2025:400)"),
        ("barns_arbetsinkomst", "4 kap. 1 a § socialtjänstlagen (2001:453)", "12 kap. 9 § socialtjänstlagen (2025:400)"),
        ("ratt_till_bistand", "4 kap. 1 § socialtjänstlagen (2001:453)", "12 kap. 1 § socialtjänstlagen (2025:400)"),
        ("skaliga_kostnader", "4 kap. 3 § första stycket 2 socialtjänstlagen (2001:453)",
         "12 kap. 7 § första stycket 2 socialtjänstlagen (2025:400)"),
    ],
)
def test_lagrum_valjs_efter_manad(nyckel, fore, efter):
    assert [str(x) for x in lagrum(nyckel, NY_SOL - datetime.timedelta(days=1))] == [fore]
    assert [str(x) for x in lagrum(nyckel, NY_SOL)] == [efter]


def test_socialtjanstlagarna_avloser_varandra_utan_lucka():
    for nyckel, poster in LAGRUM.items():
        sol = [p for p in poster if "socialtjänstlagen" in p.forfattning]
        for tidigare, senare in itertools.pairwise(sol):
            assert tidigare.till is not None and senare.fran == tidigare.till + datetime.timedelta(days=1), nyckel


def test_jobbstimulans_fanns_inte_fore_juli_2013():
    with pytest.raises(ValueError, match="gäller inte"):
        lagrum("jobbstimulans", datetime.date(2013, 6, 30))


def test_inga_hanvisningar_till_interna_anteckningar():
    """Every source is public: no tracked file points to notes a reader of the repository cannot open."""
    import subprocess

    rot = Path(__file__).resolve().parent.parent
    filer = subprocess.run(["git", "ls-files"], cwd=rot, capture_output=True, text=True, check=True).stdout.split()
    monster = "shared" + "/reference"  # split, so that this test does not name itself
    traffar = [f for f in filer if (rot / f).is_file() and monster in (rot / f).read_text(encoding="utf-8", errors="ignore")]
    assert traffar == []
