"""A legal reviewer's sign-off of the YAML test cases (testfall/granskning.py, testfall/katalog.py and
``bistand granskning``), always on a copy of tests/yaml in a temporary directory."""

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

from openfisca_sweden_bistand.arende.validering import ArendeFel
from openfisca_sweden_bistand.granssnitt.cli import main
from openfisca_sweden_bistand.testfall.granskning import (
    ANDRAD,
    EJ_GRANSKAD,
    GRANSKAD,
    STATUSTEXT,
    kontrollsumma,
    regelversion_text,
)
from openfisca_sweden_bistand.testfall.katalog import HOGSTA_STORLEK, las_fil, las_katalog
from openfisca_sweden_bistand.testfall.signering import signera

ROT = Path(__file__).resolve().parents[2]
FIL = "riksnorm/officiella_totalbelopp.yaml"
DAG = datetime.date(2026, 11, 24)


@pytest.fixture
def kopia(tmp_path):
    """A copy of tests/yaml to sign in."""
    rot = tmp_path / "yaml"
    shutil.copytree(ROT / "tests" / "yaml", rot)
    return rot


def _namn(rot, relativ=FIL):
    return [fall.namn for fall in las_fil(rot, relativ).fall]


def _signera(rot, namn, relativ=FIL, av="Jurist, socialförvaltningen", kommentar="Stämmer med tabellen."):
    return signera(rot, relativ, namn, av, kommentar, regelversion_text(), DAG)


def _status(rot, relativ=FIL):
    return {fall.namn: fall.status for fall in las_fil(rot, relativ).fall}


def test_signering_lagger_bara_till_blocket_och_fallet_blir_granskat(kopia):
    fore = (kopia / FIL).read_text(encoding="utf-8")
    namn = _namn(kopia)
    assert set(_status(kopia).values()) == {EJ_GRANSKAD}
    fall = _signera(kopia, namn[1])
    assert fall.status == GRANSKAD and fall.namn == namn[1]
    assert fall.granskning.granskad_av == "Jurist, socialförvaltningen" and fall.granskning.datum == "2026-11-24"
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
        "  #   granskad_av: Jurist, socialförvaltningen",
        "  #   datum: '2026-11-24'",
        "  #   kommentar: Stämmer med tabellen.",
        f"  #   kontrollsumma: {fall.granskning.kontrollsumma}",
        f"  #   regelversion: {regelversion_text()}",
    ]
    assert yaml.safe_load(efter) == yaml.safe_load(fore)
    assert _status(kopia) == {n: GRANSKAD if n == namn[1] else EJ_GRANSKAD for n in namn}
    assert las_fil(kopia, FIL).fall[2].rad == fore.splitlines().index(f"- name: {namn[2]}") + 1 + 6


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
    assert las_fil(kopia, FIL).fall[1].granskning.granskad_av == "Jurist, socialförvaltningen"
    assert main(["granskning", "--ci", str(kopia)]) == 1
    fall = _signera(kopia, namn[1], av="Jurist B")
    assert fall.status == GRANSKAD and fall.granskning.granskad_av == "Jurist B"
    assert fil.read_text(encoding="utf-8").count("# granskning:") == 2  # replaced, not added
    assert main(["granskning", "--ci", str(kopia)]) == 0


def test_beskrivning_kommentar_och_namn_ror_inte_granskningen(kopia):
    namn = _namn(kopia)
    _signera(kopia, namn[0])
    fil = kopia / FIL
    text = fil.read_text(encoding="utf-8")
    text = text.replace("Tabellens summa ska vara regeringens publicerade totalbelopp 5 220 kr.",
                        "Summan ska vara regeringens totalbelopp, 5 220 kr.")
    text = text.replace("    # ensamstående 3 940 +", "    # uträkning: ensamstående 3 940 +")
    text = text.replace("keywords: [riksnorm, 'SoF (2025:468) 12 kap. 2 §', '2026', officiell]\n  period: 2026-01",
                        "keywords: [riksnorm]\n  period: 2026-01")
    fil.write_text(text, encoding="utf-8")
    assert _status(kopia)[namn[0]] == GRANSKAD
    fil.write_text(text.replace("period: 2026-01", "period: 2026-02"), encoding="utf-8")
    assert _status(kopia)[namn[0]] == ANDRAD


def test_kontrollsumman_tacker_indata_och_forvantningar():
    fall = {"name": "a", "description": "b", "keywords": ["c"], "period": "2026-01", "absolute_error_margin": 0,
            "input": {"personer": {"p": {"alder": 40, "mottog": {datetime.date(2026, 1, 1): True}}}},
            "output": {"riksnorm": 5220}}
    summa = kontrollsumma(fall)
    assert summa.startswith("sha256:") and len(summa) == 7 + 64
    assert kontrollsumma(fall | {"name": "x", "description": "y", "keywords": []}) == summa
    assert kontrollsumma(dict(reversed(fall.items()))) == summa
    for nyckel, varde in (("output", {"riksnorm": 5221}), ("period", "2026-02"), ("absolute_error_margin", 1),
                          ("reforms", ["r"]), ("input", {})):
        assert kontrollsumma(fall | {nyckel: varde}) != summa, nyckel


def test_trasigt_block_raknas_som_andrat(kopia):
    namn = _namn(kopia)
    fall = _signera(kopia, namn[0])
    fil = kopia / FIL
    fil.write_text(fil.read_text(encoding="utf-8").replace(fall.granskning.kontrollsumma, "sha256:abc"),
                   encoding="utf-8")
    trasigt = las_fil(kopia, FIL).fall[0]
    assert (trasigt.status, trasigt.granskning) == (ANDRAD, None)
    assert main(["granskning", "--ci", str(kopia)]) == 1


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
        signera(kopia, relativ, _namn(kopia)[0], "Jurist", "", regelversion_text(), DAG)
    assert fel.value.falt == "fil"
    assert (hemlig / "hemlig.yaml").read_bytes() == fore


