"""A legal reviewer's sign-off of the YAML test cases (testfall/granskning.py, testfall/katalog.py and
``bistand granskning``), always on a copy of tests/yaml in a temporary directory, signed with keys made for the
test and listed in a reviewers' file of the test (test_signatur.py: what the signature defends against)."""

import base64
import datetime
import difflib
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import yaml
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from granskarnycklar import block, meddelande, ny_nyckel, skriv_granskare

from openfisca_sweden_bistand.arende.validering import ArendeFel
from openfisca_sweden_bistand.granssnitt.cli import main
from openfisca_sweden_bistand.testfall.granskare import las_granskare
from openfisca_sweden_bistand.testfall.granskning import (
    ANDRAD,
    EJ_GRANSKAD,
    GRANSKAD,
    OGILTIG,
    STATUSTEXT,
    kontrollsumma,
    regelversion_text,
)
from openfisca_sweden_bistand.testfall.katalog import HOGSTA_STORLEK, las_fil, las_katalog
from openfisca_sweden_bistand.testfall.signering import signera

ROT = Path(__file__).resolve().parents[2]
FIL = "riksnorm/officiella_totalbelopp.yaml"
DAG = datetime.date(2026, 11, 24)


GRANSKARE: dict = {}  # the test's reviewers: key id → Granskarnyckel, and "register" → the file read


@pytest.fixture(autouse=True)
def granskare(tmp_path):
    """Two reviewers, Eva and Bo, in a reviewers' file of the test (GRANSKARE["fil"])."""
    eva = ny_nyckel(tmp_path / "nycklar")
    bo = ny_nyckel(tmp_path / "nycklar", "bo.jurist", "Bo Jurist", "jurist B")
    fil = skriv_granskare(tmp_path / "granskare.yaml", eva, bo)
    GRANSKARE.clear()
    GRANSKARE.update({"eva.jurist": eva, "bo.jurist": bo, "fil": fil, "register": las_granskare(fil)})
    return GRANSKARE


@pytest.fixture
def kopia(tmp_path):
    """A copy of tests/yaml to sign in."""
    rot = tmp_path / "yaml"
    shutil.copytree(ROT / "tests" / "yaml", rot)
    return rot


def _namn(rot, relativ=FIL):
    return [fall.namn for fall in las_fil(rot, relativ, GRANSKARE["register"]).fall]


def _signera(rot, namn, relativ=FIL, av="eva.jurist", kommentar="Stämmer med tabellen."):
    return signera(rot, relativ, namn, None, kommentar, regelversion_text(), DAG, GRANSKARE[av].privat,
                   GRANSKARE["register"])


def _status(rot, relativ=FIL):
    return {fall.namn: fall.status for fall in las_fil(rot, relativ, GRANSKARE["register"]).fall}


def _gr():
    return ["--granskare", str(GRANSKARE["fil"])]


