"""The web pages without a browser (Flask's test client): the form covers every fact, computes what
`bistand beslut` computes, reports every error at its field and never answers 5xx; the what-if; the headers.

The browser tests (test_webbsida_e2e.py) drive the same pages in Chromium."""

import io
import re

import pytest
import yaml
from granskarnycklar import kontrollsumma, meddelande, ny_nyckel, skriv_granskare
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from openfisca_sweden_bistand import exempel
from openfisca_sweden_bistand.arende.las import INDATA_MED_FORMEL, SATTS_AV_BESLUTSFUNKTIONEN, las_arende
from openfisca_sweden_bistand.forklaring.berakning import INKOMSTER
from openfisca_sweden_bistand.forklaring.beslut import fatta_beslut
from openfisca_sweden_bistand.granssnitt.webb import skapa_app
from openfisca_sweden_bistand.granssnitt.webbsida import formular as f
from openfisca_sweden_bistand.reforms import katalog

HTML = {"Accept": "text/html"}


@pytest.fixture(scope="module")
def klient():
    return skapa_app().test_client()


def posta(klient, falt, atgard="berakna"):
    return klient.post("/", data={**falt, "atgard": atgard})


def exempelfalt(namn, **andrat):
    falt = f.som_falt(f.fran_arende(exempel.arende(namn)))
    return {**falt, **andrat}


def attribut(html, id_, namn):
    traff = re.search(rf'id="{id_}"[^>]*\b{namn}="([^"]*)"', html)
    assert traff, f"inget {id_}[{namn}] i sidan"
    return traff.group(1)


def test_formularet_fragar_efter_varje_uppgift_ett_arende_kan_ge(system):
    """Every input variable of the rules has a field (the decision function's own facts excepted)."""
    fragade = set(f.hushallsvariabler()) | set(f.EGNA_FALT)
    for roll in (f.VUXEN, f.BARN):
        fragade |= set(f.personvariabler(roll))
    indata = {namn for namn, v in system.variables.items()
              if (not v.formulas or namn in INDATA_MED_FORMEL) and namn not in SATTS_AV_BESLUTSFUNKTIONEN}
    assert indata - fragade == set()


@pytest.mark.parametrize("namn", exempel.namn())
def test_exemplen_genom_formularet_ger_samma_beslut_som_bistand_beslut(klient, system, namn):
    forvantat = fatta_beslut(las_arende(exempel.sokvag(namn)), system)
    html = posta(klient, exempelfalt(namn)).get_data(as_text=True)
    assert attribut(html, "utfall", "data-utfall") == forvantat.utfall
    assert float(attribut(html, "belopp", "data-belopp")) == forvantat.belopp
    rader = re.findall(r'<tr data-variabel="([^"]+)" data-person="([^"]*)" data-belopp="([^"]+)"', html)
    assert [(v, p, float(b)) for v, p, b in rader] == [
        (r.variabel, r.person or "", float(r.belopp)) for r in forvantat.berakning.rader]
    assert re.findall(r'<li data-skal="([^"]+)"', html) == [s["skal"] for s in forvantat.skal_for_manuell_provning]


def test_antalet_manader_i_folj_visas_i_formularets_falt(klient, system):
    """A case giving the history as a count (manader_i_folj_med_stod) fills the form's months field, and the form
    decides the case as bistand beslut does."""
    arende = exempel.arende("familj_2026")
    vuxen = arende["hushallen"]["hushallet"]["vuxna"][0]
    arende["personer"][vuxen].pop("mottog_forsorjningsstod", None)
    arende["personer"][vuxen]["manader_i_folj_med_stod"] = 8
    arende["personer"][vuxen]["inkomst_av_anstallning"] = 4000
    falt = f.som_falt(f.fran_arende(arende))
    assert falt["personer-0-manader_med_stod"] == "8"
    forvantat = fatta_beslut(las_arende(arende), system)
    html = posta(klient, falt).get_data(as_text=True)
    assert float(attribut(html, "belopp", "data-belopp")) == forvantat.belopp
    assert 'data-variabel="jobbstimulans_ej_raknad"' in html  # the 25 % after eight months in a row


def test_ett_exempel_i_get_fyller_i_formularet(klient):
    html = klient.get("/?exempel=familj_2026", headers=HTML).get_data(as_text=True)
    assert re.search(r'id="personer-0-id"[^>]*value="anders"', html)
    assert re.search(r'id="hushall-boendekostnad"[^>]*value="8900"', html)
    assert klient.get("/?exempel=finns_inte", headers=HTML).status_code == 404
    # a name, never a path: another JSON file on the server is not read into the form
    for namn in ("../situation_examples/familj_2026", "/etc/passwd", "../../pyproject", "familj_2026\x00"):
        assert klient.get(f"/?exempel={namn}", headers=HTML).status_code == 404


def test_saknad_uppgift_visas_vid_faltet_och_gar_till_handlaggare(klient):
    falt = exempelfalt("ensamstaende_2026")
    del falt["hushall-boendekostnad"]
    html = posta(klient, falt).get_data(as_text=True)
    assert 'id="saknas-hushall-boendekostnad"' in html
    assert '<li data-falt="hushallen.hushallet.boendekostnad">' in html
    assert attribut(html, "utfall", "data-utfall") == "manuell_provning"
    assert 'data-skal="skal_saknade_uppgifter"' in html


