"""Every variable cites its provision as URLs (the OpenFisca convention); every parameter has
``metadata.reference`` {date: {title, href}}; every dated value its reference, konfidens and source;
and the stock OpenFisca web API passes all of it on."""

import datetime
import itertools
import textwrap
from pathlib import Path

import pytest

from openfisca_sweden_bistand import PARAMETERKATALOG
from openfisca_sweden_bistand.regelstod.lagrum import (
    LAGRUM,
    NY_SOL,
    SOL_2001,
    SOL_2025,
    citat_for_variabel,
    lagen_nu_ankare,
    lagrum,
    lagrum_text,
    referenser,
)
from openfisca_sweden_bistand.regelstod.parametrar import lov
from openfisca_sweden_bistand.underhall.kontroller import (
    parameterlov,
    parametervarden_utan_kalla,
    parametrar_utan_referens,
    variabler_utan_referens,
)


def test_varje_variabel_har_referens_som_url(system):
    assert variabler_utan_referens(system) == []


def test_varje_variabel_har_svenskt_lagrum_bredvid(system):
    assert [namn for namn, variabel in system.variables.items() if not citat_for_variabel(variabel)] == []


def test_varje_parametervarde_har_daterad_referens_konfidens_och_kalla():
    assert parametervarden_utan_kalla(PARAMETERKATALOG) == []


def test_varje_parameter_har_metadata_reference_med_title_och_href():
    assert parametrar_utan_referens(PARAMETERKATALOG) == []


@pytest.mark.parametrize(
    ("paragraf", "ankare"),
    [
        ("12 kap. 7 § första stycket 1", "K12P7"),
        ("4 kap. 1 §", "K4P1"),
        ("12 kap. 7 a §", "K12P7a"),
        ("4 kap. 1 b §", "K4P1b"),
        ("23 §", "P23"),
        ("43 och 44 §§", "P43"),
        ("2 kap. 6 och 7 §§", "K2P6"),
        ("11 kap. 11–11 b §§", "K11P11"),
        ("15 kap. 10–12 §§", "K15P10"),
        ("2–7 §§", "P2"),
        ("avsnitt Tillgångar", ""),
    ],
)
def test_lagen_nu_ankare(paragraf, ankare):
    assert lagen_nu_ankare(paragraf) == ankare


def test_referenser_ar_adresser_utan_dubbletter_i_ordning():
    assert referenser("ratt_till_bistand", "riksnorm_poster", "skaliga_kostnader") == [
        "https://lagen.nu/2001:453#K4P1",
        "https://lagen.nu/2025:400#K12P1",
        "https://lagen.nu/2001:453#K4P3",
        "https://lagen.nu/2025:400#K12P7",
    ]
    assert referenser("riksnorm_belopp") == [
        "https://lagen.nu/2001:937#K2P1",
        "https://svenskforfattningssamling.se/sites/default/files/sfs/2025-05/SFS2025-468.pdf",
        "https://github.com/se-lex/sfs-processor/blob/c949bd5284378eb5033605779349c30aa008a8b9/"
        "data/md-markers/2025/sfs-2025-468-markers.md",
    ]
    # FL (1986:223): its paragraphs were not read, so the statute alone is cited (and linked).
    assert referenser("motivering") == ["https://lagen.nu/1986:223", "https://lagen.nu/2017:900#P32"]


def test_inget_lagrum_citerar_en_paragraf_som_inte_lasts():
    """Every paragraph cited has been read; a provision whose paragraph could not be read cites the statute alone
    and says what for and that the paragraph was not read (the review, December 2026, L4)."""
    for nyckel, poster in LAGRUM.items():
        for post in poster:
            assert "ej bekräftad" not in str(post), (nyckel, str(post))
            if not post.paragraf:
                assert "inte läst" in post.anmarkning or "tolkning" in post.anmarkning, (nyckel, post)