def test_signering_lagger_bara_till_blocket_och_fallet_blir_granskat(kopia):
    fore = (kopia / FIL).read_text(encoding="utf-8")
    namn = _namn(kopia)
    assert set(_status(kopia).values()) == {EJ_GRANSKAD}
    fall = _signera(kopia, namn[1])
    assert fall.status == GRANSKAD and fall.namn == namn[1]
    assert fall.granskning.granskad_av == "Eva Jurist, jurist, socialförvaltningen"
    assert fall.granskning.datum == "2026-11-24" and fall.granskning.nyckel == "eva.jurist"
    assert fall.granskning.kontrollsumma == kontrollsumma(yaml.safe_load(fore)[1])
    assert fall.granskning.regelversion.startswith("openfisca-sweden-bistand ")
    efter = (kopia / FIL).read_text(encoding="utf-8")
    andringar = [op for op in difflib.SequenceMatcher(None, fore.splitlines(), efter.splitlines()).get_opcodes()
                 if op[0] != "equal"]
    assert len(andringar) == 1 and andringar[0][0] == "insert"
    _, i1, _, j1, j2 = andringar[0]
    assert fore.splitlines()[i1 - 1] == f"- name: {namn[1]}"  # right after the name
    assert efter.splitlines()[j1:j2] == [
        "  # granskning:",
        "  #   granskad_av: Eva Jurist, jurist, socialförvaltningen",
        "  #   datum: '2026-11-24'",
        "  #   kommentar: Stämmer med tabellen.",
        f"  #   kontrollsumma: {fall.granskning.kontrollsumma}",
        f"  #   regelversion: {regelversion_text()}",
        "  #   nyckel: eva.jurist",
        f"  #   signatur: {fall.granskning.signatur}",
    ]
    assert yaml.safe_load(efter) == yaml.safe_load(fore)
    assert _status(kopia) == {n: GRANSKAD if n == namn[1] else EJ_GRANSKAD for n in namn}
    assert las_fil(kopia, FIL).fall[2].rad == fore.splitlines().index(f"- name: {namn[2]}") + 1 + 8
    # the signature verifies over the text rebuilt here from the block alone, with the reviewer's public key
    b = block(efter, namn[1])
    assert b["signatur"].startswith("ed25519:")
    publik: Ed25519PublicKey = GRANSKARE["eva.jurist"].privat.public_key()
    publik.verify(base64.b64decode(b["signatur"].removeprefix("ed25519:")), meddelande(
        b["kontrollsumma"], b["nyckel"], b["granskad_av"], b["datum"], b["regelversion"], b["kommentar"]))


def test_signerad_fil_godkanns_av_openfisca_test(kopia):
    for namn in _namn(kopia):
        _signera(kopia, namn, kommentar="Rad ett.\nRad två: 'citat' och \"citat\" # inget slut")
    assert set(_status(kopia).values()) == {GRANSKAD}
    assert las_fil(kopia, FIL).fall[0].granskning.kommentar == "Rad ett.\nRad två: 'citat' och \"citat\" # inget slut"
    svar = subprocess.run(["openfisca", "test", str(kopia / FIL), "--country-package", "openfisca_sweden_bistand"],
                          capture_output=True, text=True, timeout=120, cwd=kopia)
    assert svar.returncode == 0, svar.stdout + svar.stderr
    assert "4 passed" in svar.stdout


def test_andrad_forvantning_syns_och_ny_signering_godkanner(kopia):
    namn = _namn(kopia)
    _signera(kopia, namn[0])
    _signera(kopia, namn[1])
    fil = kopia / FIL
    fil.write_text(fil.read_text(encoding="utf-8").replace("riksnorm: 8510", "riksnorm: 8520"), encoding="utf-8")
    assert _status(kopia)[namn[1]] == ANDRAD and _status(kopia)[namn[0]] == GRANSKAD
    assert las_fil(kopia, FIL, GRANSKARE["register"]).fall[1].granskning.granskad_av == (
        "Eva Jurist, jurist, socialförvaltningen")
    assert main(["granskning", "--ci", str(kopia), *_gr()]) == 1
    fall = _signera(kopia, namn[1], av="bo.jurist")
    assert fall.status == GRANSKAD and fall.granskning.granskad_av == "Bo Jurist, jurist B"
    assert fil.read_text(encoding="utf-8").count("# granskning:") == 2  # replaced, not added
    assert main(["granskning", "--ci", str(kopia), *_gr()]) == 0


