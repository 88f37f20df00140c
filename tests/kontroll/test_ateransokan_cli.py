"""``bistand ateransokan`` with hostile answer files and personnummer where a caller may put one: the command
answers with one line on standard error naming the field, exit code 2, and no personnummer on either stream."""

import subprocess
import sys

import pytest
import ssbtek_fixturer as fx
from ateransokan import PNR, i_alla_texter, lacker

from openfisca_sweden_bistand import exempel
from openfisca_sweden_bistand.personnummer import innehaller_personnummer

ANSOKAN = str(exempel.sokvag("ateransokan_2026"))
SVAR = exempel.ssbtek("ateransokan_2026")["sara"]
# Forms a caseworker's system may use for a person id or a file name: standard, split inside its parts,
# full-width digits, and with an invisible zero-width space.
PERSONNUMMER = ["19920314-2389", "920314-2389", "19920 314-23 89", "1992-0314-23-89",
                "\uff19\uff12\uff10\uff13\uff11\uff14\uff0d\uff12\uff13\uff18\uff19", "920314\u200b2389"]


def bistand(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "openfisca_sweden_bistand.granssnitt.cli", *args],
                          capture_output=True, text=True, timeout=120)


def fel(*args: str) -> str:
    resultat = bistand("ateransokan", *args)
    assert resultat.returncode == 2, (resultat.stdout[-500:], resultat.stderr[-500:])
    assert resultat.stdout == "" and resultat.stderr.count("\n") == 1 and "Traceback" not in resultat.stderr
    assert not innehaller_personnummer(resultat.stderr) and not lacker(resultat.stderr, PNR), resultat.stderr
    return resultat.stderr


@pytest.mark.parametrize("pnr", PERSONNUMMER)
def test_personnummer_som_personens_id_eller_filnamn_maskeras_pa_stderr(pnr, tmp_path):
    """A personnummer given as the person of --ssbtek (not an adult of the case) or in a file name that cannot
    be read: the error names the field, masked (the message used to print it as given)."""
    assert "[personnummer]" in fel(ANSOKAN, "--ssbtek", f"{pnr}={SVAR}")
    assert "[personnummer]" in fel(ANSOKAN, "--ssbtek", f"sara={tmp_path / pnr}.xml")


@pytest.mark.parametrize("dokument, del_av_meddelandet", [
    ('<!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>', "ssbtek.sara: svaret innehåller en "
                                                                       "dokumenttypsdeklaration"),
    (fx.svar(fx.skv('<!DOCTYPE a [<!ENTITY x "x">]><a>&x;</a>')), "ssbtek.sara.SKV.svar: Skatteverkets svar"),
    (fx.svar(fx.fk('{"utlamnare": [], "utlamnare": []}')), "ssbtek.sara.FK.lefiJsonSvar: nyckeln förekommer två"),
    ("<a>" * 100_000 + "</a>" * 100_000, "ssbtek.sara: svaret är nästlat djupare än 40 nivåer"),
    (fx.svar(fx.felblock("SO", "BT", "1", "Personen 19920314-2389 saknas")).replace("<ssbt:kalla>BT", "<ssbt:kalla>"
                                                                                    "19920 314-23 89"),
     "ssbtek.sara.SO.error.kalla: okänd felkälla"),
])
def test_fientliga_svarsfiler(tmp_path, dokument, del_av_meddelandet):
    fil = tmp_path / "svar.xml"
    fil.write_text(dokument, encoding="utf-8")
    assert del_av_meddelandet in fel(ANSOKAN, "--ssbtek", f"sara={fil}")


def test_for_stor_svarsfil_lases_inte(tmp_path):
    from openfisca_sweden_bistand.kontroll.ssbtek import HOGSTA_STORLEK

    fil = tmp_path / "svar.xml"
    with open(fil, "wb") as handtag:
        handtag.truncate(HOGSTA_STORLEK * 4)  # sparse: 16 MiB of NUL, never read past the limit
    assert "ssbtek.sara: svaret är större än 4 MiB" in fel(ANSOKAN, "--ssbtek", f"sara={fil}")


@pytest.mark.parametrize("pnr", PERSONNUMMER)
def test_personnummer_i_svarets_texter_nar_inte_stdout(pnr, tmp_path):
    """A personnummer in every text of Sara's answer (a benefit's description, Arbetsförmedlingen's texts, an
    element name, an attribute, a vehicle, a residence permit, an error block): not on standard output, in the
    letter nor in the JSON; the shown texts carry the mask."""
    fil = tmp_path / "svar.xml"
    fil.write_text(i_alla_texter(pnr), encoding="utf-8")
    for format_ in ("text", "json"):
        resultat = bistand("ateransokan", ANSOKAN, "--ssbtek", f"sara={fil}", "--format", format_)
        assert resultat.returncode == 0 and resultat.stderr == "", resultat.stderr
        assert "[personnummer]" in resultat.stdout and not lacker(resultat.stdout, PNR), resultat.stdout
