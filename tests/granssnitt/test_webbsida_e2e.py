"""The web pages in a real browser (headless Chromium), driven as a user drives them: typing into fields,
choosing in selects, clicking buttons, downloading the exported files. Every figure the page shows is
checked against the decision function in-process (``fatta_beslut``, what ``bistand beslut`` prints).

One server (``bistand serve --testfall <copy of tests/yaml> --nyckelfil <API key> --granskare <reviewers>``)
and one browser for the module; a reviewer's key is made by the test, and the page signs with it in the
browser. The page's contract is docs/webbsidan.rst. Without Chromium the module is skipped, or fails when
``BISTAND_KRAV_WEBBLASARE=1`` (CI).
"""

from __future__ import annotations

import re
import secrets
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml
from api_server import LivServer
from granskarnycklar import ny_nyckel, skriv_granskare
from webblasare import MOBIL, STOR, Webblasare, krav_webblasare

from openfisca_sweden_bistand import exempel
from openfisca_sweden_bistand.arende.las import las_arende
from openfisca_sweden_bistand.forklaring.beslut import fatta_beslut
from openfisca_sweden_bistand.system import skattesystem

ROT = Path(__file__).resolve().parents[2]
SIGNERAS = "skaliga_kostnader/skaliga_kostnader.yaml"  # a small file: run, signed and edited
OPPNAS = ("beslut/beslut.yaml", "Grundfall")  # a case opened in the form (name starts with this)
# a child's incomes a decision needs (arende/underlag.py)
BARNETS_INKOMSTER = ("inkomst_av_anstallning", "inkomst_av_naringsverksamhet", "pension", "studiebidrag",
                     "ovriga_inkomster")


# -- the server, the browser and the expected decisions ----------------------------------------------


@pytest.fixture(scope="module")
def testfallskatalog(tmp_path_factory):
    katalog = tmp_path_factory.mktemp("testfall") / "yaml"
    shutil.copytree(ROT / "tests" / "yaml", katalog)
    return katalog


@pytest.fixture(scope="module")
def nyckel(tmp_path_factory):
    varde = secrets.token_urlsafe(32)
    fil = tmp_path_factory.mktemp("nyckel") / "nyckel"
    fil.write_text(varde + "\n")
    fil.chmod(0o600)
    return varde, fil


@pytest.fixture(scope="module")
def granskare(tmp_path_factory):
    """Eva, a reviewer in the server's reviewers' file, and a stranger with a key of their own, in none."""
    katalog = tmp_path_factory.mktemp("granskare")
    eva = ny_nyckel(katalog / "eva")
    framling = ny_nyckel(katalog / "framling")
    return eva, framling, skriv_granskare(katalog / "granskare.yaml", eva)


@pytest.fixture(scope="module")
def server(testfallskatalog, nyckel, granskare):
    krav_webblasare()
    s = LivServer("--testfall", str(testfallskatalog), "--nyckelfil", str(nyckel[1]), "--granskare", str(granskare[2]))
    yield s
    s.stoppa()


@pytest.fixture(scope="module")
def sida(server):
    w = Webblasare(f"http://127.0.0.1:{server.port}")
    yield w
    w.stang()


@pytest.fixture(scope="module")
def grundsystem():
    return skattesystem()


def forvantat(beslut) -> dict:
    """What the page must show for a decision: outcome, proposal, amount, lines, reasons."""
    return {
        "utfall": beslut.utfall,
        "forslag": beslut.forslag,
        "belopp": float(beslut.belopp),
        "rader": Counter((r.variabel, r.person or "", float(r.belopp)) for r in beslut.berakning.rader),
        "skal": {s["skal"] for s in beslut.skal_for_manuell_provning},
    }


def visat(sida: Webblasare) -> dict:
    """What the page shows in #resultat, in the same form."""
    utfall = sida.hitta("#utfall")
    rader = sida.js("""return [...document.querySelectorAll('#berakning tr[data-variabel]')].map(
        r => [r.dataset.variabel, r.dataset.person || '', r.dataset.belopp]);""")
    return {
        "utfall": utfall.get_attribute("data-utfall"),
        "forslag": utfall.get_attribute("data-forslag"),
        "belopp": float(sida.attribut("#belopp", "data-belopp")),
        "rader": Counter((v, p, float(b)) for v, p, b in rader),
        "skal": {e.get_attribute("data-skal") for e in sida.alla("#skal li[data-skal]")},
    }