def test_kommentarer_och_nyckelord_ror_inte_granskningen_men_beskrivning_och_namn_gor(kopia):
    """The legal claim a reviewer signs (the case's name and description) is inside the checksum: rewording it
    is a change since review. Comments and keywords are not."""
    namn = _namn(kopia)
    _signera(kopia, namn[0])
    fil = kopia / FIL
    text = fil.read_text(encoding="utf-8")
    text = text.replace("    # ensamstående 3 940 +", "    # uträkning: ensamstående 3 940 +")
    text = text.replace("keywords: [riksnorm, 'SoF (2025:468) 12 kap. 2 §', '2026', officiell]\n  period: 2026-01",
                        "keywords: [riksnorm]\n  period: 2026-01")
    fil.write_text(text, encoding="utf-8")
    assert _status(kopia)[namn[0]] == GRANSKAD
    beskrivning = text.replace("Tabellens summa ska vara regeringens publicerade totalbelopp 5 220 kr.",
                               "Summan ska vara regeringens totalbelopp, 5 230 kr.")
    assert beskrivning != text
    fil.write_text(beskrivning, encoding="utf-8")
    fall = las_fil(kopia, FIL, GRANSKARE["register"]).fall[0]
    assert (fall.status, fall.granskning.granskad_av) == (ANDRAD, "Eva Jurist, jurist, socialförvaltningen")
    assert main(["granskning", "--ci", str(kopia), *_gr()]) == 1
    fil.write_text(text.replace(f"- name: {namn[0]}", f"- name: {namn[0]} (omdöpt)"), encoding="utf-8")
    assert _status(kopia)[f"{namn[0]} (omdöpt)"] == ANDRAD
    fil.write_text(text.replace("period: 2026-01", "period: 2026-02"), encoding="utf-8")
    assert _status(kopia)[namn[0]] == ANDRAD


def test_kontrollsumman_tacker_pastaendet_indata_och_forvantningar():
    fall = {"name": "a", "description": "b", "keywords": ["c"], "period": "2026-01", "absolute_error_margin": 0,
            "input": {"personer": {"p": {"alder": 40, "mottog": {datetime.date(2026, 1, 1): True}}}},
            "output": {"riksnorm": 5220}}
    summa = kontrollsumma(fall)
    assert summa.startswith("sha256:") and len(summa) == 7 + 64
    assert kontrollsumma(fall | {"keywords": []}) == summa
    assert kontrollsumma(dict(reversed(fall.items()))) == summa
    for nyckel, varde in (("output", {"riksnorm": 5221}), ("period", "2026-02"), ("absolute_error_margin", 1),
                          ("reforms", ["r"]), ("input", {}), ("name", "x"), ("description", "y")):
        assert kontrollsumma(fall | {nyckel: varde}) != summa, nyckel


def test_trasigt_block_ar_ogiltigt(kopia):
    namn = _namn(kopia)
    fall = _signera(kopia, namn[0])
    fil = kopia / FIL
    fil.write_text(fil.read_text(encoding="utf-8").replace(fall.granskning.kontrollsumma, "sha256:abc"),
                   encoding="utf-8")
    trasigt = las_fil(kopia, FIL, GRANSKARE["register"]).fall[0]
    assert (trasigt.status, trasigt.granskning) == (OGILTIG, None)
    assert trasigt.orsak.startswith("granskningen kan inte läsas: kontrollsumman ska skrivas")
    assert main(["granskning", "--ci", str(kopia), *_gr()]) == 1


@pytest.mark.parametrize("relativ", [
    "../../etc/passwd", "/etc/passwd", "riksnorm/../riksnorm/officiella_totalbelopp.yaml", "riksnorm",
    "./riksnorm/officiella_totalbelopp.yaml", "riksnorm/officiella_totalbelopp.yaml\x00", "utanfor.yaml",
    "lank.yaml", "lankad/hemlig.yaml", "", None, 5,
])
def test_bara_filer_i_katalogen_kan_lasas_eller_signeras(kopia, tmp_path, relativ):
    hemlig = tmp_path / "hemlig"
    hemlig.mkdir()
    shutil.copy(kopia / FIL, hemlig / "hemlig.yaml")
    (kopia / "lank.yaml").symlink_to(hemlig / "hemlig.yaml")
    (kopia / "lankad").symlink_to(hemlig, target_is_directory=True)
    fore = (hemlig / "hemlig.yaml").read_bytes()
    listade = [fil.relativ for fil in las_katalog(kopia)]
    assert "lank.yaml" not in listade and not any(n.startswith("lankad") for n in listade)
    with pytest.raises(ArendeFel) as fel:
        las_fil(kopia, relativ)
    assert fel.value.falt == "fil"
    with pytest.raises(ArendeFel) as fel:
        signera(kopia, relativ, _namn(kopia)[0], None, "", regelversion_text(), DAG,
                GRANSKARE["eva.jurist"].privat, GRANSKARE["register"])
    assert fel.value.falt == "fil"
    assert (hemlig / "hemlig.yaml").read_bytes() == fore