@pytest.mark.parametrize(("falt", "varde", "meddelande"), [
    ("personer-0-alder", "-3", "får inte vara negativt"),
    ("personer-0-alder", "tre", "ska vara ett tal"),
    ("personer-0-alder", "1_0", "ska vara ett tal"),
    ("personer-0-alder", "\u0664\u0660", "ska vara ett tal"),  # Arabic-Indic digits
    ("hushall-boendekostnad", "1e5", "ska vara ett tal"),
    ("hushall-boendekostnad", "inf", "ska vara ett tal"),
    ("hushall-boendekostnad", "99999999999", "orimligt belopp"),
    ("personer-0-aktiv_arbetsmarknadsplanering", "kanske", "välj ja, nej"),
    ("personer-0-manader_med_stod", "2.5", "helt antal månader"),
    ("period", "2026-13", "ogiltig månad"),
    ("beslutsdatum", "igår", "ÅÅÅÅ-MM-DD"),
])
def test_felet_visas_vid_faltet(klient, falt, varde, meddelande):
    svar = posta(klient, exempelfalt("ensamstaende_2026", **{falt: varde}))
    html = svar.get_data(as_text=True)
    assert svar.status_code == 422
    assert re.search(rf'<p class="falt-fel" id="fel-{falt}">[^<]*{re.escape(meddelande)}', html)
    assert re.search(rf'id="{falt}"[^>]*aria-invalid="true"', html, re.S)
    assert f'href="#{falt}"' in html  # in the summary at the top
    borjan = html.index('id="felsammanfattning"')
    sammanfattning = html[borjan:html.index("</div>", borjan)]
    assert f'<a href="#{falt}">{falt}</a>' not in sammanfattning  # the law's words, never the field's name
    assert 'id="resultat"' not in html


def test_felsammanfattningen_namnger_faltet_med_lagens_ord(klient):
    html = posta(klient, exempelfalt("ensamstaende_2026", **{"personer-0-alder": "-5"})).get_data(as_text=True)
    assert '<a href="#personer-0-alder">johan: Ålder i hela år under månaden</a>' in html


def test_rollregler_och_dubbla_id_visas_vid_faltet(klient):
    falt = exempelfalt("familj_2026", **{"personer-2-alder": "19"})  # elsa, a child, not in school
    html = posta(klient, falt).get_data(as_text=True)
    assert 'id="fel-personer-2-roll"' in html and "föräldrabalken 7 kap. 1 §" in html
    html = posta(klient, exempelfalt("familj_2026", **{"personer-1-id": "anders"})).get_data(as_text=True)
    assert 'id="fel-personer-1-id"' in html


def test_svenska_talformat_godtas(klient):
    falt = exempelfalt("ensamstaende_2026", **{"hushall-boendekostnad": "6\u00a0200 kr"})
    html = posta(klient, falt).get_data(as_text=True)
    assert 'data-variabel="skalig_boendekostnad" data-person="" data-belopp="6200"' in html


def test_lagg_till_och_ta_bort_personer(klient):
    html = posta(klient, exempelfalt("ensamstaende_2026"), "lagg_till_barn").get_data(as_text=True)
    assert 'name="personer-1-roll"' in html and 'id="resultat"' not in html
    html = posta(klient, exempelfalt("familj_2026"), "ta_bort_3").get_data(as_text=True)
    assert 'name="personer-3-roll"' not in html and 'value="elsa"' in html
    assert 'id="lagg-till-vuxen"' not in html  # two adults already


def test_reform_bredvid_med_skillnaderna_markerade(klient, system):
    falt = exempelfalt("ensamstaende_2026", period="2027-01", reform="RiksnormPlus5Procent2027",
                       regim="AllaUtfallAutomatiseras")
    html = posta(klient, falt).get_data(as_text=True)
    arende = las_arende({**exempel.arende("ensamstaende_2026"), "period": "2027-01",
                         "personer": {"johan": {**exempel.arende("ensamstaende_2026")["personer"]["johan"],
                                                "mottog_forsorjningsstod": {"2026-12": True, "2026-11": True,
                                                                            "2026-10": True}}}})
    fore = fatta_beslut(arende, system)
    efter = fatta_beslut(arende, katalog.tillampa("RiksnormPlus5Procent2027", "AllaUtfallAutomatiseras"))
    assert efter.belopp > fore.belopp
    assert float(attribut(html, "belopp", "data-belopp")) == fore.belopp
    assert float(attribut(html, "belopp-reform", "data-belopp")) == efter.belopp
    assert attribut(html, "utfall-reform", "data-utfall") == efter.utfall
    andrade = re.findall(r'<tr data-variabel="([^"]+)" data-person="[^"]*" data-fore="[^"]*" data-efter="[^"]*" '
                         r'class="skillnad"', html)
    assert "riksnorm_personliga_kostnader" in andrade and "beviljat_belopp" in andrade
    assert "skalig_boendekostnad" not in andrade
    assert 'id="ej-i-kraft"' not in html  # in force in January 2027


def test_en_reform_som_inte_galler_i_manaden_sags(klient):
    html = posta(klient, exempelfalt("familj_2026", reform="Bidragstak2027")).get_data(as_text=True)
    assert 'id="ej-i-kraft"' in html and "Reformen gäller från 2027-01-01" in html
    assert "mars 2026" in html[html.index('id="ej-i-kraft"'):]


def test_okand_reform_ar_ett_fel_vid_faltet(klient):
    html = posta(klient, exempelfalt("ensamstaende_2026", reform="os.system")).get_data(as_text=True)
    assert 'id="fel-reform"' in html


def test_sidorna_har_strikt_csp_och_bara_egna_filer(klient):
    svar = klient.get("/", headers=HTML)
    assert "default-src 'self'" in svar.headers["Content-Security-Policy"]
    assert svar.headers["X-Content-Type-Options"] == "nosniff"
    html = svar.get_data(as_text=True)
    assert not re.search(r'(?:src|href)="(?:https?:)?//', html), "en extern resurs på sidan"
    assert klient.get("/statiskt/stil.css").status_code == 200
    assert klient.get("/statiskt/sida.js").headers["Content-Type"].startswith("text/javascript")
    for sokvag in ("/statiskt/..%2Fvyer.py", "/statiskt/vyer.py", "/statiskt/%2e%2e"):
        assert klient.get(sokvag).status_code == 404


def test_api_klienter_far_fortfarande_valkomstmeddelandet(klient):
    svar = klient.get("/", headers={"Accept": "application/json"})
    assert "welcome" in svar.get_json()