def for_breda(sida: Webblasare, css: str) -> list[str]:
    """The elements matching ``css`` that reach past the right edge of their parent (overlapping the next
    column, or scrolled out of the window)."""
    return sida.js("""return [...document.querySelectorAll(arguments[0])].filter(e =>
        e.getBoundingClientRect().right > e.parentElement.getBoundingClientRect().right + 1)
        .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : ''));""", css)


def svarsstatus(sida: Webblasare) -> int:
    """The HTTP status of the page the browser shows (Navigation Timing)."""
    return int(sida.js("return performance.getEntriesByType('navigation')[0].responseStatus"))


def berakna(sida: Webblasare) -> None:
    sida.klicka_och_vanta("#berakna")
    status = svarsstatus(sida)
    assert status < 500, f"sidan svarade {status}"


# -- provberäkning ----------------------------------------------------------------------------------


def exemplets_beslut(namn: str, system):
    """What ``bistand beslut --exempel NAMN`` decides, or ``bistand ateransokan --exempel NAMN`` for an example
    with its own SSBTEK answers (the page attaches them)."""
    from openfisca_sweden_bistand.kontroll.ssbtek import las_svar

    svar = {pid: las_svar(fil.read_bytes(), pid) for pid, fil in exempel.ssbtek(namn).items()}
    return fatta_beslut(las_arende(exempel.sokvag(namn)), system, ssbtek=svar or None)


@pytest.mark.parametrize("namn", exempel.namn())
def test_exempel_ger_samma_beslut_som_cli(sida, grundsystem, namn):
    """/?exempel=NAMN, Beräkna: the outcome, the amount, every line and every reason are those of
    ``bistand beslut --exempel NAMN`` (``bistand ateransokan`` for the renewal with its answers)."""
    sida.oppna(f"/?exempel={namn}")
    assert sida.varde("period") == exempel.arende(namn)["period"]
    berakna(sida)
    assert visat(sida) == forvantat(exemplets_beslut(namn, grundsystem))


def test_ateransokan_mot_registren(sida, grundsystem, tmp_path):
    """The renewal with its example's answer: the checks against the registers and each income's register source;
    then a file chosen in the browser's file field (an a-kassa payment changed) is sent as multipart and read:
    the check 'avviker' is marked as keeping the decision from being automated."""
    sida.oppna("/?exempel=ateransokan_2026")
    assert "sara.xml" in sida.hitta("#exempel-ssbtek-0").text
    # leo is a child: no answer for him; made an adult, his file field appears (the script), and goes again
    assert not sida.hitta("#ssbtek-1").is_displayed() and not sida.hitta("#ssbtek-1").is_enabled()
    sida.valj("personer-1-roll", "vuxen")
    assert sida.hitta("#ssbtek-1").is_displayed() and sida.hitta("#ssbtek-1").is_enabled()
    sida.valj("personer-1-roll", "barn")
    assert not sida.hitta("#ssbtek-1").is_displayed() and not sida.hitta("#ssbtek-1").is_enabled()
    dubbla_id = sida.js("""const ids = [...document.querySelectorAll('[id]')].map(e => e.id);
        return [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))];""")
    assert dubbla_id == []
    berakna(sida)
    assert sida.attribut("#utfall", "data-utfall") == "bifall"
    assert sida.finns("#kontroller") and sida.hitta("#kontroller-rubrik").text == "Kontroll mot registren"
    rad = sida.hitta("#berakning tr[data-variabel='arbetsloshetsersattning'][data-person='sara']")
    assert rad.get_attribute("data-kalla") == "register" and "via SSBTEK" in rad.text
    forvantade = exemplets_beslut("ateransokan_2026", grundsystem).kontroller
    assert len(sida.alla("#kontrolltabell tr[data-resultat]")) == len(forvantade)

    fil = tmp_path / "sara-andrad.xml"
    text = exempel.ssbtek("ateransokan_2026")["sara"].read_text(encoding="utf-8")
    andrad, antal = re.subn(r"(<so:Utbetalningsdatum>2026-02-06</so:Utbetalningsdatum>\s*<so:NettoEfterSkatt>)4550<",
                            r"\g<1>2000<", text)
    assert antal == 1
    fil.write_text(andrad, encoding="utf-8")
    sida.hitta("#ssbtek-0").send_keys(str(fil))
    berakna(sida)
    assert sida.attribut("#utfall", "data-utfall") == "manuell_provning"
    avviker = sida.hitta("#kontrolltabell tr[data-resultat='avviker'][data-myndighet='SO']")
    assert avviker.get_attribute("data-blockerar") == "ja" and "hindrar automatiskt beslut" in avviker.text
    assert "skal_registeruppgift_avviker" in visat(sida)["skal"]
    assert sida.finns("#vald-ssbtek-0")

    # on a phone each check is a block of labelled lines: nothing wider than the window
    sida.storlek(*MOBIL)
    try:
        bredd = sida.js("return [document.documentElement.scrollWidth, window.innerWidth]")
        assert bredd[0] <= bredd[1] == MOBIL[0], bredd
        assert sida.js("return getComputedStyle(arguments[0]).display", avviker) == "block"
    finally:
        sida.storlek(*STOR)