def test_absolut_sokvag_till_en_fil_i_katalogen_vags(kopia):
    with pytest.raises(ArendeFel):
        las_fil(kopia, str(kopia / FIL))


@pytest.mark.parametrize("kommentar", [
    "Gäller 20121212-1212 enligt ärendet", "x" * 2001, "styr\x1b[31mtecken", "riktning\u202eomvänd",
    "radavgränsare\u2028här",
])
def test_ogiltig_kommentar_vags(kopia, kommentar):
    fore = (kopia / FIL).read_bytes()
    with pytest.raises(ArendeFel) as fel:
        _signera(kopia, _namn(kopia)[0], kommentar=kommentar)
    assert fel.value.falt == "kommentar"
    assert "1212" not in str(fel.value)
    assert (kopia / FIL).read_bytes() == fore


def test_fallet_ska_finnas_en_gang(kopia):
    fil = kopia / FIL
    text = fil.read_text(encoding="utf-8")
    with pytest.raises(ArendeFel) as fel:
        _signera(kopia, "Inget sådant fall")
    assert fel.value.falt == "fall"
    namn = _namn(kopia)
    fil.write_text(text.replace(namn[1], namn[0]), encoding="utf-8")
    fore = fil.read_bytes()
    with pytest.raises(ArendeFel) as fel:
        _signera(kopia, namn[0])
    assert fel.value.falt == "fall" and fil.read_bytes() == fore


def test_namn_over_flera_rader_och_crlf(kopia):
    fil = kopia / FIL
    text = fil.read_text(encoding="utf-8").replace(
        "- name: Riksnorm 2026, sambor, regeringens officiella totalbelopp\n",
        "- name: Riksnorm 2026, sambor,\n    regeringens officiella totalbelopp  # två rader\n")
    fil.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    fore = fil.read_bytes()
    fall = _signera(kopia, "Riksnorm 2026, sambor, regeringens officiella totalbelopp")
    assert fall.status == GRANSKAD
    efter = fil.read_bytes()
    start = fore.index(b"# tv\xc3\xa5 rader\r\n") + len("# två rader\r\n".encode())
    assert efter[:start] == fore[:start] and efter.endswith(fore[start:])
    assert efter[start:].startswith(b"  # granskning:\r\n  #   granskad_av: Eva Jurist")
    assert efter[start:].count(b"\r\n") == fore[start:].count(b"\r\n") + 8
    assert yaml.safe_load(efter) == yaml.safe_load(fore)


def test_samtidiga_signeringar_i_samma_fil_bevaras(kopia):
    relativ = "beslut/beslut.yaml"
    namn = _namn(kopia, relativ)[:12]
    fel = []

    def signera_alla(delar):
        try:
            for n in delar:
                _signera(kopia, n, relativ)
        except Exception as undantag:  # reported below
            fel.append(undantag)

    tradar = [threading.Thread(target=signera_alla, args=(namn[i::2],)) for i in range(2)]
    for trad in tradar:
        trad.start()
    for trad in tradar:
        trad.join(timeout=60)
    assert fel == [] and not any(t.is_alive() for t in tradar)
    status = _status(kopia, relativ)
    assert [status[n] for n in namn] == [GRANSKAD] * len(namn)
    assert not [p for p in (kopia / "beslut").iterdir() if p.name != "beslut.yaml"]  # no temporary file left