FALTNAMN = st.sampled_from([
    "period", "beslutsdatum", "reform", "regim", "hushall-id", "personer-0-id", "personer-0-roll", "personer-0-alder",
    "personer-1-roll", "personer-1-alder", "personer-0-manader_med_stod", "hushall-boendekostnad",
    "personer-0-ej_raknad_inkomst_grund", "personer-0-kan_arbeta", "hushall-personer_i_gemensamt_boende", "atgard",
    "ssbtek-exempel", "hushall-boendekostnad-kalla", "personer-0-alder-kalla",
])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.dictionaries(FALTNAMN, st.one_of(st.text(max_size=12), st.sampled_from(
    ["0", "40", "2026-03", "true", "barn", "vuxen", "berakna", "ta_bort_7", "-1", "1e309", "nan", "ateransokan_2026",
     "utan_exempelsvar", '{"av":"A","datum":"2026-02-01","varde":"40"}', '{"av":1}'])), max_size=12))
def test_inget_formular_ger_5xx(klient, falt):
    assert klient.post("/", data=falt).status_code < 500


NYCKEL = "Q5yEpheMpMwPVz8JJtrE4LdRuTFKV6X4wwoyYkwEjA4"  # a fixed random key (token_urlsafe(32))
FIL = "beslut/beslut.yaml"


@pytest.fixture
def katalogklient(tmp_path):
    """A copy of tests/yaml on a server with the API key and a reviewers' file of the test: Eva, whose key signs
    (``klient.granskare``)."""
    import shutil
    from pathlib import Path

    shutil.copytree(Path(__file__).resolve().parents[1] / "yaml", tmp_path / "yaml")
    eva = ny_nyckel(tmp_path / "nycklar")
    klient = skapa_app(testkatalog=tmp_path / "yaml", api_nyckel=NYCKEL,
                       granskare=skriv_granskare(tmp_path / "granskare.yaml", eva)).test_client()
    klient.granskare = eva
    return klient, tmp_path / "yaml"


def forsta_fallet(html):
    import html as htmlmodul

    return htmlmodul.unescape(re.findall(r'<section class="testfall" data-fall="([^"]*)"', html)[0])


def signeringsdata(html, namn):
    """What the page gives the script to rebuild the signed text of case ``namn``: its form's data attributes and
    each reviewer's granskad_av, by key id."""
    import html as htmlmodul

    start = html.index(f'<section class="testfall" data-fall="{htmlmodul.escape(namn)}"')
    form = re.search(r'<form [^>]*class="signera" data-kontrollsumma="([^"]*)" data-regelversion="([^"]*)" '
                     r'data-datum="([^"]*)">', html[start:])
    granskare = dict(re.findall(r'<option value="([^"]*)" data-granskad-av="([^"]*)"', html[start:]))
    return {"kontrollsumma": form.group(1), "regelversion": htmlmodul.unescape(form.group(2)), "datum": form.group(3),
            "granskare": {k: htmlmodul.unescape(v) for k, v in granskare.items()}}


def formularets_signatur(html, namn, nyckel, kommentar, datum=None):
    """The signature the page's script makes: the signed text rebuilt from the page (granskarnycklar.meddelande)."""
    d = signeringsdata(html, namn)
    return nyckel.signera(meddelande(d["kontrollsumma"], nyckel.id, d["granskare"][nyckel.id], datum or d["datum"],
                                     d["regelversion"], kommentar))


def test_katalogen_visar_varje_fall_med_status(katalogklient):
    klient, _ = katalogklient
    html = klient.get("/testfall").get_data(as_text=True)
    rader = re.findall(r'<tr data-fil="([^"]+)" data-fall="[^"]*" data-status="([^"]+)"', html)
    assert len(rader) > 100 and {status for _, status in rader} == {"ej_granskad"}
    assert (FIL, "ej_granskad") in rader


def test_signering_andring_och_ny_signering(katalogklient):
    """A sign-off is the reviewer's signature made from what the page shows; a wrong signature (or the server's
    API key, which signed before) is a 403 and the file stays byte for byte as it was."""
    klient, rot = katalogklient
    eva = klient.granskare
    html = klient.get(f"/testfall/{FIL}").get_data(as_text=True)
    namn = forsta_fallet(html)
    assert 'type="password"' not in html and "API-nyckel" not in html
    assert re.search(r'<input id="nyckelfil-1" class="nyckelfil" type="file"', html)  # no name: never sent
    assert not re.search(r'<input[^>]*type="file"[^>]*name=', html)
    assert "bistand granskning signatur " in html  # how to sign without the script
    d = signeringsdata(html, namn)
    assert d["kontrollsumma"] == kontrollsumma(next(f for f in yaml.safe_load((rot / FIL).read_text(
        encoding="utf-8")) if f["name"] == namn))
    assert d["granskare"] == {"eva.jurist": "Eva Jurist, jurist, socialförvaltningen"}
    fore = (rot / FIL).read_bytes()
    data = {"atgard": "signera", "fall": namn, "nyckel": "eva.jurist", "kommentar": "Stämmer.", "datum": d["datum"]}
    for signatur in (formularets_signatur(html, namn, eva, "Något annat."), NYCKEL, "", "A" * 86 + "=="):
        svar = klient.post(f"/testfall/{FIL}", data=data | {"signatur": signatur})
        assert svar.status_code == 403 and (rot / FIL).read_bytes() == fore
    html = svar.get_data(as_text=True)  # what the reviewer chose and typed is kept; the error is an error
    assert ">Stämmer.</textarea>" in html and 'value="eva.jurist" data-granskad-av="Eva Jurist' in html
    assert 'class="felsammanfattning" role="alert" id="meddelande">signatur: ' in html
    svar = klient.post(f"/testfall/{FIL}", data=data | {
        "signatur": formularets_signatur(html, namn, eva, "Stämmer."), "kommentar": "Stämmer.\r\n"})
    assert svar.status_code == 200, svar.get_data(as_text=True)
    assert re.search(r'<section class="testfall" data-fall="[^"]*" data-status="granskad"', svar.get_data(as_text=True))
    text = (rot / FIL).read_text(encoding="utf-8")
    assert "# granskning:" in text and "granskad_av: Eva Jurist, jurist, socialförvaltningen" in text
    assert "#   nyckel: eva.jurist" in text and "#   signatur: ed25519:" in text
    (rot / FIL).write_text(text.replace("forsorjningsstod: 6820", "forsorjningsstod: 6821", 1), encoding="utf-8")
    html = klient.get("/testfall").get_data(as_text=True)
    assert f'data-fil="{FIL}"' in html and 'data-status="andrad_sedan_granskning"' in html