def test_tomt_formular_saknad_uppgift_och_fel(sida, server):
    """An empty form filled by typing: a housing cost left empty is a missing fact (manual review);
    a negative age is an error at the field, not a server error."""
    sida.oppna("/")
    sida.skriv_manad("period", "2026-03")
    sida.skriv_datum("beslutsdatum", "2026-02-25")
    sida.skriv("personer-0-id", "anna")
    sida.skriv("personer-0-alder", "40")
    sida.skriv("personer-0-arbetsloshetsersattning", "4200")
    sida.skriv("personer-0-inkomst_av_anstallning", "0")
    sida.skriv("hushall-hushallsel", "300")
    sida.skriv("hushall-hemforsakring", "120")
    sida.skriv("hushall-boendekostnad", "")
    berakna(sida)
    assert sida.finns("#saknas-hushall-boendekostnad")
    assert "saknas-hushall-boendekostnad" in (sida.attribut("#hushall-boendekostnad", "aria-describedby") or "")
    saknade = [e.get_attribute("data-falt") for e in sida.alla("#saknade li[data-falt]")]
    assert any(f.startswith("hushallen.") and f.endswith(".boendekostnad") for f in saknade), saknade
    assert sida.attribut("#utfall", "data-utfall") == "manuell_provning"
    assert "skal_saknade_uppgifter" in visat(sida)["skal"]

    sida.skriv("personer-0-alder", "-4")
    berakna(sida)
    fel = sida.hitta("#fel-personer-0-alder")
    assert fel.text.strip() and "falt-fel" in fel.get_attribute("class")
    falt = sida.falt("personer-0-alder")
    assert falt.get_attribute("aria-invalid") == "true"
    assert "fel-personer-0-alder" in falt.get_attribute("aria-describedby").split()
    sammanfattning = sida.hitta("#felsammanfattning")
    assert sammanfattning.get_attribute("role") == "alert"
    assert sida.finns("#felsammanfattning a[href='#personer-0-alder']")
    assert sida.varde("personer-0-alder") == "-4"  # what was typed is kept
    assert "Traceback" not in server.logg()


# -- what-if ----------------------------------------------------------------------------------------


