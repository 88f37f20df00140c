"""bistand ateransokan: a renewal checked against each adult's SSBTEK answer, from the command line.

The contract: ``bistand ateransokan ANSOKAN.json --ssbtek PERSON=SVAR.xml [--ssbtek …] [--format text|json]``;
the JSON has every field of ``bistand beslut --format json`` plus ``kontroller`` (person, kalla, variabel, manad,
ansokan, register, resultat); bad input is one line naming the field and exit code 2, never a traceback.
"""

import json
import subprocess
import sys

import pytest

from openfisca_sweden_bistand import exempel
from openfisca_sweden_bistand.personnummer import innehaller_personnummer

SVAR = exempel.ssbtek("ateransokan_2026")["sara"]


def bistand(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "openfisca_sweden_bistand.granssnitt.cli", *args],
                          capture_output=True, text=True, timeout=180, cwd=cwd)


@pytest.fixture(scope="module")
def exempelbeslut():
    svar = bistand("ateransokan", "--exempel", "ateransokan_2026", "--format", "json")
    assert svar.returncode == 0, svar.stderr
    return json.loads(svar.stdout)


def test_exemplets_ateransokan_beslutas_automatiskt(exempelbeslut):
    beslut = exempelbeslut
    assert (beslut["utfall"], beslut["belopp"], beslut["automatiserat"]) == ("bifall", 3860, True)
    for kontroll in beslut["kontroller"]:
        assert {"person", "kalla", "variabel", "manad", "ansokan", "register", "resultat"} <= set(kontroll)
        assert kontroll["resultat"] in ("stammer", "upplysning")
    inkomster = [r for r in beslut["rader"] if r["del"] == "raknade_inkomster"]
    assert inkomster and all(r["kalla"]["typ"] == "register" for r in inkomster)
    assert beslut["registersvar"][0]["person"] == "sara" and len(beslut["registersvar"][0]["sha256"]) == 64
    # the answer's personnummer (199203142389) is nowhere in the decision, in any form (the filter itself errs on the
    # safe side and reads the answer's date ranges, 2026-01-19–2026-02-01, as one)
    text = json.dumps(beslut, ensure_ascii=False)
    assert not any(form in text for form in ("199203142389", "19920314-2389", "920314-2389", "9203142389"))
    assert innehaller_personnummer("19920314-2389")


def test_json_har_varje_falt_i_bistand_beslut_och_kontroller(exempelbeslut):
    svar = bistand("beslut", "--exempel", "ateransokan_2026", "--format", "json")
    assert svar.returncode == 0, svar.stderr
    beslut = json.loads(svar.stdout)
    assert set(exempelbeslut) == set(beslut) | {"kontroller", "registersvar"}
    # without the registers the same case rests on the applicant's word for what a register holds
    assert not beslut["automatiserat"]
    assert "skal_registeruppgift_okontrollerad" in [s["skal"] for s in beslut["skal_for_manuell_provning"]]


def test_svaret_anges_med_ssbtek_person_fil(tmp_path):
    ansokan = tmp_path / "ansokan.json"
    ansokan.write_text(json.dumps(exempel.arende("ateransokan_2026")), encoding="utf-8")
    text = bistand("ateransokan", str(ansokan), "--ssbtek", f"sara={SVAR}")
    assert text.returncode == 0, text.stderr
    assert "Beslutet har fattats av en automatiserad beslutsfunktion" in text.stdout
    assert "Kontroll mot registren (SSBTEK" in text.stdout
    assert "källa: uppgift från arbetslöshetskassan via SSBTEK, utbetald 2026-02-06, 2026-02-20" in text.stdout


@pytest.mark.parametrize(("innehall", "falt"), [
    ('<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><x>&b;</x>', "ssbtek.sara"),
    ('<?xml version="1.0"?><!DOCTYPE x SYSTEM "file:///etc/passwd"><x/>', "ssbtek.sara"),
    ("<x>" * 2000 + "</x>" * 2000, "ssbtek.sara"),
    ("inte xml", "ssbtek.sara"),
    (SVAR.read_text(encoding="utf-8").replace("<ssbt:lefiJsonSvar>", "<ssbt:lefiJsonSvar>!!!"),
     "ssbtek.sara.FK.lefiJsonSvar"),
])
def test_ett_fientligt_svar_ger_en_rad_med_faltet_och_kod_2(tmp_path, innehall, falt):
    fil = tmp_path / "svar.xml"
    fil.write_text(innehall, encoding="utf-8")
    svar = bistand("ateransokan", "--exempel", "ateransokan_2026", "--ssbtek", f"sara={fil}")
    assert svar.returncode == 2, svar.stderr
    assert svar.stderr.startswith(f"bistand: fel i ärendet: {falt}") and svar.stderr.count("\n") == 1
    assert "Traceback" not in svar.stderr and svar.stdout == ""


def test_ett_stort_svar_lases_inte_forbi_gransen(tmp_path):
    from openfisca_sweden_bistand.kontroll.ssbtek import HOGSTA_STORLEK

    fil = tmp_path / "stort.xml"
    fil.write_bytes(b" " * (HOGSTA_STORLEK + 10))
    svar = bistand("ateransokan", "--exempel", "ateransokan_2026", "--ssbtek", f"sara={fil}")
    assert svar.returncode == 2 and "större än 4 MiB" in svar.stderr


@pytest.mark.parametrize(("argument", "text"), [
    ([], "ange minst ett registersvar"),
    (["--ssbtek", "sara"], "PERSON=SVAR.xml"),
    (["--ssbtek", "sara=/finns/inte.xml"], "kan inte läsa"),
    (["--ssbtek", f"leo={SVAR}"], "ssbtek.leo: svar tas emot för de vuxna"),
    (["--ssbtek", f"sara={SVAR}", "--ssbtek", f"sara={SVAR}"], "har redan ett svar"),
])
def test_fel_i_argumenten(tmp_path, argument, text):
    ansokan = tmp_path / "ansokan.json"
    ansokan.write_text(json.dumps(exempel.arende("ateransokan_2026")), encoding="utf-8")
    svar = bistand("ateransokan", str(ansokan), *argument)
    assert svar.returncode == 2 and text in svar.stderr, svar.stderr


def test_ett_svar_per_person_aven_med_ett_exempel():
    svar = bistand("ateransokan", "--exempel", "ateransokan_2026", "--ssbtek", f"sara={SVAR}", "--ssbtek",
                   f"sara={SVAR}")
    assert svar.returncode == 2 and "har redan ett svar" in svar.stderr


def test_exempel_listar_aterkommande_med_registersvar():
    svar = bistand("exempel")
    assert svar.returncode == 0
    rad = next(r for r in svar.stdout.splitlines() if r.startswith("ateransokan_2026"))
    assert "med registersvar för sara: bistand ateransokan --exempel ateransokan_2026" in rad


def test_exemplets_svar_ar_egna_och_syntetiska():
    """The example answer is this project's own, made up from the public schema (never a copy of another's)."""
    text = SVAR.read_text(encoding="utf-8")
    assert "syntetiskt" in text and "199203142389" in text
    for annans in ("Tolvan" + "sson", "AID" + "00000001", "HL" + "000001", "19900101" + "1234"):  # split: not here
        assert annans not in text