def test_signaturens_datum_och_nyckel(katalogklient):
    """The date signed is today or yesterday by the server's clock, the key one of the reviewers'."""
    import datetime

    klient, rot = katalogklient
    eva = klient.granskare
    html = klient.get(f"/testfall/{FIL}").get_data(as_text=True)
    namn = forsta_fallet(html)
    fore = (rot / FIL).read_bytes()
    idag = datetime.date.today()
    for dagar, nyckel, status in ((2, "eva.jurist", 403), (-1, "eva.jurist", 403), (0, "okand", 403),
                                  (1, "eva.jurist", 200)):
        datum = (idag - datetime.timedelta(days=dagar)).isoformat()
        svar = klient.post(f"/testfall/{FIL}", data={
            "atgard": "signera", "fall": namn, "nyckel": nyckel, "kommentar": "", "datum": datum,
            "signatur": formularets_signatur(html, namn, eva, "", datum)})
        assert svar.status_code == status, (dagar, nyckel)
        if status == 403:
            assert (rot / FIL).read_bytes() == fore
    assert f"#   datum: '{(idag - datetime.timedelta(days=1)).isoformat()}'" in (rot / FIL).read_text(encoding="utf-8")


def test_signering_utan_granskare_gar_inte_men_kraver_ingen_api_nyckel(tmp_path):
    """With no reviewer in the reviewers' file the page says how to add oneself and nothing signs; with one, a
    server without an API key signs (the signature is the authority)."""
    import shutil
    from pathlib import Path

    shutil.copytree(Path(__file__).resolve().parents[1] / "yaml", tmp_path / "yaml")
    tom = tmp_path / "tom.yaml"
    tom.write_text("[]\n", encoding="utf-8")
    klient = skapa_app(testkatalog=tmp_path / "yaml", granskare=tom).test_client()
    html = klient.get(f"/testfall/{FIL}").get_data(as_text=True)
    assert 'class="signera"' not in html and "bistand granskning nyckel" in html
    svar = klient.post(f"/testfall/{FIL}", data={"atgard": "signera", "fall": forsta_fallet(html), "nyckel": "x",
                                                 "datum": __import__("datetime").date.today().isoformat(),
                                                 "signatur": "A" * 86 + "=="})
    assert svar.status_code == 403
    eva = ny_nyckel(tmp_path / "nycklar")
    klient = skapa_app(testkatalog=tmp_path / "yaml",
                       granskare=skriv_granskare(tmp_path / "granskare.yaml", eva)).test_client()
    html = klient.get(f"/testfall/{FIL}").get_data(as_text=True)
    namn = forsta_fallet(html)
    svar = klient.post(f"/testfall/{FIL}", data={"atgard": "signera", "fall": namn, "nyckel": "eva.jurist",
                                                 "kommentar": "", "datum": signeringsdata(html, namn)["datum"],
                                                 "signatur": formularets_signatur(html, namn, eva, "")})
    assert svar.status_code == 200
    # the packaged reviewers' file does not have Eva's key: there the sign-off is shown as invalid, with the reason
    html = skapa_app(testkatalog=tmp_path / "yaml").test_client().get(f"/testfall/{FIL}").get_data(as_text=True)
    assert 'data-status="ogiltig_granskning"' in html and "Inte granskad: ogiltig signatur" in html
    assert "nyckeln finns inte bland granskarna i granskare.yaml" in html and "granskad av Eva" not in html


def test_en_fil_kors_pastaende_for_pastaende(katalogklient):
    klient, _ = katalogklient
    html = klient.post(f"/testfall/{FIL}", data={"atgard": "kor"}).get_data(as_text=True)
    assert re.findall(r'data-godkant="(ja|nej)" data-beraknat', html) and "nej" not in re.findall(
        r'data-godkant="(ja|nej)" data-beraknat', html)
    assert 'data-variabel="forsorjningsstod" data-godkant="ja" data-beraknat="6820' in html


def test_ett_fall_oppnas_i_formularet_och_ger_sitt_forvantade_belopp(katalogklient):
    from urllib.parse import quote

    klient, _ = katalogklient
    namn = forsta_fallet(klient.get(f"/testfall/{FIL}").get_data(as_text=True))
    html = klient.get(f"/?testfil={quote(FIL)}&fall={quote(namn)}", headers=HTML).get_data(as_text=True)
    assert "uppgifter_kompletta" in html  # named as set by the decision function, not shown
    falt = dict(re.findall(r'<input id="([^"]+)" name="[^"]+" type="[^"]+"[^>]*value="([^"]*)"', html))
    falt |= dict(re.findall(r'<select id="([^"]+)"[^>]*>(?:(?!</select>).)*?<option value="([^"]*)" selected',
                            html, re.S))
    html = posta(klient, {k: v for k, v in falt.items() if v}).get_data(as_text=True)
    assert float(attribut(html, "belopp", "data-belopp")) == 6820


@pytest.mark.parametrize("sokvag", ["/testfall/../../etc/passwd", "/testfall/%2e%2e/%2e%2e/etc/passwd",
                                    "/testfall//etc/passwd", "/testfall/beslut/../beslut/beslut.yaml",
                                    "/testfall/beslut/beslut.yaml%00", "/testfall/finns_inte.yaml"])
def test_bara_katalogens_egna_filer(katalogklient, sokvag):
    klient, _ = katalogklient
    assert klient.get(sokvag).status_code == 404
    assert klient.post(sokvag, data={"atgard": "kor"}).status_code == 404


def test_varje_falt_en_gang_och_det_for_andra_rollen_avstangt(klient):
    html = klient.get("/?exempel=familj_2026", headers=HTML).get_data(as_text=True)
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    # elsa (index 2) is a child: her work income is asked once and sent; the adults' unemployment benefit not
    assert re.search(r'<input id="personer-2-inkomst_av_anstallning"(?:(?!>).)*?>', html, re.S).group(0).count(
        "disabled") == 0
    assert "disabled" in re.search(r'<input id="personer-2-arbetsloshetsersattning"[^>]*>', html).group(0)
    assert "disabled" in re.search(r'<input id="personer-0-underhallsstod_for_barnet"[^>]*>', html).group(0)