def test_jamforelse_med_bidragstak(sida, grundsystem):
    """A family of six in March 2027 under Bidragstak2027 (with a regime): both amounts, the lines that
    differ marked, and the reform's amount that of the decision function under the reform."""
    from openfisca_sweden_bistand.reforms.automatisering import AllaUtfallAutomatiseras
    from openfisca_sweden_bistand.reforms.bidragstak import Bidragstak2027

    sida.oppna("/?exempel=par_med_tre_barn")
    sida.klicka_och_vanta("#lagg-till-barn")
    ny = len(sida.alla("select[name$='-roll']")) - 1
    assert sida.varde(f"personer-{ny}-roll") == "barn"
    sida.skriv(f"personer-{ny}-id", "nora")
    sida.skriv(f"personer-{ny}-alder", "3")
    nollor = [f"personer-{ny}-{v}" for v in BARNETS_INKOMSTER]
    for namn in nollor:
        sida.skriv(namn, "0")
    sida.skriv_manad("period", "2027-03")
    sida.skriv_datum("beslutsdatum", "2027-02-25")
    sida.valj("reform", "Bidragstak2027")
    sida.valj("regim", "AllaUtfallAutomatiseras")
    berakna(sida)

    assert sida.finns("#jamforelse")
    fore = float(sida.attribut("#belopp", "data-belopp"))
    efter = float(sida.attribut("#belopp-reform", "data-belopp"))
    assert efter < fore
    rader = sida.js("""return [...document.querySelectorAll('#jamforelse-tabell tr[data-variabel]')].map(
        r => [r.dataset.variabel, r.dataset.person || '', r.dataset.fore, r.dataset.efter,
              r.classList.contains('skillnad')]);""")
    assert rader and any(skillnad for *_, skillnad in rader)
    for variabel, person, a, b, skillnad in rader:
        assert skillnad == (float(a or 0) != float(b or 0)), (variabel, person, a, b)
    # the reduction falls on the youngest child (noah, 0 years): counted oldest first, the fourth child
    assert any(v == "riksnorm_personliga_kostnader" and p == "noah" and skillnad for v, p, *_, skillnad in rader)

    # the same case as the page saw it, decided in-process with and without the reform
    sida.tom_nedladdningar()
    sida.hitta("#exportera-json").click()
    arende = las_arende(sida.nedladdad(".json"))
    assert arende.period == "2027-03" and len(arende.situation["personer"]) == 6
    assert fore == fatta_beslut(arende, grundsystem).belopp
    baslinje = fatta_beslut(arende, grundsystem)
    reformbeslut = fatta_beslut(arende, Bidragstak2027(AllaUtfallAutomatiseras(grundsystem)))
    assert (fore, efter) == (baslinje.belopp, reformbeslut.belopp)
    assert sida.attribut("#utfall-reform", "data-utfall") == reformbeslut.utfall
    for variabel, person, a, b, _ in rader:  # each line as the decision function gives it, before and after
        for belopp, beslut in ((a, baslinje), (b, reformbeslut)):
            lika = [float(r.belopp) for r in beslut.berakning.rader
                    if (r.variabel, r.person or "") == (variabel, person)]
            if len(lika) == 1:
                assert float(belopp or 0) == lika[0], (variabel, person, belopp, lika)

    # what was typed for the new child reached the case and is shown again; the two columns fit side by side
    problem = [f"{namn}: {sida.varde(namn)!r} visas i stället för '0'" for namn in nollor if sida.varde(namn) != "0"]
    problem += [f"{namn}: saknas trots att 0 skrevs" for namn in nollor if sida.finns(f"#saknas-{namn}")]
    problem += [f"{v} saknas i det exporterade ärendet" for v in BARNETS_INKOMSTER
                if arende.situation["personer"]["nora"].get(v) is None]
    problem += [f"{t} är bredare än sin kolumn" for t in for_breda(sida, "#resultat table")]
    assert not problem, "\n".join(problem)


# -- export -----------------------------------------------------------------------------------------


def test_export_yaml_och_json(sida, grundsystem, tmp_path):
    """The case exported as a YAML test passes ``openfisca test``; as JSON it reads with las_arende and
    gives the amount the page shows."""
    sida.oppna("/?exempel=familj_2026")
    berakna(sida)
    belopp = float(sida.attribut("#belopp", "data-belopp"))

    sida.tom_nedladdningar()
    sida.hitta("#exportera-yaml").click()
    fil = sida.nedladdad(".yaml")
    assert fil.name == "testfall-2026-03.yaml"
    kopia = tmp_path / fil.name
    shutil.copy(fil, kopia)
    fall = yaml.safe_load(kopia.read_text(encoding="utf-8"))
    assert fall, "tom YAML-fil"
    kor = subprocess.run(
        [str(Path(sys.executable).with_name("openfisca")), "test", str(kopia), "--country-package",
         "openfisca_sweden_bistand"], capture_output=True, text=True, timeout=180)
    assert kor.returncode == 0, kor.stdout[-3000:] + kor.stderr[-3000:]

    sida.tom_nedladdningar()
    sida.hitta("#exportera-json").click()
    fil = sida.nedladdad(".json")
    assert fil.name == "arende-2026-03.json"
    assert float(fatta_beslut(las_arende(fil), grundsystem).belopp) == belopp == 13980


