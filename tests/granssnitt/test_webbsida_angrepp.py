"""The web pages under attack (issue 15): what a hostile visitor, or a hostile file in the test catalogue,
can send the provberäkning and the catalogue, and what the pages do with it.

Each finding of a review of the pages as an outsider would attack them has its test here: an action
with digits ``int()`` refuses, a personnummer as a person's id or in an error page, a case without a
description or with dates (a page answered 500), a case whose roles are no list of ids, a YAML file of
a few hundred bytes whose merge keys take minutes and gigabytes to load, a file nested so deep that
libyaml's composer crashes the process, a sign-off comment typed in a browser (CRLF). Beside them, what
was already defended and must stay so: markup and script from a file or a field shown as text, a
sign-off that cannot change anything in the file but its own block; and a hostile SSBTEK answer uploaded
to the provberäkning (a DTD and entities, nesting, a huge base64 document, random bytes): a 4xx.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
import time
from urllib.parse import quote

import pytest
import yaml
from granskarnycklar import kontrollsumma, meddelande, ny_nyckel, skriv_granskare
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from openfisca_sweden_bistand import exempel
from openfisca_sweden_bistand.granssnitt.webb import skapa_app
from openfisca_sweden_bistand.granssnitt.webbsida import formular as f
from openfisca_sweden_bistand.testfall import katalog

HTML = {"Accept": "text/html"}
NYCKEL = "lhLeXUGtNrBsWXOJOSyNxhRSpgQO-y-05-2XQPy4QLA"  # a fixed random key (token_urlsafe(32))
PERSONNUMMER = ["19800101-1234", "800101-1234", "198001011234", "800101 1234"]
HUSHALL = "input: {personer: {a: {alder: 30}}, hushallen: {h: {vuxna: [a]}}}"


@pytest.fixture(scope="module")
def klient():
    return skapa_app().test_client()


def falt(**andrat: str) -> dict[str, str]:
    return {**f.som_falt(f.fran_arende(exempel.arende("familj_2026"))), **andrat}


def katalogklient(rot, **filer: str):
    """A catalogue of the given files (name → text) and a client of a server with the write key and a reviewers'
    file of one reviewer, Eva (``klient.granskare``)."""
    rot.mkdir(exist_ok=True)
    for namn, text in filer.items():
        (rot / namn).write_text(text, encoding="utf-8")
    eva = ny_nyckel(rot.parent / "nycklar")
    klient = skapa_app(testkatalog=rot, api_nyckel=NYCKEL,
                       granskare=skriv_granskare(rot.parent / "granskare.yaml", eva)).test_client()
    klient.granskare = eva
    return klient


# --- the provberäkning ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("atgard", ["ta_bort_²", "ta_bort_" + "9" * 5000, "ta_bort_\u0663", "ta_bort_00000"],
                         ids=["upphojd", "5000-siffror", "arabisk-indisk", "nollor"])
def test_ta_bort_med_siffror_som_int_inte_tar_ger_ingen_5xx(klient, atgard):
    """``ta_bort_²`` (a digit ``int()`` refuses) and 5 000 digits (over Python's limit) answered 500."""
    svar = klient.post("/", data=falt(atgard=atgard))
    assert svar.status_code == 200
    assert 'id="personer-1-id"' in svar.get_data(as_text=True)  # nobody removed


def test_ta_bort_tar_bort_ratt_person(klient):
    fore = falt()
    antal = sum(1 for namn in fore if namn.endswith("-roll"))
    html = klient.post("/", data=falt(atgard="ta_bort_1")).get_data(as_text=True)
    assert f'id="personer-{antal - 1}-id"' not in html and f'value="{fore["personer-1-id"]}"' not in html
    assert f'value="{fore["personer-0-id"]}"' in html


@pytest.mark.parametrize("pnr", PERSONNUMMER)
def test_personnummer_som_id_ar_ett_fel_vid_faltet(klient, pnr):
    """The help text says no personnummer; the form refuses one as a person's or the household's id."""
    svar = klient.post("/", data=falt(**{"personer-0-id": pnr}, atgard="berakna"))
    html = svar.get_data(as_text=True)
    assert svar.status_code == 422 and 'id="fel-personer-0-id"' in html and "personnummer" in html
    for atgard in ("exportera_json", "exportera_yaml"):
        assert klient.post("/", data=falt(**{"personer-0-id": pnr}, atgard=atgard)).status_code == 422
    assert klient.post("/", data=falt(**{"hushall-id": pnr})).status_code == 422


@pytest.mark.parametrize("pnr", PERSONNUMMER)
def test_ingen_felsida_visar_ett_personnummer(klient, pnr):
    """An HTML error page is masked as the API's error answers are: a field's message repeats what was
    typed, and a 404 the example asked for."""
    for svar in (klient.get(f"/?exempel={quote(pnr)}", headers=HTML),
                 klient.post("/", data=falt(**{"hushall-boendekostnad": pnr, "personer-0-id": pnr})),
                 klient.post("/", data=falt(**{"personer-1-alder": pnr}))):
        html = svar.get_data(as_text=True)
        assert svar.status_code in (404, 422) and "[personnummer]" in html
        assert pnr not in html and pnr.replace("-", "") not in html


# --- the catalogue: a hostile file ---------------------------------------------------------------------------


def test_fall_utan_beskrivning_med_datum_och_annan_output_visas_och_kors(tmp_path):
    """A case is what its file says: without description, period or output, with dates as values or keys,
    with a list as output. The file's page answered 500 to each (the template read missing keys, and
    ``tojson`` cannot write a date)."""
    filer = {
        "utan.yaml": "- name: utan\n",
        "datum.yaml": "- name: d\n  period: 2026-03\n  input: {personer: {a: {alder: 30}}, hushallen: {h: {vuxna: "
                      "[a], beslutsdatum: 2026-03-05, x: {2026-03-01: 1}}}}\n  output: {forsorjningsstod: 1}\n",
        "lista.yaml": f"- name: l\n  description: d\n  period: 2026-03\n  {HUSHALL}\n  output: [1, 2]\n",
    }
    klient = katalogklient(tmp_path / "yaml", **filer)
    for namn in filer:
        for svar in (klient.get(f"/testfall/{namn}"), klient.post(f"/testfall/{namn}", data={"atgard": "kor"})):
            assert svar.status_code == 200, namn
            assert 'class="testfall"' in svar.get_data(as_text=True)
    html = klient.get("/testfall/datum.yaml").get_data(as_text=True)
    assert '"beslutsdatum": "2026-03-05"' in html and '"2026-03-01": 1' in html


@pytest.mark.parametrize("roll", ["[{x: 1}]", "[true]", "{a: 1}", "[[a]]", "null", "1.5"])
def test_ett_fall_vars_roll_inte_ar_en_lista_av_id_oppnas_inte(tmp_path, roll):
    """A list of mappings (``vuxna: [{x: 1}]``) answered 500 when the case was opened in the form."""
    fil = ("- name: r\n  period: 2026-03\n"
           f"  input: {{personer: {{a: {{alder: 30}}}}, hushallen: {{h: {{vuxna: {roll}}}}}}}\n")
    klient = katalogklient(tmp_path / "yaml", **{"r.yaml": fil})
    svar = klient.get("/?testfil=r.yaml&fall=r", headers=HTML)
    assert svar.status_code == 400 and "en roll är en lista av personernas id" in svar.get_data(as_text=True)


def test_id_som_tal_oppnas_som_text(tmp_path):
    fil = "- name: t\n  period: 2026-03\n  input: {personer: {1: {alder: 30}}, hushallen: {h: {vuxna: [1]}}}\n"
    html = katalogklient(tmp_path / "yaml", **{"t.yaml": fil}).get("/?testfil=t.yaml&fall=t", headers=HTML)
    assert html.status_code == 200 and re.search(r'id="personer-0-id"[^>]*value="1"', html.get_data(as_text=True))


def sammanslagningsbomb(niva: int, prefix: str = "") -> str:
    """Each level's mapping merges the one before twice: 2**niva keys once loaded, a few hundred bytes."""
    rader = ["a0: &a0 {x: 1}"] + [f"a{i}: &a{i} {{<<: [*a{i - 1}, *a{i - 1}], y{i}: 1}}" for i in range(1, niva)]
    return "\n".join(prefix + rad for rad in rader) + "\n"


def test_yaml_bomb_med_sammanslagningsnycklar_avvisas_innan_den_laddas(tmp_path):
    """The aliases were counted after ``yaml.load``, which copies what ``<<`` merges: 800 bytes took
    minutes and gigabytes before they were refused. Now the nodes are counted first."""
    text = "- name: b\n  period: 2026-03\n  input: {}\n  output: {}\n  extra:\n" + sammanslagningsbomb(22, "    ")
    start = time.monotonic()
    with pytest.raises(katalog.ArendeFel, match="YAML-noder"):
        katalog.tolka("b.yaml", text)
    assert time.monotonic() - start < 2
    klient = katalogklient(tmp_path / "yaml", **{"b.yaml": text})
    start = time.monotonic()
    lista, sida = klient.get("/testfall"), klient.get("/testfall/b.yaml")
    assert lista.status_code == 200 and "b.yaml: filen har fler än 500000 YAML-noder" in lista.get_data(as_text=True)
    assert sida.status_code == 422 and "YAML-noder" in sida.get_data(as_text=True)
    assert time.monotonic() - start < 4


def test_yaml_bomb_i_granskningsblocket_avvisas(tmp_path):
    """The sign-off block is YAML in comments, read by another loader: the same bounds hold there."""
    block = "  # granskning:\n" + sammanslagningsbomb(22, "  #   ")
    text = f"- name: b\n{block}  period: 2026-03\n  {HUSHALL}\n  output: {{forsorjningsstod: 1}}\n"
    start = time.monotonic()
    fil, _ = katalog.tolka("b.yaml", text)
    assert time.monotonic() - start < 2
    assert fil.fall[0].status == "ogiltig_granskning" and fil.fall[0].granskning is None
    assert fil.fall[0].orsak.startswith("granskningen kan inte läsas")


@pytest.mark.parametrize("djup", [51, 50_000])
def test_djupt_nastlad_yaml_avvisas_utan_att_processen_kraschar(tmp_path, djup):
    """``[[[…]]]`` 40 000 levels deep (80 kB) crashed the process (libyaml's composer recurses in C) after
    time quadratic in the depth; nested beyond the limit, a file is refused before it is composed. Run
    in a process of its own, so that a crash is a failed test and not a dead test run."""
    text = "- name: d\n  period: 2026-03\n  input: " + "[" * djup + "]" * djup + "\n"
    (tmp_path / "d.yaml").write_text(text, encoding="utf-8")
    kod = ("import sys; from pathlib import Path; from openfisca_sweden_bistand.testfall import katalog\n"
           "try:\n    katalog.tolka('d.yaml', Path(sys.argv[1]).read_text())\n"
           "except katalog.ArendeFel as fel:\n    print(fel.meddelande)\n")
    start = time.monotonic()
    ut = subprocess.run([sys.executable, "-c", kod, str(tmp_path / "d.yaml")], capture_output=True, text=True,
                        timeout=120)
    assert ut.returncode == 0, ut.stderr[-500:]
    assert "nästlad djupare än 50 nivåer" in ut.stdout and time.monotonic() - start < 20
    klient = katalogklient(tmp_path / "yaml", **{"d.yaml": "- name: d\n  input: " + "[" * 51 + "]" * 51 + "\n"})
    assert klient.get("/testfall/d.yaml").status_code == 422


@pytest.mark.parametrize("laddare", ["CSafeLoader", "SafeLoader"])
@pytest.mark.parametrize("form", ["flod", "block", "mappning"])
def test_djup_over_libyamls_egen_grans_far_samma_besked(form, laddare):
    """PyYAML 6.0.4's libyaml stops at 1 000 levels in its scanner, before the events of the deep part reach
    the project's own check: the refusal and its message are the same whichever PyYAML the pins install,
    for flow and block nesting, with the C and the pure-Python loader (the sign-off block uses the latter)."""
    if not hasattr(yaml, laddare):
        pytest.skip("PyYAML utan libyaml")
    djup = 1_500
    text = {
        "flod": "- name: d\n  input: " + "[" * djup + "]" * djup + "\n",
        "block": "- name: d\n  input:\n" + "".join("  " * (i + 2) + "-\n" for i in range(djup)),
        "mappning": "- name: d\n  input: " + "{a: " * djup + "1" + "}" * djup + "\n",
    }[form]
    with pytest.raises(katalog.ArendeFel) as fel:
        katalog.las_yaml(text, "d.yaml", getattr(yaml, laddare))
    assert fel.value.meddelande == "d.yaml: filen är nästlad djupare än 50 nivåer"


def test_annat_yamlfel_ar_fortfarande_ogiltig_yaml():
    """Only libyaml's depth limit is read as the depth refusal; any other scanner error stays "inte giltig YAML"."""
    with pytest.raises(katalog.ArendeFel) as fel:
        katalog.las_yaml("- name: d\n  input: [1, 2\n", "d.yaml")
    assert "inte giltig YAML" in fel.value.meddelande


TRASIGA = {  # a file the catalogue cannot read, and the start of its reason after the file's name
    "python": ('- name: x\n  description: !!python/object/apply:os.system ["touch {markor}"]\n',
               "Python-taggen !!python/object/apply:os.system är inte tillåten"),
    "ogiltig": ("- name: x\n  input: [1, 2\n", "inte giltig YAML (rad 3)"),
    "for_stor": ("# " + "x" * katalog.HOGSTA_STORLEK + "\n", "filen är större än 1024 KiB"),
    "ingen_lista": ("bara text\n", "en testfil är en lista av testfall"),
    "okand_tagg": ("- name: x\n  input: !kod {a: 1}\n", "taggen !kod är inte tillåten"),
}


@pytest.mark.parametrize("sort", TRASIGA)
def test_en_trasig_fil_doljer_inte_de_andra(tmp_path, sort):
    """One file the catalogue cannot read made /testfall a 404 and hid every case. Now it is listed by name with its
    reason, its own page says why (422), and the good file beside it lists and runs its cases; nothing is executed."""
    from pathlib import Path

    markor = tmp_path / "pwned"
    god = (Path(__file__).resolve().parents[1] / "yaml" / "beslut" / "beslut.yaml").read_text(encoding="utf-8")
    text, orsak = TRASIGA[sort]
    klient = katalogklient(tmp_path / "yaml", **{"a_trasig.yaml": text.replace("{markor}", str(markor)),
                                                 "god.yaml": god})
    svar = klient.get("/testfall", headers=HTML)
    html = svar.get_data(as_text=True)
    assert svar.status_code == 200
    namn = [fall["name"] for fall in yaml.safe_load(god)]
    assert len(re.findall(r'<tr data-fil="god.yaml" data-fall=', html)) == len(namn)
    assert f"{len(namn)} testfall i 2 filer" in html
    assert re.search(r'<tr data-fil="a_trasig.yaml" data-fel="ja"', html)
    assert f'<li data-fil="a_trasig.yaml">a_trasig.yaml: {orsak}' in html.replace("&#34;", '"')
    sida = klient.get("/testfall/a_trasig.yaml", headers=HTML)
    assert sida.status_code == 422 and f"a_trasig.yaml: {orsak}" in sida.get_data(as_text=True).replace("&#34;", '"')
    assert klient.post("/testfall/a_trasig.yaml", data={"atgard": "kor"}).status_code == 422
    assert klient.get("/testfall/god.yaml", headers=HTML).status_code == 200
    kord = klient.post("/testfall/god.yaml", data={"atgard": "kor"}).get_data(as_text=True)
    assert len(re.findall(r'<section class="testfall"[^>]*data-godkant="ja"', kord)) == len(namn)
    assert klient.get("/testfall/finns_inte.yaml", headers=HTML).status_code == 404
    assert not markor.exists()


def test_testfallen_i_repot_ar_inom_granserna():
    """The real catalogue is far from the bounds (a case is some six levels deep)."""
    from pathlib import Path

    rot = Path(__file__).resolve().parents[1] / "yaml"
    assert sum(len(f.fall) for f in katalog.las_katalog(rot)) > 100


def test_markup_ur_en_fil_visas_som_text(tmp_path):
    """Names, descriptions, inputs and expectations of a hostile file are text in the page: in elements,
    in attributes, in the JSON of the input (``tojson`` escapes ``<``) and in the link that opens a case."""
    fil = ("- name: '<script>alert(1)</script>\" onmouseover=\"x'\n  description: '<img src=x onerror=alert(1)>'\n"
           "  period: 2026-03\n  input: {personer: {'</pre><script>alert(2)</script>': {alder: 30}}, "
           "hushallen: {h: {vuxna: ['</pre><script>alert(2)</script>']}}}\n"
           "  output: {'<b>o</b>': '<i>v</i>'}\n- name: 'javascript:alert(3)'\n  period: 2026-03\n")
    klient = katalogklient(tmp_path / "yaml", **{"x.yaml": fil})
    for svar in (klient.get("/testfall/x.yaml"), klient.post("/testfall/x.yaml", data={"atgard": "kor"}),
                 klient.get("/testfall")):
        html = svar.get_data(as_text=True)
        assert svar.status_code == 200
        for farligt in ("<script>alert", "<img", "<b>o", "<i>v", 'onmouseover="', "</pre><script>"):
            assert farligt not in html
    html = klient.get("/testfall/x.yaml").get_data(as_text=True)
    assert 'href="/?testfil=x.yaml&amp;fall=javascript%3Aalert%283%29"' in html
    assert re.findall(r'href="([^"]*)"', html) and all(
        h.startswith(("/", "#")) for h in re.findall(r'href="([^"]*)"', html))


# --- the sign-off ---------------------------------------------------------------------------------------------

FALL = f"- name: fallet\n  description: d\n  period: 2026-03\n  {HUSHALL}\n  output:\n    forsorjningsstod: 5220\n"


def signera(klient, **andrat: str):
    """Sign ``fallet`` of s.yaml as Eva, the signature made over the comment as the page's script sends it (CRLF as
    LF, trimmed), for today; ``andrat`` replaces any field of the form, the signature too."""
    import datetime

    from openfisca_sweden_bistand.testfall.granskning import regelversion_text

    data = {"atgard": "signera", "fall": "fallet", "kommentar": "", "nyckel": "eva.jurist",
            "datum": datetime.date.today().isoformat(), **andrat}
    eva = klient.granskare
    if "signatur" not in data:
        data["signatur"] = eva.signera(meddelande(
            kontrollsumma(yaml.safe_load(FALL)[0]), eva.id, eva.granskad_av, data["datum"], regelversion_text(),
            data["kommentar"].replace("\r\n", "\n").strip()))
    return klient.post("/testfall/s.yaml", data=data)


def test_en_kommentar_pa_flera_rader_fran_webblasaren_sparas(tmp_path):
    """A browser sends a textarea's line breaks as CRLF; a CR was refused as a control character."""
    klient = katalogklient(tmp_path / "yaml", **{"s.yaml": FALL})
    svar = signera(klient, kommentar="Rad ett.\r\nRad två.")
    assert svar.status_code == 200, svar.get_data(as_text=True)
    text = (tmp_path / "yaml" / "s.yaml").read_text(encoding="utf-8")
    assert '#   kommentar: "Rad ett.\\nRad två."' in text
    fallet = katalog.tolka("s.yaml", text)[0].fall[0]
    assert fallet.granskning.kommentar == "Rad ett.\nRad två."
    assert fallet.status == "ogiltig_granskning"  # Eva's key is in the test's reviewers' file, not the package's


@pytest.mark.parametrize("falt_", ["nyckel", "kommentar"])
@pytest.mark.parametrize("varde", [
    "x\n  output: {forsorjningsstod: 1}", "x\r  absolute_error_margin: 99999", "x\u2028  reforms: [Bidragstak2027]",
    "x\u2029y", "x\x85  output: {}", "#   kontrollsumma: sha256:" + "0" * 64, "x\n#   datum: '1999-01-01'",
    "' \" : - # & * ! | > % @ `", "\u202eomvänd", "x" * 3000,
], ids=lambda v: repr(v)[:24])
def test_signeringen_andrar_inget_annat_i_filen(tmp_path, falt_, varde):
    """Whatever a reviewer sends, the sign-off is refused (400 or 403, the file untouched) or is one block
    whose fields read back as typed, and the case computes and expects what it did."""
    klient = katalogklient(tmp_path / "yaml", **{"s.yaml": FALL})
    fore = yaml.safe_load(FALL)
    svar = signera(klient, **{falt_: varde})
    text = (tmp_path / "yaml" / "s.yaml").read_text(encoding="utf-8")
    if svar.status_code != 200:
        assert svar.status_code in (400, 403) and text == FALL
        return
    assert falt_ == "kommentar"  # no other key id than Eva's signs
    from openfisca_sweden_bistand.testfall.granskare import las_granskare

    efter = katalog.tolka("s.yaml", text, las_granskare(tmp_path / "granskare.yaml"))[0].fall[0]
    assert yaml.safe_load(text) == fore and efter.status == "granskad"
    assert getattr(efter.granskning, falt_) == varde.replace("\r\n", "\n").strip()
    assert text.replace("\r", "").count("\n") - FALL.count("\n") == 8  # the block's eight lines, no more


def test_signering_kraver_signaturen_och_inget_annat_skriver(tmp_path):
    """Only Eva's signature over this case, today's date and this comment writes; the server's API key, a
    signature of another comment or date, or another key's, is a 403."""
    import base64
    import datetime

    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    klient = katalogklient(tmp_path / "yaml", **{"s.yaml": FALL})
    gammal = (datetime.date.today() - datetime.timedelta(days=2)).isoformat()
    annan = base64.b64encode(Ed25519PrivateKey.generate().sign(b"x")).decode()
    for andrat in ({"signatur": NYCKEL}, {"signatur": ""}, {"signatur": "ä" * 88}, {"signatur": annan},
                   {"signatur": "A" * 86 + "=="}, {"nyckel": NYCKEL}, {"datum": gammal}, {"datum": "i dag"},
                   {"kommentar": "x", "signatur": klient.granskare.signera(b"annat")}):
        assert signera(klient, **andrat).status_code == 403, andrat
    for data in ({"atgard": "kor"}, {"atgard": "okand"}, {"atgard": "signera"}):
        klient.post("/testfall/s.yaml", data=data)
    klient.get("/?testfil=s.yaml&fall=fallet", headers=HTML)
    assert (tmp_path / "yaml" / "s.yaml").read_text(encoding="utf-8") == FALL
    assert sorted(p.name for p in (tmp_path / "yaml").iterdir()) == ["s.yaml"]
    utan = skapa_app(testkatalog=tmp_path / "yaml").test_client()  # the packaged reviewers: Eva is not one
    utan.granskare = klient.granskare
    assert signera(utan).status_code == 403
    assert (tmp_path / "yaml" / "s.yaml").read_text(encoding="utf-8") == FALL
    assert signera(klient).status_code == 200


def test_gissade_signaturer_skriver_inget(tmp_path):
    """A sign-off cannot be guessed: thirty made-up signatures of the right length, each 403, and nothing written (the
    sign-off form needs no key and no throttle: an Ed25519 signature is the authority); the real one then signs."""
    import base64

    klient = katalogklient(tmp_path / "yaml", **{"s.yaml": FALL})
    statusar = [signera(klient, signatur="ed25519:" + base64.b64encode(bytes([i]) * 64).decode()).status_code
                for i in range(30)]
    assert statusar == [403] * 30
    assert (tmp_path / "yaml" / "s.yaml").read_text(encoding="utf-8") == FALL
    assert signera(klient).status_code == 200 and (tmp_path / "yaml" / "s.yaml").read_text(encoding="utf-8") != FALL


# --- a hostile SSBTEK answer ----------------------------------------------------------------------------------

SVAR = exempel.ssbtek("ateransokan_2026")["sara"].read_text(encoding="utf-8")
SOAP = ('<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>'
        '<ssbt:hamtaBastjanstInformationResponse xmlns:ssbt="http://schema.forsakringskassan.se/integration/ssbt/10">'
        "<ssbt:svarsdata>{}</ssbt:svarsdata></ssbt:hamtaBastjanstInformationResponse></soap:Body></soap:Envelope>")


def ateransokan(**andrat: str) -> dict[str, str]:
    return {**f.som_falt(f.fran_arende(exempel.arende("ateransokan_2026"))), "atgard": "berakna", **andrat}


def ladda_upp(klient, svar: str | bytes, filnamn: str = "svar.xml", **andrat: str):
    data = svar.encode("utf-8") if isinstance(svar, str) else svar
    return klient.post("/", data={**ateransokan(**andrat), "ssbtek-0": (io.BytesIO(data), filnamn)},
                       content_type="multipart/form-data")


def lefi_base64(storlek: int) -> str:
    """The answer with FK's LEFI document replaced by ``storlek`` bytes of base64."""
    start = SVAR.index("<ssbt:lefiJsonSvar>") + len("<ssbt:lefiJsonSvar>")
    return SVAR[:start] + "QUFB" * (storlek // 4) + SVAR[SVAR.index("</ssbt:lefiJsonSvar>"):]


FIENTLIGA = {
    "miljard-skratt": '<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">'
                      + "".join(f'<!ENTITY a{i} "{"&a;" * 10 if i == 0 else f"&a{i - 1};" * 10}">' for i in range(9))
                      + "]><l>&a8;</l>",
    "extern-entitet": '<?xml version="1.0"?><!DOCTYPE s [<!ENTITY x SYSTEM "file:///etc/passwd">]><s>&x;</s>',
    "extern-dtd": '<?xml version="1.0"?><!DOCTYPE s SYSTEM "http://127.0.0.1:9/s.dtd"><s/>',
    "parameterentitet": '<?xml version="1.0"?><!DOCTYPE s [<!ENTITY % p SYSTEM "http://127.0.0.1:9/p">%p;]><s/>',
    "xinclude": SOAP.format('<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file:///etc/passwd"/>'),
    "djup-nastling": SOAP.format("<ssbt:SO>" * 20_000 + "</ssbt:SO>" * 20_000),
    "manga-element": SOAP.format("<x/>" * 50_000),
    "stor-base64": lefi_base64(150 * 1024),
    "base64-med-skrap": SVAR.replace("<ssbt:lefiJsonSvar>", "<ssbt:lefiJsonSvar>\x00%%%", 1),
    "utf16": SVAR.encode("utf-16"),
    "bara-nollor": b"\x00" * 4096,
}


@pytest.mark.parametrize("namn", list(FIENTLIGA))
def test_fientligt_registersvar_ger_4xx(klient, namn):
    """An entity bomb, external entities and DTDs, XInclude, nesting, an element flood, a large base64 document,
    bytes that are no XML: refused at the file field (422), or as too large (413); fast, never a 5xx, nothing
    fetched and nothing of the file echoed as markup."""
    start = time.monotonic()
    svar = ladda_upp(klient, FIENTLIGA[namn])
    html = svar.get_data(as_text=True)
    assert 400 <= svar.status_code < 500, (svar.status_code, html[-500:])
    assert time.monotonic() - start < 10
    if svar.status_code == 422:
        assert 'id="fel-ssbtek-0"' in html and 'id="resultat"' not in html
    assert "root:" not in html and "<!ENTITY" not in html


def test_base64_over_grans_for_avkodade_dokument_avvisas():
    """A base64 document over HOGSTA_AVKODAT (2 MiB decoded), in a server that takes bodies that large."""
    from openfisca_sweden_bistand.kontroll.ssbtek import HOGSTA_AVKODAT, HOGSTA_STORLEK

    klient = skapa_app(max_bytes=HOGSTA_STORLEK + 512 * 1024).test_client()
    svar = ladda_upp(klient, lefi_base64(HOGSTA_AVKODAT * 4 // 3 + 4096))
    assert svar.status_code == 422 and 'id="fel-ssbtek-0"' in svar.get_data(as_text=True)


@pytest.mark.parametrize("filnamn", ["19800101-1234.xml", '<script>alert(1)</script>".xml', "../../etc/passwd", ""])
def test_filens_namn_visas_aldrig_och_ar_ingen_sokvag(klient, filnamn):
    """A file's name is the sender's (often a personnummer): never shown, never used as a path; without a name the
    field counts as empty (the browser's part for a field left empty)."""
    svar = ladda_upp(klient, SVAR, filnamn)
    html = svar.get_data(as_text=True)
    assert svar.status_code == 200
    assert "19800101-1234" not in html and "<script>alert(1)" not in html and "etc/passwd" not in html
    assert ('id="vald-ssbtek-0"' in html) == bool(filnamn)


@pytest.mark.parametrize("pnr", PERSONNUMMER)
def test_personnummer_i_ett_fientligt_svar_visas_inte(klient, pnr):
    """A personnummer where an answer's text is kept (an agency's error message) or where an error quotes the
    answer's element: masked by the reader, and the page's error filter besides."""
    felblock = ("<ssbt:TNS><ssbt:error><ssbt:kalla>BT</ssbt:kalla><ssbt:felkod>1</ssbt:felkod>"
                f"<ssbt:felmeddelande>Ingen uppgift om {pnr}</ssbt:felmeddelande></ssbt:error></ssbt:TNS>")
    for svar in (SVAR.replace("<ssbt:SO>", felblock + "<ssbt:SO>", 1), SOAP.format(f"<ssbt:{pnr}/>"),
                 SVAR.replace("<ssbt:frageTidpunkt>2026-03-02T08:15:00+01:00", f"<ssbt:frageTidpunkt>{pnr}", 1)):
        html = ladda_upp(klient, svar).get_data(as_text=True)
        assert pnr not in html and pnr.replace("-", "").replace(" ", "") not in html


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(0, len(SVAR) - 1), st.integers(0, 200), st.text(max_size=40))
def test_ett_forvanskat_svar_ger_aldrig_5xx(klient, start, langd, insatt):
    """The example's answer with a span cut out and something put in its place: a page or a 4xx, never a 5xx."""
    svar = ladda_upp(klient, SVAR[:start] + insatt + SVAR[start + langd:])
    assert svar.status_code in (200, 422), svar.status_code