@pytest.mark.parametrize(("dag", "text"), [
    (datetime.date(2016, 5, 1), "kommunallagen (1991:900)"),
    (datetime.date(2020, 5, 1), "kommunallagen (2017:725)"),
    (datetime.date(2022, 7, 1),
     "6 kap. 37 § kommunallagen (2017:725); 6 kap. 38 § andra stycket kommunallagen (2017:725)"),
])
def test_kommunallagen_om_automatiserad_beslutsfunktion(dag, text):
    """SFS 2022:638 put "en automatiserad beslutsfunktion" into 6 kap. 37 § from 2022-07-01; 38 § andra stycket
    (SFS 2023:708) lists what may not be delegated to one."""
    assert lagrum_text("kommunal_automatisering", dag) == text


def test_delat_boende_citerar_hushallsgemenskapen_i_forordningen_fore_juli_2025():
    """SoF (2001:937) 2 kap. 1 § sista stycket (SFS 2020:1013), not a description by Socialstyrelsen."""
    assert lagrum_text("riksnorm_delat_boende", datetime.date(2024, 3, 1)) == (
        "2 kap. 1 § sista stycket socialtjänstförordningen (2001:937)")
    assert lagrum_text("riksnorm_delat_boende", NY_SOL) == (
        "12 kap. 3 § andra stycket socialtjänstförordningen (2025:468)")


def test_beslutets_lagrumstext_ar_oforandrad():
    """The decision letter's dated Swedish text does not carry the URLs."""
    assert lagrum_text("jobbstimulans", NY_SOL) == "12 kap. 8 § socialtjänstlagen (2025:400)"
    assert lagrum_text("utredning", NY_SOL) == "23 § förvaltningslagen (2017:900)"


def test_variabelns_lagrum_hittas_fran_referensen(system):
    variabel = system.variables["jobbstimulans_ej_raknad"]
    assert variabel.reference == ["https://lagen.nu/2001:453#K4P1b", "https://lagen.nu/2025:400#K12P8"]
    citat = citat_for_variabel(variabel)
    assert citat[0] == "4 kap. 1 b § socialtjänstlagen (2001:453), 2013-07-01–2025-06-30"
    assert citat[1].startswith("12 kap. 8 § socialtjänstlagen (2025:400), fr.o.m. 2025-07-01")


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


def test_kontrollen_underkanner_parameter_utan_metadata_reference(tmp_path):
    varde = "{value: 1, metadata: {reference: SFS 2020:1, konfidens: official, kalla: x}}"
    policy = "{value: 1, metadata: {reference: SFS 2020:1, konfidens: policy, kalla: x}}"
    (tmp_path / "exempel.yaml").write_text(textwrap.dedent(f"""
        description: test
        utan_reference:
          values:
            2020-01-01: {varde}
        som_text:
          metadata: {{reference: "SFS 2020:1: https://lagen.nu/2020:1"}}
          values:
            2020-01-01: {varde}
        datum_saknas:
          metadata:
            reference:
              '2020-01-01': {{title: SFS 2020:1, href: "https://lagen.nu/2020:1"}}
          values:
            2020-01-01: {varde}
            2021-01-01: {varde}
        href_ej_url:
          metadata:
            reference:
              '2020-01-01': {{title: SFS 2020:1, href: "SFS 2020:1"}}
          values:
            2020-01-01: {varde}
        policy_utan_dokumentation:
          metadata:
            reference:
              '2020-01-01': {{title: SFS 2020:1, href: "https://lagen.nu/2020:1"}}
          values:
            2020-01-01: {policy}
        policy_med_dokumentation:
          documentation: Värdet har konfidens policy. Det är inte lagtext.
          metadata:
            reference:
              '2020-01-01': {{title: SFS 2020:1, href: "https://lagen.nu/2020:1"}}
          values:
            2020-01-01: {policy}
        """), encoding="utf-8")
    fel = parametrar_utan_referens(tmp_path)
    assert [rad.split(":")[0] for rad in fel] == [
        "exempel.utan_reference",
        "exempel.som_text",
        "exempel.datum_saknas",
        "exempel.href_ej_url",
        "exempel.policy_utan_dokumentation",
    ]
    assert "saknar 2021-01-01" in fel[2]