# -- the catalogue and the sign-off -----------------------------------------------------------------


def fallsektion(sida: Webblasare, namn: str):
    for sektion in sida.alla("section.testfall"):
        if sektion.get_attribute("data-fall") == namn:
            return sektion
    raise AssertionError(f"inget fall {namn!r} på sidan")


def fyll_i_signering(sida: Webblasare, namn: str, vem: str, kommentar: str, nyckelfil: Path):
    """Choose the reviewer ``vem`` (a key id) and the private key file, and type the comment, in case ``namn``'s
    own form; its submit button."""
    from selenium.webdriver.support.ui import Select

    sektion = fallsektion(sida, namn)
    detaljer = sektion.find_element("css selector", "details.granska")
    if detaljer.get_attribute("open") is None:
        detaljer.find_element("css selector", "summary").click()
    Select(sektion.find_element("css selector", "select[name='nyckel']")).select_by_value(vem)
    element = sektion.find_element("css selector", "[name='kommentar']")
    element.clear()
    element.send_keys(kommentar)
    sektion.find_element("css selector", "input.nyckelfil").send_keys(str(nyckelfil))
    return sektion.find_element("css selector", "form.signera button[type='submit']")


def signera(sida: Webblasare, namn: str, vem: str, kommentar: str, nyckelfil: Path) -> None:
    """Sign case ``namn`` as the page's script does (WebCrypto Ed25519 with the key file read in the browser)."""
    sida.klicka_och_vanta(fyll_i_signering(sida, namn, vem, kommentar, nyckelfil))


def fall_i_filen(katalog: Path, relativ: str) -> list[dict]:
    return yaml.safe_load((katalog / relativ).read_text(encoding="utf-8"))


def andra_forvantat(fil: Path, namn: str) -> tuple[str, int]:
    """Add 1 to the first whole-number expected value of case ``namn``, in the file's text."""
    text = fil.read_text(encoding="utf-8")
    (fall,) = [f for f in yaml.safe_load(text) if f["name"] == namn]
    variabel, varde = next((k, v) for k, v in fall["output"].items() if isinstance(v, int))
    start = text.index(f"- name: {namn}")
    slut = text.find("\n- name:", start + 1)
    slut = len(text) if slut < 0 else slut
    block, antal = re.subn(rf"\b{variabel}: {varde}\b", f"{variabel}: {varde + 1}", text[start:slut], count=1)
    assert antal == 1, f"{variabel}: {varde} finns inte i fallets text"
    fil.write_text(text[:start] + block + text[slut:], encoding="utf-8")
    return variabel, varde