def test_ett_reformfall_oppnas_med_reformen_vald_for_jamforelsen(katalogklient):
    from urllib.parse import quote

    klient, rot = katalogklient
    fil = next(p for p in sorted(rot.rglob("*.yaml")) if "reforms.bidragstak.Bidragstak2027" in p.read_text())
    relativ = fil.relative_to(rot).as_posix()
    html = klient.get(f"/testfall/{relativ}").get_data(as_text=True)
    namn = [n for n, _ in re.findall(r'<section class="testfall" data-fall="([^"]*)"()', html)]
    for n in namn:
        import html as htmlmodul

        sida = klient.get(f"/?testfil={quote(relativ)}&fall={quote(htmlmodul.unescape(n))}", headers=HTML)
        if 'value="Bidragstak2027" selected' in sida.get_data(as_text=True):
            assert "sidan visar den bredvid gällande regler" in sida.get_data(as_text=True)
            return
    raise AssertionError("inget fall med Bidragstak2027 öppnades med reformen vald")


def test_samma_fil_kors_en_gang_per_process_men_om_nar_den_andrats(katalogklient, monkeypatch):
    from openfisca_sweden_bistand.testfall import kor

    klient, rot = katalogklient
    logg = rot.parent / "korningar.log"  # a run is heavy work, in a process of its own: it counts in a file
    riktig = kor.kor_fall

    def raknad(fall, system=None):
        with logg.open("a") as ut:
            ut.write("1\n")
        return riktig(fall, system)

    def anrop() -> list[str]:
        return logg.read_text().splitlines() if logg.exists() else []

    monkeypatch.setattr(kor, "kor_fall", raknad)
    for _ in range(3):
        assert klient.post(f"/testfall/{FIL}", data={"atgard": "kor"}).status_code == 200
    antal = len(anrop())
    assert antal > 0 and antal == len(re.findall(r'<section class="testfall"',
                                                 klient.get(f"/testfall/{FIL}").get_data(as_text=True)))
    text = (rot / FIL).read_text(encoding="utf-8")
    (rot / FIL).write_text(text.replace("forsorjningsstod: 6820", "forsorjningsstod: 6821", 1), encoding="utf-8")
    html = klient.post(f"/testfall/{FIL}", data={"atgard": "kor"}).get_data(as_text=True)
    assert len(anrop()) == 2 * antal
    assert 'data-variabel="forsorjningsstod" data-godkant="nej"' in html


def test_saknad_uppgift_och_hjalptext_ger_skalet_for_personens_roll(klient):
    """The same fact (work income) is needed of an adult and of a child for different reasons (underlag.py)."""
    from openfisca_sweden_bistand.arende.underlag import BARN, VUXEN, uppgift

    html = posta(klient, {"period": "2026-03", "personer-0-id": "a", "personer-0-roll": "vuxen",
                          "personer-0-alder": "40", "personer-1-id": "b", "personer-1-roll": "barn",
                          "personer-1-alder": "8"}).get_data(as_text=True)
    for index, vem in ((0, VUXEN), (1, BARN)):
        skal = uppgift("inkomst_av_anstallning", vem).skal
        assert re.search(rf'id="saknas-personer-{index}-inkomst_av_anstallning">Uppgift saknas: {re.escape(skal)}<',
                         html)
        kort = skal.split(" (")[0]
        assert re.search(rf'id="hjalp-personer-{index}-inkomst_av_anstallning">{re.escape(kort[0].upper() + kort[1:])}',
                         html)
    assert uppgift("inkomst_av_anstallning", VUXEN).skal != uppgift("inkomst_av_anstallning", BARN).skal


# --- the SSBTEK answers and each fact's source -------------------------------------------------------------

ATER = "ateransokan_2026"
SARAS_SVAR = exempel.ssbtek(ATER)["sara"].read_text(encoding="utf-8")
SARAS_IDENTITET = ("199203142389", "9203142389", "920314-2389")  # the example's synthetic person, in the answer


def med_fil(falt, namn="ssbtek-0", svar=SARAS_SVAR, filnamn="svar.xml"):
    """The form's fields and one file, as a browser posts them (multipart/form-data)."""
    data = svar.encode("utf-8") if isinstance(svar, str) else svar
    return {**falt, "atgard": "berakna", namn: (io.BytesIO(data), filnamn)}


def posta_fil(klient, falt, **fil):
    return klient.post("/", data=med_fil(falt, **fil), content_type="multipart/form-data")


def ateransokan_falt():
    """The renewal's fields as typed, with each caseworker's confirmation, without the example's own answers."""
    return f.som_falt(f.fran_arende(exempel.arende(ATER)))


def forvantat_med_svar(system, svar=SARAS_SVAR):
    from openfisca_sweden_bistand.kontroll.ssbtek import las_svar

    return fatta_beslut(las_arende(exempel.sokvag(ATER)), system, ssbtek={"sara": las_svar(svar, "sara")})


def rad_html(html, variabel, person):
    traff = re.search(rf'<tr data-variabel="{variabel}" data-person="{person}"(?:(?!</tr>).)*</tr>', html, re.S)
    assert traff, f"ingen rad {variabel} ({person})"
    return traff.group(0)


def kontrollrader(html):
    """Each check's (result, agency, variable, blocks) as the page shows them."""
    return re.findall(r'<tr data-resultat="([^"]+)" data-myndighet="([^"]+)" data-variabel="([^"]*)" '
                      r'data-blockerar="(ja|nej)"', html)