def test_katalogen_over_tests_yaml():
    filer = las_katalog(ROT / "tests" / "yaml")
    namn = [fil.relativ for fil in filer]
    assert namn == sorted(namn) and FIL in namn and len(namn) == len(list((ROT / "tests" / "yaml").rglob("*.yaml")))
    for fil in filer:
        rader = (ROT / "tests" / "yaml" / fil.relativ).read_text(encoding="utf-8").splitlines()
        data = yaml.safe_load("\n".join(rader))
        assert [fall.data for fall in fil.fall] == data
        for fall in fil.fall:
            assert fall.status in STATUSTEXT and fall.relativ == fil.relativ
            assert rader[fall.rad - 1].startswith("- ") and fall.namn == fall.data["name"]


def test_for_stor_fil_ger_ett_tydligt_fel(kopia):
    """A file over the size limit is listed with its reason; the rest list as before."""
    (kopia / "stor.yaml").write_text("# " + "x" * HOGSTA_STORLEK + "\n", encoding="utf-8")
    filer = {fil.relativ: fil for fil in las_katalog(kopia)}
    assert filer["stor.yaml"].fall == [] and filer["stor.yaml"].fel.startswith("stor.yaml: filen är större än")
    assert filer[FIL].fel is None and len(filer[FIL].fall) == len(_namn(kopia))
    with pytest.raises(ArendeFel) as fel:
        las_fil(kopia, "stor.yaml")
    assert fel.value.falt == "fil" and "stor.yaml" in str(fel.value)


def test_cli_lista_signera_och_ci(kopia, capsys):
    namn = _namn(kopia)[0]
    eva, bo = GRANSKARE["eva.jurist"], GRANSKARE["bo.jurist"]
    assert main(["granskning", str(kopia), "--ci", *_gr()]) == 0
    assert main(["granskning", "signera", FIL, namn, "--nyckel", str(eva.fil), "--katalog", str(kopia), *_gr()]) == 0
    assert main(["granskning", "signera", str(kopia / FIL), namn, "--nyckel", str(bo.fil), "--kommentar", "Ja",
                 "--av", "Bo Jurist, jurist B", "--katalog", str(kopia), *_gr()]) == 0
    capsys.readouterr()
    assert main(["granskning", str(kopia), *_gr()]) == 0
    ut = capsys.readouterr().out
    assert f"Granskad                 {namn} (Bo Jurist, jurist B, {datetime.date.today().isoformat()})" in ut
    assert "granskade 1," in ut and "ändrade sedan granskning 0, med ogiltig signatur 0." in ut
    assert main(["granskning", str(kopia)]) == 0  # the packaged reviewers' file does not know Bo's key
    ut = capsys.readouterr().out
    assert f"Inte granskad: ogiltig signatur {namn}" in ut and "nyckeln finns inte bland granskarna" in ut
    assert main(["granskning", str(kopia), "--ci"]) == 1
    assert "signatur inte håller" in capsys.readouterr().err
    for argument in (["signera", FIL, namn, "--katalog", str(kopia)],  # no --nyckel
                     ["signera", FIL, namn, "--nyckel", str(eva.fil), "--av", "Chefsjurist", "--katalog", str(kopia)],
                     ["signera", FIL, "--nyckel", str(eva.fil), "--katalog", str(kopia)],
                     ["signera", "../../etc/passwd", namn, "--nyckel", str(eva.fil), "--katalog", str(kopia)],
                     ["signera", FIL, namn, "--nyckel", str(kopia / FIL), "--katalog", str(kopia)],  # no key in it
                     [str(kopia), "--nyckel", str(eva.fil)], [str(kopia), "--kommentar", "J"],
                     [str(kopia / "saknas")], [str(kopia), str(kopia)]):
        assert main(["granskning", *argument, *_gr()]) == 2, argument
    assert "-----BEGIN" not in "".join(capsys.readouterr())