def test_katalog_kor_och_granskning(sida, testfallskatalog, granskare):
    """The catalogue lists every case; running a file shows each assertion passed; a case signed in the browser
    (the key file read there, never sent) is granskad, a changed one andrad_sedan_granskning; a key not in the
    reviewers' file, or a file that is no key, changes nothing."""
    eva, framling, _ = granskare
    fil = testfallskatalog / SIGNERAS
    fall = fall_i_filen(testfallskatalog, SIGNERAS)
    sida.oppna("/testfall")
    rader = sida.js("""return [...document.querySelectorAll('#katalog tr[data-fil]')].map(
        r => [r.dataset.fil, r.dataset.fall, r.dataset.status]);""")
    alla = {(str(f.relative_to(testfallskatalog)), str(c["name"]))
            for f in testfallskatalog.rglob("*.yaml") for c in yaml.safe_load(f.read_text(encoding="utf-8"))}
    assert {(f, n) for f, n, _ in rader} == alla
    assert all(s in {"granskad", "ej_granskad", "andrad_sedan_granskning"} for *_, s in rader)

    sida.klicka_och_vanta(f"#katalog a[href='/testfall/{SIGNERAS}']")
    assert [s.get_attribute("data-fall") for s in sida.alla("section.testfall")] == [c["name"] for c in fall]

    # run the file: every case and every assertion passes
    sida.klicka_och_vanta("#kor")
    for c in fall:
        sektion = fallsektion(sida, c["name"])
        assert sektion.get_attribute("data-godkant") == "ja", c["name"]
        pastaenden = sektion.find_elements("css selector", "tr.pastaende")
        assert {p.get_attribute("data-variabel") for p in pastaenden} == set(c["output"]), c["name"]
        assert all(p.get_attribute("data-godkant") == "ja" for p in pastaenden), c["name"]

    # sign the first case not yet reviewed
    status = {s.get_attribute("data-fall"): s.get_attribute("data-status") for s in sida.alla("section.testfall")}
    ogranskade = [n for n, s in status.items() if s == "ej_granskad"]
    assert len(ogranskade) >= 2, status
    forsta, andra = ogranskade[:2]
    assert not sida.alla("input[type='file'][name]")  # a key file is never part of what a form sends
    signera(sida, forsta, "eva.jurist", "Stämmer med 12 kap. 7 § SoL.\nRad två.", eva.fil)
    assert svarsstatus(sida) < 400
    assert fallsektion(sida, forsta).get_attribute("data-status") == "granskad"
    assert "Eva Jurist" in fallsektion(sida, forsta).text
    text = fil.read_text(encoding="utf-8")
    assert "Eva Jurist, jurist, socialförvaltningen" in text and "#   nyckel: eva.jurist" in text
    assert '#   kommentar: "Stämmer med 12 kap. 7 § SoL.\\nRad två."' in text
    assert "PRIVATE KEY" not in text

    # a key not in the reviewers' file, chosen as Eva: refused, the file unchanged
    fore = fil.read_bytes()
    signera(sida, andra, "eva.jurist", "", framling.fil)
    assert svarsstatus(sida) == 403
    assert fil.read_bytes() == fore
    # a file that is no key: the script says so and sends nothing
    knapp = fyll_i_signering(sida, andra, "eva.jurist", "", fil)
    knapp.click()
    fel = fallsektion(sida, andra).find_element("css selector", ".signaturfel")
    sida.vanta(fel.is_displayed, "inget fel visades för en fil som inte är en nyckel")
    assert "PKCS#8" in fel.text and fil.read_bytes() == fore
    sida.oppna(f"/testfall/{SIGNERAS}")
    assert fallsektion(sida, andra).get_attribute("data-status") == "ej_granskad"

    # the signed case's expected value edited on disk: changed since review, and the run fails it
    variabel, varde = andra_forvantat(fil, forsta)
    sida.oppna(f"/testfall/{SIGNERAS}")
    sektion = fallsektion(sida, forsta)
    assert sektion.get_attribute("data-status") == "andrad_sedan_granskning"
    assert "Ändrad sedan granskning" in sektion.text
    sida.klicka_och_vanta("#kor")
    sektion = fallsektion(sida, forsta)
    assert sektion.get_attribute("data-godkant") == "nej"
    (underkand,) = [p for p in sektion.find_elements("css selector", "tr.pastaende")
                    if p.get_attribute("data-godkant") == "nej"]
    assert underkand.get_attribute("data-variabel") == variabel
    assert float(underkand.get_attribute("data-forvantat")) == varde + 1
    assert float(underkand.get_attribute("data-beraknat")) == varde
    sida.oppna("/testfall")
    rad = sida.hitta(f"#katalog tr[data-fil='{SIGNERAS}'][data-fall='{forsta}']")
    assert rad.get_attribute("data-status") == "andrad_sedan_granskning"