def test_uppladdat_svar_ger_automatiskt_bifall_och_varje_inkomst_fran_ssbtek(klient, system):
    """Sara's own answer uploaded for her: the decision of ``bistand ateransokan --exempel ateransokan_2026``, every
    income line from the register (via SSBTEK, with the payment dates), every check shown, and her personnummer
    (in every block of the answer) nowhere on the page."""
    forvantat = forvantat_med_svar(system)
    svar = posta_fil(klient, ateransokan_falt())
    html = svar.get_data(as_text=True)
    assert svar.status_code == 200
    assert attribut(html, "utfall", "data-utfall") == forvantat.utfall == "bifall"
    assert float(attribut(html, "belopp", "data-belopp")) == forvantat.belopp
    inkomster = [r for r in forvantat.berakning.rader if r.del_ == INKOMSTER]
    assert inkomster
    for rad in inkomster:
        rad_text = rad_html(html, rad.variabel, rad.person or "")
        assert 'data-kalla="register"' in rad_text and "via SSBTEK" in rad_text, rad_text
    # a caseworker's confirmation, carried by the form, is the source of the housing cost
    assert "bekräftad av handläggare: Handläggare 4711, 2026-02-11 (hyresavi för mars 2026)" in rad_html(
        html, "skalig_boendekostnad", "")
    assert [(r, m, v) for r, m, v, _ in kontrollrader(html)] == [
        (k.resultat, k.kalla, k.variabel or "") for k in forvantat.kontroller]
    assert 'id="kontroller"' in html and "Ingen kontroll hindrar ett automatiskt beslut." in html
    assert forvantat.underlag.registerkontroll.svar[0].sha256 in html
    assert 'id="vald-ssbtek-0"' in html  # the page says the file was used, and must be chosen again
    for pnr in SARAS_IDENTITET:
        assert pnr not in html


def test_exemplet_fyller_i_och_bifogar_sina_egna_svar(klient, system):
    """/?exempel=ateransokan_2026: the form, each confirmation under its field, and the example's own answer named
    with its checksum; posted back, the server reads the example's answer by its name."""
    import hashlib

    html = klient.get(f"/?exempel={ATER}", headers=HTML).get_data(as_text=True)
    assert '<input type="hidden" name="ssbtek-exempel" value="ateransokan_2026">' in html
    sha = hashlib.sha256(SARAS_SVAR.encode("utf-8")).hexdigest()
    assert re.search(rf'id="exempel-ssbtek-0">Registersvar från exemplet: sara\.xml \(SHA-256 <code>{sha}</code>', html)
    assert re.search(r'<input id="ssbtek-0" name="ssbtek-0" type="file" accept="\.xml,application/xml,text/xml"',
                     html)
    assert 'enctype="multipart/form-data"' in html
    assert re.search(r'id="kalla-hushall-boendekostnad">Källa: bekräftad av handläggare: Handläggare 4711', html)
    assert "uppgiftsskyldighet" in html and "15 kap. 10–12 §§ socialtjänstlagen (2025:400)" in html
    forvantat = forvantat_med_svar(system)
    html = posta(klient, f.som_falt(f.fran_exempel(ATER))).get_data(as_text=True)
    assert attribut(html, "utfall", "data-utfall") == forvantat.utfall
    assert len(kontrollrader(html)) == len(forvantat.kontroller)
    # the button drops the example's answers: the form is shown without them, and computes without them
    html = posta(klient, f.som_falt(f.fran_exempel(ATER)), "utan_exempelsvar").get_data(as_text=True)
    assert 'name="ssbtek-exempel"' not in html and 'id="resultat"' not in html


@pytest.mark.parametrize("namn", ["../situation_examples/ateransokan_2026", "/etc/passwd", "ensamstaende_2026x",
                                  "ateransokan_2026/sara"])
def test_exemplets_svar_valjs_bara_med_ett_exempels_namn(klient, namn):
    svar = posta(klient, {**ateransokan_falt(), "ssbtek-exempel": namn})
    html = svar.get_data(as_text=True)
    assert svar.status_code == 422 and 'id="fel-ssbtek"' in html and 'href="#ssbtek"' in html


def test_exemplets_svar_for_en_person_som_inte_finns_ar_ett_fel(klient):
    falt = {**f.som_falt(f.fran_exempel(ATER)), "personer-0-id": "saga"}
    html = posta(klient, falt).get_data(as_text=True)
    assert "exemplets registersvar gäller sara" in html and 'id="fel-ssbtek"' in html


def test_andrat_a_kassebelopp_avviker_och_gar_till_handlaggare(klient, system):
    """One a-kassa payment of the control month changed in the answer: the check is 'avviker', marked as keeping
    the decision from being automated (text and a marker), and the case goes to a caseworker."""
    andrat, antal = re.subn(r"(<so:Utbetalningsdatum>2026-02-06</so:Utbetalningsdatum>\s*<so:NettoEfterSkatt>)4550<",
                            r"\g<1>2000<", SARAS_SVAR)
    assert antal == 1
    forvantat = forvantat_med_svar(system, andrat)
    html = posta_fil(klient, ateransokan_falt(), svar=andrat).get_data(as_text=True)
    assert attribut(html, "utfall", "data-utfall") == forvantat.utfall == "manuell_provning"
    assert 'data-skal="skal_registeruppgift_avviker"' in html
    assert ("avviker", "SO", "arbetsloshetsersattning", "ja") in kontrollrader(html)
    rad = re.search(r'<tr data-resultat="avviker"(?:(?!</tr>).)*</tr>', html, re.S).group(0)
    assert 'class="blockerar"' in rad and "<strong>avviker</strong>" in rad
    assert "hindrar automatiskt beslut" in rad and 'class="ikon"' in rad
    # the changed income besides: information a caseworker assesses
    rad = re.search(r'<tr data-resultat="upplysning" data-myndighet="SO"(?:(?!</tr>).)*</tr>', html, re.S).group(0)
    assert "<strong>upplysning</strong>" in rad and "prövas av handläggare" in rad and 'class="blockerar"' in rad
    assert re.search(r'<td data-rubrik="Register" class="tal">6\u00a0550\u00a0kr</td>', rad)
    assert re.search(r'id="kontroller-hinder" class="hinder-sammanfattning">.*kontroller? hindrar', html)