def test_kontrollen_underkanner_variabel_utan_referens(system):
    variabel = system.variables["hushallsel"]
    sparad = variabel.reference
    try:
        variabel.reference = []
        assert variabler_utan_referens(system) == ["hushallsel: saknar reference"]
        variabel.reference = ["4 kap. 3 § socialtjänstlagen (2001:453): https://lagen.nu/2001:453#K4P3"]
        assert [rad.split(":")[0] for rad in variabler_utan_referens(system)] == ["hushallsel"]
        variabel.reference = ["lagen.nu/2001:453#K4P3"]
        assert [rad.split(":")[0] for rad in variabler_utan_referens(system)] == ["hushallsel"]
    finally:
        variabel.reference = sparad


@pytest.fixture(scope="module")
def stock_api(system):
    """The stock OpenFisca web API (what ``openfisca serve`` runs), not the package's own server."""
    from openfisca_web_api.app import create_app

    return create_app(system).test_client()


def test_stock_api_visar_parameterns_referens_per_datum(stock_api):
    svar = stock_api.get("/parameter/riksnorm.vuxna.ensamstaende")
    assert svar.status_code == 200
    data = svar.get_json()
    referens = data["metadata"]["reference"]
    assert set(referens) == set(data["values"])
    assert referens["2021-01-01"] == {
        "title": "Socialtjänstförordningen (2001:937) 2 kap. 1 §, riksnorm för 2021, i lydelse enligt SFS 2020:1013",
        "href": "https://lagen.nu/2001:937#K2P1",
    }
    # The base PDF of SFS 2025:468 holds the 2025 table only: 2026 points to a text that holds the 2026 table.
    assert referens["2025-07-01"]["href"].endswith("/SFS2025-468.pdf")
    assert referens["2026-01-01"]["href"].endswith("/sfs-2025-468-markers.md")
    assert "SFS 2025:1046" in referens["2026-01-01"]["title"]


def test_stock_api_visar_att_ett_varde_inte_ar_officiellt(stock_api):
    data = stock_api.get("/parameter/prisbasbelopp").get_json()
    assert "konfidens reprint" in data["documentation"] and "inte lagtext" in data["documentation"]
    data = stock_api.get("/parameter/automatisering.granser.tillgangar").get_json()
    assert "konfidens policy" in data["documentation"]
    data = stock_api.get("/parameter/riksnorm.vuxna.ensamstaende").get_json()
    assert "fr.o.m. 2026-01-01" not in data["documentation"]  # 2026 is official
    assert "fr.o.m. 2016-01-01: konfidens derived" in data["documentation"]  # an earlier value that is not


def test_stock_api_visar_variabelns_referenser_som_adresser(stock_api):
    svar = stock_api.get("/variable/forsorjningsstod")
    assert svar.status_code == 200
    referenser_ = svar.get_json()["references"]
    assert all(ref.startswith("https://") and " " not in ref for ref in referenser_)
    assert {"https://lagen.nu/2001:453#K4P1", "https://lagen.nu/2025:400#K12P1"} <= set(referenser_)


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
        ("barns_arbetsinkomst", "4 kap. 1 a § socialtjänstlagen (2001:453)",
         "12 kap. 9 § socialtjänstlagen (2025:400)"),
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
        sol = [p for p in poster if p.forfattning in (SOL_2001, SOL_2025)]  # not a förordning named after SoL
        for tidigare, senare in itertools.pairwise(sol):
            assert tidigare.till is not None and senare.fran == tidigare.till + datetime.timedelta(days=1), nyckel


def test_jobbstimulans_fanns_inte_fore_juli_2013():
    with pytest.raises(ValueError, match="gäller inte"):
        lagrum("jobbstimulans", datetime.date(2013, 6, 30))