def test_ci_kommandot_i_en_egen_process(kopia):
    namn = _namn(kopia)[0]
    _signera(kopia, namn)
    fil = kopia / FIL
    fil.write_text(fil.read_text(encoding="utf-8").replace("riksnorm: 5220", "riksnorm: 5230"), encoding="utf-8")
    svar = subprocess.run([sys.executable, "-m", "openfisca_sweden_bistand.granssnitt.cli", "granskning", "--ci",
                           str(kopia), *_gr()], capture_output=True, text=True, timeout=60,
                          env=os.environ | {"LC_ALL": "C"})
    assert svar.returncode == 1, svar.stderr
    assert f"Ändrad sedan granskning {namn}" in " ".join(svar.stdout.split())
    assert "låt en jurist granska dem igen" in svar.stderr


def test_testkatalogen_i_dokumentationen_visar_granskningen(kopia, tmp_path):
    import docutils.core

    from openfisca_sweden_bistand.underhall.dokumentation import skriv_testkatalog

    namn = _namn(kopia)
    konstig = ny_nyckel(tmp_path / "nycklar", "konstig", "Jurist *A* `x` _y_", "|z|")
    fil = skriv_granskare(GRANSKARE["fil"], konstig, GRANSKARE["bo.jurist"])
    GRANSKARE.update({"konstig": konstig, "register": las_granskare(fil)})
    _signera(kopia, namn[0], av="konstig", kommentar="Se :ref:`x` och **b** \\ <a>\nrad två")
    _signera(kopia, namn[1], av="bo.jurist")
    _signera(kopia, namn[2], av="bo.jurist")
    fil = kopia / FIL
    text = fil.read_text(encoding="utf-8").replace("riksnorm: 8510", "riksnorm: 8520")
    fil.write_text(text, encoding="utf-8")
    rader = fil.read_text(encoding="utf-8").splitlines(keepends=True)
    tredje = rader.index(f"- name: {namn[2]}\n") + 2
    assert rader[tredje] == "  #   granskad_av: Bo Jurist, jurist B\n"
    rader[tredje] = "  #   granskad_av: Chefsjurist, jurist B\n"  # renamed: not a sign-off, and not named
    fil.write_text("".join(rader), encoding="utf-8")
    skriv_testkatalog(tmp_path / "ut", kopia, GRANSKARE["register"])
    kalla = (tmp_path / "ut" / "testkatalog" / "riksnorm__officiella_totalbelopp.rst").read_text(encoding="utf-8")
    assert ("**Granskning:** 4 testfall: granskade 1, inte granskade 1, ändrade sedan granskning 1, "
            "med ogiltig signatur 1.") in kalla
    assert "av Chefsjurist" not in kalla  # the file's text is shown as it is; the sign-off does not name him
    sida = docutils.core.publish_string(kalla, writer_name="html", settings_overrides={
        "halt_level": 2, "report_level": 2, "output_encoding": "unicode"})  # a warning is an error
    text = " ".join(sida.replace("&quot;", '"').replace("&lt;", "<").replace("&gt;", ">").split())
    assert "Granskad av Jurist *A* `x` _y_, |z| den 2026-11-24" in text
    assert "Kommentar: Se :ref:`x` och **b** \\ <a> rad två." in text
    assert "Ändrad sedan granskning (granskad av Bo Jurist, jurist B den 2026-11-24" in text
    assert text.count("Inte granskad.") == 1
    assert "Inte granskad: ogiltig signatur (granskad_av är inte nyckelns granskare)." in text


def test_alias_som_vaxer_exponentiellt_vags(kopia):
    rader = ["a: &a [x, x, x, x, x, x, x, x, x, x]"] + [
        f"{b}: &{b} [{', '.join([f'*{a}'] * 10)}]" for a, b in zip("abcde", "bcdef", strict=True)]
    (kopia / "alias.yaml").write_text("\n".join(rader) + "\n", encoding="utf-8")
    fel = {fil.relativ: fil.fel for fil in las_katalog(kopia)}
    assert fel["alias.yaml"] == "alias.yaml: filen har fler än 500000 YAML-noder (räknat med alias)"
    assert fel[FIL] is None