@pytest.mark.parametrize(("svar", "meddelande"), [
    ("<inte xml", "inte välformad XML"),
    (SARAS_SVAR.replace("eyJ1dGxh", "!!!!", 1), "FK.lefiJsonSvar: är inte giltig base64"),
    ('<?xml version="1.0"?><!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>', "dokumenttypsdeklaration"),
    (b"\xff\xfe\x00<", ""),
    ("", "filen är tom"),
], ids=["trasig", "base64", "dtd", "binar", "tom"])
def test_felaktigt_svar_ger_422_med_felet_vid_filfaltet(klient, svar, meddelande):
    sida = posta_fil(klient, ateransokan_falt(), svar=svar)
    html = sida.get_data(as_text=True)
    assert sida.status_code == 422
    assert re.search(rf'<p class="falt-fel" id="fel-ssbtek-0">[^<]*{re.escape(meddelande)}', html)
    assert re.search(r'<input id="ssbtek-0"[^>]*aria-describedby="[^"]*fel-ssbtek-0[^"]*" aria-invalid="true"', html)
    assert 'href="#ssbtek-0"' in html and 'id="resultat"' not in html


def test_ett_svar_for_ett_barn_ar_ett_fel_vid_faltet(klient):
    """leo is a child: his file field is hidden and disabled, and a file sent for him anyway (no script, or a
    hand-made post) is an error shown at his field, which is then shown."""
    html = klient.get(f"/?exempel={ATER}", headers=HTML).get_data(as_text=True)
    assert re.search(r'<div class="falt" data-ssbtek-person="1" hidden>', html)
    assert re.search(r'<input id="ssbtek-1"[^>]*disabled', html)
    sida = posta_fil(klient, ateransokan_falt(), namn="ssbtek-1")
    html = sida.get_data(as_text=True)
    assert sida.status_code == 422 and re.search(r'id="fel-ssbtek-1">registersvar tas emot för de vuxna', html)
    assert re.search(r'<div class="falt har-fel" data-ssbtek-person="1">', html)


def test_for_stor_fil_ger_413_inte_500(klient):
    """Over the server's body limit (256 KiB by default): 413 and a page saying so; over an answer's own limit in a
    server that takes larger bodies: 413 with the error at the field."""
    from openfisca_sweden_bistand.kontroll.ssbtek import HOGSTA_STORLEK

    sida = posta_fil(klient, ateransokan_falt(), svar=b"<" * (300 * 1024))
    assert sida.status_code == 413 and "För stor förfrågan" in sida.get_data(as_text=True)
    stor = skapa_app(max_bytes=HOGSTA_STORLEK + 512 * 1024).test_client()
    sida = posta_fil(stor, ateransokan_falt(), svar=b" " * (HOGSTA_STORLEK + 1))
    assert sida.status_code == 413
    assert 'id="fel-ssbtek-0">filen är större än ett registersvar får vara' in sida.get_data(as_text=True)


def test_formularets_multipartgranser_ger_413(klient):
    """Werkzeug's multipart parser under the app's own bounds: too many parts, a text part too large, a body
    without a length (chunked) past the limit: each 413, never 500 and never read to its end."""
    grans = "----granssnitt"

    def kropp(*delar: str) -> bytes:
        return ("".join(f"--{grans}\r\n{d}\r\n" for d in delar) + f"--{grans}--\r\n").encode()

    typ = f"multipart/form-data; boundary={grans}"
    for data in (kropp(*(f'Content-Disposition: form-data; name="x{i}"\r\n\r\n1' for i in range(f.hogsta_antal_delar()
                                                                                                   + 1))),
                 kropp('Content-Disposition: form-data; name="period"\r\n\r\n' + "x" * (100 * 1024))):
        assert len(data) < 256 * 1024
        assert klient.post("/", data=data, content_type=typ).status_code == 413
    stor = kropp('Content-Disposition: form-data; name="ssbtek-0"; filename="a.xml"\r\n\r\n' + "x" * (300 * 1024))
    svar = klient.post("/", input_stream=io.BytesIO(stor), content_type=typ,
                       environ_overrides={"wsgi.input_terminated": True})
    assert svar.status_code == 413


def test_en_fil_i_formularet_skrivs_aldrig_till_disk():
    """Werkzeug spools a file over 500 kB to a temporary file; the app's request keeps it in memory."""
    app = skapa_app(max_bytes=2 * 1024 * 1024)
    data = {"ssbtek-0": (io.BytesIO(b"x" * (1024 * 1024)), "a.xml")}
    with app.test_request_context("/", method="POST", data=data, content_type="multipart/form-data"):
        from flask import request

        assert isinstance(request.files["ssbtek-0"].stream, io.BytesIO)
    assert app.config["MAX_FORM_MEMORY_SIZE"] and app.config["MAX_FORM_PARTS"] == f.hogsta_antal_delar()


def test_personnummer_i_ett_svar_visas_aldrig(klient):
    """A personnummer in an answer's text (a benefit's description, an agency's error message) is masked by the
    reader; an error page is masked besides. Neither the 200 page nor the 422 page shows it."""
    pnr = "19800101-1234"
    beskrivning = SARAS_SVAR.replace("<af:StatusSokandeinformationKodText>Giltigt svar",
                                     f"<af:StatusSokandeinformationKodText>Giltigt svar {pnr}")
    assert beskrivning != SARAS_SVAR
    trasig = SARAS_SVAR.replace("<so:NettoEfterSkatt>4550</so:NettoEfterSkatt>",
                                f"<so:NettoEfterSkatt>{pnr}</so:NettoEfterSkatt>", 1)
    annan_person = SARAS_SVAR.replace("<so:IdentificationNumber xmlns:so=\"http://INT014.UBPService.Schemas\">"
                                      "199203142389", "<so:IdentificationNumber xmlns:so=\"http://INT014.UBPService."
                                      "Schemas\">198001011234")
    assert annan_person != SARAS_SVAR
    for svar, status in ((beskrivning, 200), (trasig, 422), (annan_person, 422)):
        sida = posta_fil(klient, ateransokan_falt(), svar=svar)
        html = sida.get_data(as_text=True)
        assert sida.status_code == status
        for nummer in (pnr, pnr.replace("-", ""), "800101-1234", "198001011234", *SARAS_IDENTITET):
            assert nummer not in html