def test_oppna_fall_fran_katalogen(sida, testfallskatalog):
    """A case opened from the catalogue fills the form; Beräkna gives the YAML's expected amount."""
    relativ, borjan = OPPNAS
    (fall,) = [c for c in fall_i_filen(testfallskatalog, relativ) if c["name"].startswith(borjan)]
    sida.oppna(f"/testfall/{relativ}")
    sida.klicka_och_vanta(fallsektion(sida, fall["name"]).find_element("css selector", "a.oppna"))
    assert sida.varde("period") == str(fall["period"])
    assert sida.alla("select[name$='-roll']"), "formuläret fylldes inte"
    berakna(sida)
    assert float(sida.attribut("#belopp", "data-belopp")) == fall["output"]["forsorjningsstod"]


# -- accessibility basics ---------------------------------------------------------------------------


def test_id_och_namn_ar_unika(sida):
    """One element per id, one control per name: a label points at one field, and what a user types
    in a field is what the form sends (a hidden twin of the same name would be sent first)."""
    sida.oppna("/?exempel=familj_2026")
    dubbla_id = sida.js("""const ids = [...document.querySelectorAll('[id]')].map(e => e.id);
        return [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))];""")
    dubbla_namn = sida.js("""const namn = [...document.querySelectorAll('#provberakning [name]')]
            .filter(e => e.tagName !== 'BUTTON').map(e => e.name);
        return [...new Set(namn.filter((n, i) => namn.indexOf(n) !== i))];""")
    assert (dubbla_id, dubbla_namn) == ([], [])
    # a field for the other role is hidden, not only disabled (.falt's display: flex showed it)
    assert not sida.hitta("#personer-0-underhallsstod_for_barnet").is_displayed()
    assert sida.hitta("#personer-2-underhallsstod_for_barnet").is_displayed()


def test_tillganglighet(sida, server):
    """Labels, language, keyboard, no other host, no horizontal scroll on a phone."""
    from selenium.webdriver.common.keys import Keys

    sida.oppna("/?exempel=familj_2026")
    assert sida.attribut("html", "lang") == "sv"
    utan_etikett = sida.js("""return [...document.querySelectorAll('input, select, textarea')].filter(e =>
        e.type !== 'hidden' && e.getClientRects().length > 0 &&
        !(e.id && document.querySelector('label[for="' + CSS.escape(e.id) + '"]')) &&
        !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby')).map(e => e.name || e.id);""")
    assert utan_etikett == []
    utan_id = sida.js("""return [...document.querySelectorAll('#provberakning [name]')].filter(e =>
        e.type !== 'hidden' && e.tagName !== 'BUTTON' && e.id !== e.name).map(e => e.name);""")
    assert utan_id == []

    # keyboard only: Tab until Beräkna has focus, then Enter computes (key presses, not send_keys to the focused
    # element: to a file field, send_keys is a file's path)
    from selenium.webdriver.common.action_chains import ActionChains

    kropp = sida.hitta("body")
    kropp.click()
    for _ in range(600):
        if sida.js("return document.activeElement && document.activeElement.id") == "berakna":
            break
        ActionChains(sida.driver).send_keys(Keys.TAB).perform()
    else:
        raise AssertionError("Tab når aldrig knappen Beräkna")
    sida.tangent_och_vanta("#berakna", Keys.ENTER)
    assert float(sida.attribut("#belopp", "data-belopp")) == 13980

    # nothing loaded from another host, and the policy forbids it
    bas = f"http://127.0.0.1:{server.port}/"
    resurser = sida.js("return performance.getEntriesByType('resource').map(e => e.name)")
    assert resurser and all(r.startswith(bas) for r in resurser), resurser
    _, huvuden, _ = server.anropa_fullt("GET", "/")
    policy = {k.lower(): v for k, v in huvuden.items()}.get("content-security-policy", "")
    assert "default-src 'self'" in policy

    # a phone: the result fits the width
    sida.storlek(*MOBIL)
    try:
        sida.oppna("/?exempel=par_med_tre_barn")
        berakna(sida)
        bredd = sida.js("return [document.documentElement.scrollWidth, window.innerWidth]")
        for_breda = sida.js("""return [...document.querySelectorAll('body *')].filter(e =>
            e.getBoundingClientRect().right > window.innerWidth + 1).slice(0, 5)
            .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + '.' + [...e.classList].join('.'));""")
        assert bredd[1] == MOBIL[0] and bredd[0] <= bredd[1], (bredd, for_breda)
    finally:
        sida.storlek(*STOR)