def test_inga_hanvisningar_till_interna_anteckningar():
    """Every source is public: no tracked file points to notes a reader of the repository cannot open."""
    import subprocess

    rot = Path(__file__).resolve().parents[2]
    filer = subprocess.run(["git", "ls-files"], cwd=rot, capture_output=True, text=True, check=True).stdout.split()
    monster = "shared" + "/reference"  # split, so that this test does not name itself
    traffar = [f for f in filer
               if (rot / f).is_file() and monster in (rot / f).read_text(encoding="utf-8", errors="ignore")]
    assert traffar == []


def test_variabel_i_api_har_svenskt_lagrum_bredvid_adresserna(system):
    from openfisca_web_api.app import create_app

    from openfisca_sweden_bistand.granssnitt.variabellagrum import utoka_variabel

    app = create_app(system)
    utoka_variabel(app, system)
    data = app.test_client().get("/variable/jobbstimulans_ej_raknad").get_json()
    assert data["references"] == ["https://lagen.nu/2001:453#K4P1b", "https://lagen.nu/2025:400#K12P8"]
    assert data["lagrum"][0] == "4 kap. 1 b § socialtjänstlagen (2001:453), 2013-07-01–2025-06-30"
    assert data["lagrum"][1].startswith("12 kap. 8 § socialtjänstlagen (2025:400), fr.o.m. 2025-07-01")
    assert app.test_client().get("/variable/finns_inte").status_code == 404


def test_icke_officiella_varden_syns_i_titeln():
    """A stock client reads metadata.reference: a value not read in an official text says so in its title."""
    from openfisca_sweden_bistand.system import skattesystem

    for parameter in lov(skattesystem().parameters):
        referenser = parameter.metadata.get("reference", {})
        for varde in parameter.values_list:
            konfidens = varde.metadata.get("konfidens")
            titel = referenser.get(varde.instant_str, {}).get("title", "")
            if konfidens and konfidens != "official":
                assert f"[konfidens: {konfidens}" in titel, (parameter.name, varde.instant_str)
            else:
                assert "[konfidens" not in titel, (parameter.name, varde.instant_str)


def test_varje_strangparameter_ar_ett_namngivet_val_med_giltigt_varde(system):
    """A policy given as a word (a string parameter) is one of the choices in regelstod/riktlinjer.py, in every
    dated value: a typo in a municipality's YAML must never decide a case."""
    from openfisca_sweden_bistand.regelstod.riktlinjer import VAL

    strangar = {p.name: [v.value for v in p.values_list] for p in lov(system.parameters)
                if any(isinstance(v.value, str) for v in p.values_list)}
    assert set(strangar) == set(VAL)
    for namn, varden in strangar.items():
        assert set(varden) <= set(VAL[namn]), namn


def test_okant_val_stoppar_berakningen_med_parametern_namngiven(system):
    from openfisca_sweden_bistand.regelstod.riktlinjer import val

    parametrar = system.parameters.clone()
    parametrar.inkomster.barns_arbetsinkomst.overskjutande_del.update(start="2013-01-01", value="raknas_ibland")
    with pytest.raises(ValueError, match="inkomster.barns_arbetsinkomst.overskjutande_del: 'raknas_ibland'"):
        val(parametrar, "2026-03", "inkomster.barns_arbetsinkomst.overskjutande_del")


def test_dokumentationen_listar_varje_varde_som_inte_ar_officiellt(stock_api, system):
    """Not only the latest: every dated value that is not official is in the documentation a stock client shows."""
    for parameter in lov(system.parameters):
        dokumentation = parameter.documentation or ""
        for varde in parameter.values_list:
            if varde.value is not None and varde.metadata.get("konfidens") != "official":
                assert f"fr.o.m. {varde.instant_str}: konfidens {varde.metadata.get('konfidens')}" in dokumentation, (
                    parameter.name, varde.instant_str)
    data = stock_api.get("/parameter/prisbasbelopp").get_json()
    for ar in ("2015", "2023", "2024", "2025"):
        assert f"fr.o.m. {ar}-01-01: konfidens reprint" in data["documentation"]
    assert "fr.o.m. 2026-01-01" not in data["documentation"]  # official (SFS 2025:872)