def test_en_andrad_bekraftad_uppgift_ar_sokandens_igen(klient, system):
    """A caseworker confirmed 7 400 kr; typed as 7 500 kr the housing cost is the applicant's word again (the
    decision goes to a caseworker), the page says so at the field; typed back as '7 400 kr' it is confirmed."""
    falt = ateransokan_falt()
    html = posta_fil(klient, {**falt, "hushall-boendekostnad": "7500"}).get_data(as_text=True)
    assert attribut(html, "utfall", "data-utfall") == "manuell_provning"
    assert re.search(r'id="kalla-hushall-boendekostnad">Källa: sökandens uppgift\. Handläggaren bekräftade', html)
    assert '<li data-falt="hushallen.hushallet.boendekostnad"><a href="#hushall-boendekostnad">' in html
    html = posta_fil(klient, {**falt, "hushall-boendekostnad": "7\u00a0400 kr"}).get_data(as_text=True)
    assert attribut(html, "utfall", "data-utfall") == "bifall"


@pytest.mark.parametrize("kalla", ['{"av":"x"', '{"typ":"register"}', '["x"]', '{"av":"19800101-1234","datum":'
                                   '"2026-02-11","varde":"7400"}', '{"av":"A","datum":"2027-01-01","varde":"7400"}',
                                   '{"av":"A","datum":"i går","varde":"7400"}', "x" * 5000])
def test_en_forfalskad_kalla_ar_ett_fel_vid_faltet(klient, kalla):
    """The hidden source is read as the case reader reads a source: a register source cannot be claimed, a date
    after the decision, a personnummer as the caseworker are errors at the field, never a 5xx."""
    svar = posta(klient, {**ateransokan_falt(), "hushall-boendekostnad-kalla": kalla})
    html = svar.get_data(as_text=True)
    assert svar.status_code == 422 and 'id="fel-hushall-boendekostnad"' in html
    assert "19800101-1234" not in html


def test_reformen_bredvid_beslutas_med_samma_svar(klient):
    """The what-if decides the case under the regime against the same answers: only the regime differs, so no
    automated decision is allowed and that is the one reason (without the answers the register's facts would be
    unchecked, and missing, besides)."""
    from openfisca_sweden_bistand.kontroll.ssbtek import las_svar

    html = posta_fil(klient, {**ateransokan_falt(), "regim": "IngaAutomatiseradeBeslut"}).get_data(as_text=True)
    system = katalog.tillampa(None, "IngaAutomatiseradeBeslut")
    efter = fatta_beslut(las_arende(exempel.sokvag(ATER)), system, ssbtek={"sara": las_svar(SARAS_SVAR, "sara")})
    assert attribut(html, "utfall", "data-utfall") == "bifall"
    assert attribut(html, "utfall-reform", "data-utfall") == efter.utfall == "manuell_provning"
    assert float(attribut(html, "belopp-reform", "data-belopp")) == efter.belopp
    skal = re.search(r'<ul id="skal-reform"(?:(?!</ul>).)*', html, re.S).group(0)
    assert re.findall(r'data-skal="([^"]+)"', skal) == [s["skal"] for s in efter.skal_for_manuell_provning] == [
        "skal_automatisering_ej_tillaten"]


def test_samma_svar_for_tva_vuxna_ar_ett_fel(klient):
    """One answer is one person: the same answer for both adults is refused (its identity is the same) at the
    answers' fieldset."""
    falt = {**ateransokan_falt(), "personer-2-id": "per", "personer-2-roll": "vuxen", "personer-2-alder": "36"}
    data = {**med_fil(falt), "ssbtek-2": (io.BytesIO(SARAS_SVAR.encode()), "svar.xml")}
    sida = klient.post("/", data=data, content_type="multipart/form-data")
    html = sida.get_data(as_text=True)
    assert sida.status_code == 422 and re.search(r'id="fel-ssbtek">[^<]*samma (?:svar|person)', html)
    assert 'href="#ssbtek"' in html


def test_grupper_som_sallan_galler_ar_hopfallda_tills_de_behovs(klient):
    """A form a person can fill in without scrolling past fields that do not apply (the review's N3)."""
    html = klient.get("/?exempel=ensamstaende_2026", headers=HTML).get_data(as_text=True)
    for rubrik in ("Livsföring i övrigt", "Förskott på förmån", "Vård och läkemedel"):
        assert re.search(rf'<details class="valfri"[^>]*><summary>{rubrik} ', html), rubrik
        assert not re.search(rf'<details class="valfri"[^>]*open[^>]*><summary>{rubrik} ', html), rubrik
    falt = exempelfalt("ensamstaende_2026", **{"hushall-kostnad_glasogon": "1500"})
    html = posta(klient, falt).get_data(as_text=True)
    assert re.search(r'<details class="valfri" open><summary>Livsföring i övrigt ', html)


def test_testfilen_visar_lagens_ord_bredvid_variabelnamnet(katalogklient):
    klient, _ = katalogklient
    html = klient.get(f"/testfall/{FIL}").get_data(as_text=True)
    assert "Försörjningsstöd för månaden <code>forsorjningsstod</code>" in html


def test_katalogen_lankar_varje_fall_och_bryter_filnamn_vid_snedstreck(katalogklient):
    klient, _ = katalogklient
    html = klient.get("/testfall").get_data(as_text=True)
    assert re.search(rf'<a href="/testfall/{re.escape(FIL)}#fall-1">[^<]+</a>', html)
    assert "skaliga_<wbr>kostnader/<wbr>" in html


def test_en_grupp_med_samma_lagrum_sager_det_en_gang(klient):
    """The review's N3: not a "Lagrum: …" line under every field; a group citing one provision says it once, and
    each field refers to it for a screen reader."""
    html = klient.get("/?exempel=ensamstaende_2026", headers=HTML).get_data(as_text=True)
    grupper = re.findall(r'<p class="hjalp grupplagrum" id="([^"]+)">Lagrum: ', html)
    assert grupper
    forsta = grupper[0]
    refererar = re.findall(rf'aria-describedby="[^"]*\b{forsta}\b[^"]*"', html)
    assert len(refererar) >= 2