def test_absolut_sokvag_till_en_fil_i_katalogen_vags(kopia):
    with pytest.raises(ArendeFel):
        las_fil(kopia, str(kopia / FIL))


@pytest.mark.parametrize("falt, av, kommentar", [
    ("granskad_av", "Anna Andersson 19121212-1212", ""),
    ("granskad_av", "Anna, 121212 1212", ""),
    ("kommentar", "Jurist", "Gäller 20121212-1212 enligt ärendet"),
    ("granskad_av", "", ""),
    ("granskad_av", "   ", ""),
    ("granskad_av", "x" * 201, ""),
    ("granskad_av", "Jurist\nB", ""),
    ("kommentar", "Jurist", "x" * 2001),
    ("kommentar", "Jurist", "styr\x1b[31mtecken"),
    ("kommentar", "Jurist", "riktning\u202eomvänd"),
    ("kommentar", "Jurist", "radavgränsare\u2028här"),
])
def test_ogiltig_granskare_eller_kommentar_vags(kopia, falt, av, kommentar):
    fore = (kopia / FIL).read_bytes()
    with pytest.raises(ArendeFel) as fel:
        signera(kopia, FIL, _namn(kopia)[0], av, kommentar, regelversion_text(), DAG)
    assert fel.value.falt == falt
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
    assert efter[start:].startswith(b"  # granskning:\r\n  #   granskad_av: ")
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
    assert main(["granskning", str(kopia), "--ci"]) == 0
    assert main(["granskning", "signera", FIL, namn, "--av", "Jurist", "--katalog", str(kopia)]) == 0
    assert main(["granskning", "signera", str(kopia / FIL), namn, "--av", "Jurist C", "--kommentar", "Ja",
                 "--katalog", str(kopia)]) == 0
    capsys.readouterr()
    assert main(["granskning", str(kopia)]) == 0
    ut = capsys.readouterr().out
    assert f"Granskad                 {namn} (Jurist C, {datetime.date.today().isoformat()})" in ut
    assert "granskade 1," in ut and "ändrade sedan granskning 0." in ut
    for argument in (["signera", FIL, namn, "--katalog", str(kopia)],  # no --av
                     ["signera", FIL, "--av", "J", "--katalog", str(kopia)],
                     ["signera", "../../etc/passwd", namn, "--av", "J", "--katalog", str(kopia)],
                     [str(kopia), "--av", "J"], [str(kopia / "saknas")], [str(kopia), str(kopia)]):
        assert main(["granskning", *argument]) == 2, argument


def test_ci_kommandot_i_en_egen_process(kopia):
    namn = _namn(kopia)[0]
    _signera(kopia, namn)
    fil = kopia / FIL
    fil.write_text(fil.read_text(encoding="utf-8").replace("riksnorm: 5220", "riksnorm: 5230"), encoding="utf-8")
    svar = subprocess.run([sys.executable, "-m", "openfisca_sweden_bistand.granssnitt.cli", "granskning", "--ci",
                           str(kopia)], capture_output=True, text=True, timeout=60, env=os.environ | {"LC_ALL": "C"})
    assert svar.returncode == 1, svar.stderr
    assert f"Ändrad sedan granskning {namn}" in " ".join(svar.stdout.split())
    assert "låt en jurist granska dem igen" in svar.stderr


def test_testkatalogen_i_dokumentationen_visar_granskningen(kopia, tmp_path):
    import docutils.core

    from openfisca_sweden_bistand.underhall.dokumentation import skriv_testkatalog

    namn = _namn(kopia)
    _signera(kopia, namn[0], av="Jurist *A* `x` _y_ |z|", kommentar="Se :ref:`x` och **b** \\ <a>\nrad två")
    _signera(kopia, namn[1], av="Jurist B")
    fil = kopia / FIL
    fil.write_text(fil.read_text(encoding="utf-8").replace("riksnorm: 8510", "riksnorm: 8520"), encoding="utf-8")
    skriv_testkatalog(tmp_path / "ut", kopia)
    kalla = (tmp_path / "ut" / "testkatalog" / "riksnorm__officiella_totalbelopp.rst").read_text(encoding="utf-8")
    assert "**Granskning:** 4 testfall: granskade 1, inte granskade 2, ändrade sedan granskning 1." in kalla
    sida = docutils.core.publish_string(kalla, writer_name="html", settings_overrides={
        "halt_level": 2, "report_level": 2, "output_encoding": "unicode"})  # a warning is an error
    text = " ".join(sida.replace("&quot;", '"').replace("&lt;", "<").replace("&gt;", ">").split())
    assert "Granskad av Jurist *A* `x` _y_ |z| den 2026-11-24" in text
    assert "Kommentar: Se :ref:`x` och **b** \\ <a> rad två." in text
    assert "Ändrad sedan granskning (granskad av Jurist B den 2026-11-24" in text
    assert text.count("Inte granskad.") == 2


def test_alias_som_vaxer_exponentiellt_vags(kopia):
    rader = ["a: &a [x, x, x, x, x, x, x, x, x, x]"] + [
        f"{b}: &{b} [{', '.join([f'*{a}'] * 10)}]" for a, b in zip("abcde", "bcdef", strict=True)]
    (kopia / "alias.yaml").write_text("\n".join(rader) + "\n", encoding="utf-8")
    fel = {fil.relativ: fil.fel for fil in las_katalog(kopia)}
    assert fel["alias.yaml"] == "alias.yaml: filen har fler än 500000 YAML-noder (räknat med alias)"
    assert fel[FIL] is None
