"""A sign-off is a signature (the security review, findings 3 and 5): what editing a file can no longer do.

Before, a sign-off's checksum was a plain SHA-256 of the case: whoever edited the file could change an expectation,
recompute the checksum and rename the reviewer, and the case showed as reviewed. Now the block carries the
reviewer's Ed25519 signature, verified against the reviewers' public keys (testfall/granskare.yaml, or
``--granskare FIL``); every test here signs on a copy of a file of tests/yaml with keys made for the test."""

from __future__ import annotations

import base64
import datetime
import json
import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest
import yaml
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from granskarnycklar import block, kontrollsumma, meddelande, ny_nyckel, skriv_granskare

from openfisca_sweden_bistand.arende.validering import ArendeFel
from openfisca_sweden_bistand.granssnitt.cli import main
from openfisca_sweden_bistand.testfall import granskare as granskarmodul
from openfisca_sweden_bistand.testfall.granskning import (
    ANDRAD,
    EJ_GRANSKAD,
    GRANSKAD,
    OGILTIG,
    regelversion_text,
)
from openfisca_sweden_bistand.testfall.granskning import (
    kontrollsumma as paketets_kontrollsumma,
)
from openfisca_sweden_bistand.testfall.katalog import las_fil
from openfisca_sweden_bistand.testfall.signering import signera

ROT = Path(__file__).resolve().parents[2]
FIL = "skaliga_kostnader/skaliga_kostnader.yaml"  # the review's case: an expectation of 7270
DAG = datetime.date(2026, 11, 24)


@pytest.fixture
def miljo(tmp_path):
    """A copy of the file, Eva's key in a reviewers' file, and a stranger's key that is in no file."""
    rot = tmp_path / "yaml"
    (rot / "skaliga_kostnader").mkdir(parents=True)
    shutil.copyfile(ROT / "tests" / "yaml" / FIL, rot / FIL)
    eva = ny_nyckel(tmp_path / "nycklar")
    framling = ny_nyckel(tmp_path / "framling", "eva.jurist", "Eva Jurist", "jurist, socialförvaltningen")
    fil = skriv_granskare(tmp_path / "granskare.yaml", eva)
    forsta = yaml.safe_load((rot / FIL).read_text(encoding="utf-8"))[0]["name"]
    return {"rot": rot, "eva": eva, "framling": framling, "fil": fil, "register": granskarmodul.las_granskare(fil),
            "namn": forsta}


def _signera(m, kommentar="Stämmer med 4 kap. 1 § SoL.", privat=None, dag=DAG):
    return signera(m["rot"], FIL, m["namn"], None, kommentar, regelversion_text(), dag,
                   privat or m["eva"].privat, m["register"])


def _fallet(m):
    return las_fil(m["rot"], FIL, m["register"]).fall[0]


def _text(m):
    return (m["rot"] / FIL).read_text(encoding="utf-8")


def _skriv(m, text):
    (m["rot"] / FIL).write_text(text, encoding="utf-8")


def _ci(m):
    return main(["granskning", "--ci", str(m["rot"]), "--granskare", str(m["fil"])])


def test_granskningens_forfalskning_syns(miljo, capsys):
    """The review's reproduction: sign, change 7270 to 9999, recompute the checksum, write it in and rename the
    reviewer to "Chefsjurist". It showed as reviewed; now it is not, and --ci fails."""
    m = miljo
    fall = _signera(m)
    assert fall.status == GRANSKAD and "skaliga_kostnader: 7270" in _text(m)
    text = _text(m).replace("skaliga_kostnader: 7270", "skaliga_kostnader: 9999", 1)
    ny_summa = paketets_kontrollsumma(yaml.safe_load(text)[0])
    assert ny_summa != fall.granskning.kontrollsumma
    text = text.replace(fall.granskning.kontrollsumma, ny_summa)
    _skriv(m, text)
    assert (_fallet(m).status, _fallet(m).orsak) == (OGILTIG, "signaturen stämmer inte")
    _skriv(m, text.replace("granskad_av: Eva Jurist, jurist, socialförvaltningen", "granskad_av: Chefsjurist"))
    forfalskat = _fallet(m)
    assert forfalskat.status == OGILTIG and forfalskat.orsak == "granskad_av är inte nyckelns granskare"
    assert _ci(m) == 1
    ut, fel = capsys.readouterr()
    assert f"Inte granskad: ogiltig signatur {m['namn']}" in ut and "med ogiltig signatur 1." in ut
    assert "signatur inte håller" in fel
    assert main(["granskning", str(m["rot"]), "--granskare", str(m["fil"]), "--format", "json"]) == 0
    (svar,) = json.loads(capsys.readouterr().out)["filer"]
    assert (svar["fall"][0]["status"], svar["fall"][0]["statustext"], svar["fall"][0]["orsak"]) == (
        OGILTIG, "Inte granskad: ogiltig signatur", "granskad_av är inte nyckelns granskare")


def test_en_aerlig_andring_efter_granskningen_ar_andrad_inte_ogiltig(miljo):
    """An edit after review keeps a signature that holds over the block: changed since review, as before. So does a
    changed description: the legal claim is inside what is signed."""
    m = miljo
    _signera(m)
    fore = _text(m)
    _skriv(m, fore.replace("skaliga_kostnader: 7270", "skaliga_kostnader: 7271", 1))
    assert (_fallet(m).status, _fallet(m).granskning.granskad_av) == (ANDRAD, m["eva"].granskad_av)
    beskrivning = yaml.safe_load(fore)[0]["description"]
    _skriv(m, fore.replace(beskrivning.split()[0], beskrivning.split()[0] + " (ändrad)", 1))
    assert yaml.safe_load(_text(m))[0]["description"] != beskrivning
    assert _fallet(m).status == ANDRAD
    assert _ci(m) == 1
    _skriv(m, fore)
    assert _fallet(m).status == GRANSKAD and _ci(m) == 0


def test_okand_nyckel_och_nyckel_utanfor_registret(miljo, capsys):
    """A block naming a key id no reviewer has, and a block signed by a key of the right id that is not the one
    registered (a stranger's key, a signature that verifies under it): both invalid."""
    m = miljo
    fall = _signera(m)
    text = _text(m)
    _skriv(m, text.replace("#   nyckel: eva.jurist", "#   nyckel: chefsjurist"))
    assert (_fallet(m).status, _fallet(m).orsak) == (OGILTIG, "nyckeln finns inte bland granskarna i granskare.yaml")
    # the stranger signs the block's own text with their key, under Eva's id
    g = fall.granskning
    falsk = "ed25519:" + m["framling"].signera(meddelande(g.kontrollsumma, g.nyckel, g.granskad_av, g.datum,
                                                          g.regelversion, g.kommentar))
    _skriv(m, text.replace(g.signatur, falsk))
    assert (_fallet(m).status, _fallet(m).orsak) == (OGILTIG, "signaturen stämmer inte")
    assert _ci(m) == 1
    # and the stranger's key cannot sign at all
    fore = _text(m)
    with pytest.raises(ArendeFel) as fel:
        _signera(m, privat=m["framling"].privat)
    assert fel.value.falt == "--nyckel" and "finns inte bland granskarna" in fel.value.meddelande
    assert main(["granskning", "signera", FIL, m["namn"], "--nyckel", str(m["framling"].fil), "--katalog",
                 str(m["rot"]), "--granskare", str(m["fil"])]) == 2
    assert "finns inte bland granskarna" in capsys.readouterr().err
    assert _text(m) == fore


def test_gammalt_block_utan_signatur_ar_ogiltigt(miljo):
    """A block of the old kind (a checksum, no key or signature) is no sign-off any longer, even when it matches."""
    m = miljo
    fall = yaml.safe_load(_text(m))[0]
    gammalt = (f"- name: {m['namn']}\n  # granskning:\n  #   granskad_av: Jurist, socialförvaltningen\n"
               f"  #   datum: '2026-11-24'\n  #   kommentar: ''\n  #   kontrollsumma: {kontrollsumma(fall)}\n"
               "  #   regelversion: openfisca-sweden-bistand 0.1.0 (git abc)\n")
    _skriv(m, _text(m).replace(f"- name: {m['namn']}\n", gammalt, 1))
    assert (_fallet(m).status, _fallet(m).orsak) == (OGILTIG, "granskningen saknar nyckel eller signatur")
    assert _ci(m) == 1


def test_signaturen_byggs_av_den_dokumenterade_texten(miljo):
    """The signed text and the checksum rebuilt in the test from the docs alone: the block's signature verifies,
    and a signature made here from them is accepted by signera (as the web page's script makes it)."""
    m = miljo
    data = yaml.safe_load(_text(m))[0]
    fall = _signera(m, kommentar="Rad ett.\nRad två.")
    b = block(_text(m), m["namn"])
    assert b["kontrollsumma"] == kontrollsumma(data) == fall.granskning.kontrollsumma
    text = meddelande(b["kontrollsumma"], "eva.jurist", m["eva"].granskad_av, "2026-11-24", regelversion_text(),
                      "Rad ett.\nRad två.")
    assert text.decode("utf-8").splitlines()[0] == "openfisca-sweden-bistand granskning 1"
    m["eva"].privat.public_key().verify(base64.b64decode(b["signatur"].removeprefix("ed25519:")), text)
    # a signature made outside the package, pasted as the form does
    dag = datetime.date(2026, 11, 25)
    egen = m["eva"].signera(meddelande(kontrollsumma(data), "eva.jurist", m["eva"].granskad_av, dag.isoformat(),
                                       regelversion_text(), "Ny kommentar."))
    fall = signera(m["rot"], FIL, m["namn"], "eva.jurist", "Ny kommentar.", regelversion_text(), dag, egen,
                   m["register"])
    assert fall.status == GRANSKAD and fall.granskning.datum == "2026-11-25"
    fore = _text(m)
    for fel_signatur, falt in ((egen, "signatur"),  # another comment than the one signed
                               ("A" * 86 + "==", "signatur"), ("inte base64", "signatur"), ("", "signatur")):
        with pytest.raises(ArendeFel) as fel:
            signera(m["rot"], FIL, m["namn"], "eva.jurist", "Annan kommentar.", regelversion_text(), dag,
                    fel_signatur, m["register"])
        assert fel.value.falt == falt
    with pytest.raises(ArendeFel) as fel:
        signera(m["rot"], FIL, m["namn"], "okand", "Ny kommentar.", regelversion_text(), dag, egen, m["register"])
    assert fel.value.falt == "nyckel"
    assert _text(m) == fore


def test_cli_signatur_ger_signaturen_till_formularet(miljo, capsys):
    """bistand granskning signatur prints the base64 that the form takes for that day, comment and rule version."""
    m = miljo
    assert main(["granskning", "signatur", FIL, m["namn"], "--nyckel", str(m["eva"].fil), "--kommentar", "Ja.",
                 "--datum", "2026-11-25", "--regelversion", "regler X", "--katalog", str(m["rot"]),
                 "--granskare", str(m["fil"])]) == 0
    signatur = capsys.readouterr().out.strip()
    data = yaml.safe_load(_text(m))[0]
    m["eva"].privat.public_key().verify(base64.b64decode(signatur), meddelande(
        kontrollsumma(data), "eva.jurist", m["eva"].granskad_av, "2026-11-25", "regler X", "Ja."))
    assert "# granskning:" not in _text(m)  # nothing written
    fall = signera(m["rot"], FIL, m["namn"], "eva.jurist", "Ja.", "regler X", datetime.date(2026, 11, 25), signatur,
                   m["register"])
    assert fall.status == GRANSKAD


def test_nyckelns_giltighetstid(miljo, tmp_path):
    """A key counts from giltig_fran to giltig_till: a sign-off dated outside is invalid, and cannot be made."""
    m = miljo
    _signera(m)
    fil = tmp_path / "tidsgrans.yaml"
    fil.write_text(yaml.safe_dump([m["eva"].post(giltig_fran=datetime.date(2026, 1, 1),
                                                 giltig_till=datetime.date(2026, 6, 30))], allow_unicode=True),
                   encoding="utf-8")
    register = granskarmodul.las_granskare(fil)
    fallet = las_fil(m["rot"], FIL, register).fall[0]
    assert (fallet.status, fallet.orsak) == (OGILTIG, "nyckeln gällde inte den dagen")
    with pytest.raises(ArendeFel) as fel:
        signera(m["rot"], FIL, m["namn"], None, "", regelversion_text(), DAG, m["eva"].privat, register)
    assert fel.value.falt == "nyckel"
    assert signera(m["rot"], FIL, m["namn"], None, "", regelversion_text(), datetime.date(2026, 6, 30),
                   m["eva"].privat, register).status == GRANSKAD


def test_paketets_granskarfil_las_och_ar_giltig():
    """The packaged file reads (it may be empty) and is what the list uses by default."""
    register = granskarmodul.standard()
    assert register.kalla == "granskare.yaml"
    assert all(g.id and g.granskad_av for g in register.granskare)
    assert (Path(granskarmodul.__file__).parent / "granskare.yaml").read_text(encoding="utf-8").startswith("# ")


@pytest.mark.parametrize(("post", "falt", "del_"), [
    ({"namn": "A", "roll": "r", "nyckel": "N"}, "granskare.yaml: granskare 1", "saknar id"),
    ({"id": "Eva", "namn": "A", "roll": "r", "nyckel": "N"}, "granskare.yaml: granskare 1.id", "a–z"),
    ({"id": "a", "namn": "A 19121212-1212", "roll": "r", "nyckel": "N"}, "granskare.yaml: granskare 1 (a).namn",
     "personnummer"),
    ({"id": "a", "namn": "A\u202eB", "roll": "r", "nyckel": "N"}, "granskare.yaml: granskare 1 (a).namn", "styrtecken"),
    ({"id": "a", "namn": "A", "roll": "r", "nyckel": "ssh-rsa AAAAB3NzaC1yc2E= x"},
     "granskare.yaml: granskare 1 (a).nyckel", "Ed25519"),
    ({"id": "a", "namn": "A", "roll": "r", "nyckel": "ssh-ed25519 AAAA x"}, "granskare.yaml: granskare 1 (a).nyckel",
     "kan inte läsas"),
    ({"id": "a", "namn": "A", "roll": "r", "nyckel": "N", "admin": True}, "granskare.yaml: granskare 1", "okända fält"),
    ({"id": "a", "namn": "A", "roll": "r", "nyckel": "N", "giltig_fran": "snart"},
     "granskare.yaml: granskare 1 (a).giltig_fran", "ÅÅÅÅ-MM-DD"),
    ("bara text", "granskare.yaml: granskare 1", "mappning"),
])
def test_granskarfilen_kontrolleras_strikt(post, falt, del_):
    nyckel = Ed25519PrivateKey.generate().public_key().public_bytes(
        serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH).decode("ascii")
    if isinstance(post, dict) and post.get("nyckel") == "N":
        post = post | {"nyckel": nyckel + " a"}
    with pytest.raises(ArendeFel) as fel:
        granskarmodul.tolka_granskare(yaml.safe_dump([post], allow_unicode=True))
    assert fel.value.falt == falt and del_ in fel.value.meddelande
    assert "1212" not in str(fel.value)


def test_granskarfilen_dubbletter_och_form(tmp_path):
    eva = ny_nyckel(tmp_path)
    with pytest.raises(ArendeFel) as fel:
        granskarmodul.tolka_granskare(yaml.safe_dump([eva.post(), eva.post(id="eva2")], allow_unicode=True))
    assert "samma nyckel som eva.jurist" in fel.value.meddelande
    with pytest.raises(ArendeFel) as fel:
        granskarmodul.tolka_granskare(yaml.safe_dump([eva.post(), eva.post()], allow_unicode=True))
    assert "samma id" in fel.value.meddelande
    with pytest.raises(ArendeFel):
        granskarmodul.tolka_granskare("id: a\n")
    assert granskarmodul.tolka_granskare("# bara kommentarer\n").granskare == ()
    assert main(["granskning", str(tmp_path), "--granskare", str(tmp_path / "saknas.yaml")]) == 2


def test_cli_nyckel_skapar_en_nyckel_som_kan_signera(miljo, tmp_path, capsys):
    """bistand granskning nyckel: a private key of mode 0600 (never over a file), the entry printed; once the
    entry is in the reviewers' file the key signs."""
    m = miljo
    ut = tmp_path / "ny" / "granskning.pem"
    ut.parent.mkdir()
    assert main(["granskning", "nyckel", "--ut", str(ut), "--id", "ny.jurist", "--namn", "Ny Jurist",
                 "--roll", "jurist"]) == 0
    utskrift = capsys.readouterr().out
    assert stat.S_IMODE(os.stat(ut).st_mode) == 0o600 and ut.read_text().startswith("-----BEGIN PRIVATE KEY-----")
    assert "PRIVATE" not in utskrift
    poster = yaml.safe_load(utskrift)
    assert [(p["id"], p["namn"], p["roll"]) for p in poster] == [("ny.jurist", "Ny Jurist", "jurist")]
    fore = ut.read_bytes()
    assert main(["granskning", "nyckel", "--ut", str(ut), "--id", "x", "--namn", "X", "--roll", "r"]) == 2
    assert "skrivs aldrig över" in capsys.readouterr().err and ut.read_bytes() == fore
    assert main(["granskning", "nyckel", "--ut", str(tmp_path / "b.pem"), "--id", "Ogiltigt Id", "--namn", "X",
                 "--roll", "r"]) == 2 and not (tmp_path / "b.pem").exists()
    assert main(["granskning", "nyckel", "--ut", str(tmp_path / "b.pem"), "--id", "eva.jurist", "--namn", "X",
                 "--roll", "r", "--granskare", str(m["fil"])]) == 2 and not (tmp_path / "b.pem").exists()
    assert "har redan en granskare med det id:t" in capsys.readouterr().err
    m["fil"].write_text(m["fil"].read_text(encoding="utf-8") + utskrift, encoding="utf-8")
    assert main(["granskning", "signera", FIL, m["namn"], "--nyckel", str(ut), "--katalog", str(m["rot"]),
                 "--granskare", str(m["fil"])]) == 0
    fallet = las_fil(m["rot"], FIL, granskarmodul.las_granskare(m["fil"])).fall[0]
    assert (fallet.status, fallet.granskning.granskad_av, fallet.granskning.nyckel) == (
        GRANSKAD, "Ny Jurist, jurist", "ny.jurist")


def test_nycklar_fran_ssh_keygen_och_krypterade_nycklar(miljo, tmp_path, monkeypatch):
    """An OpenSSH key as ssh-keygen writes it signs; an encrypted PKCS#8 key takes its passphrase from
    BISTAND_NYCKEL_LOSENORD, and a wrong one is a clear error."""
    m = miljo
    if shutil.which("ssh-keygen") is None:
        pytest.skip("ssh-keygen saknas")
    nyckel = tmp_path / "id_ed25519"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "kim", "-f", str(nyckel)], check=True,
                   timeout=30)
    post = {"id": "kim", "namn": "Kim", "roll": "jurist", "nyckel": (tmp_path / "id_ed25519.pub").read_text().strip()}
    krypterad = Ed25519PrivateKey.generate()
    (tmp_path / "krypterad.pem").write_bytes(krypterad.private_bytes(serialization.Encoding.PEM, serialization.
                                                                     PrivateFormat.PKCS8,
                                                                     serialization.BestAvailableEncryption(b"hemligt")))
    rad = krypterad.public_key().public_bytes(serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH)
    fil = tmp_path / "g.yaml"
    fil.write_text(yaml.safe_dump([post, {"id": "lo", "namn": "Lo", "roll": "jurist", "nyckel": rad.decode()}],
                                  allow_unicode=True), encoding="utf-8")
    argument = ["granskning", "signera", FIL, m["namn"], "--katalog", str(m["rot"]), "--granskare", str(fil)]
    assert main([*argument, "--nyckel", str(nyckel)]) == 0
    assert _fallet(m).granskning.nyckel == "kim"
    monkeypatch.setenv("BISTAND_NYCKEL_LOSENORD", "fel")
    assert main([*argument, "--nyckel", str(tmp_path / "krypterad.pem")]) == 2
    monkeypatch.setenv("BISTAND_NYCKEL_LOSENORD", "hemligt")
    assert main([*argument, "--nyckel", str(tmp_path / "krypterad.pem")]) == 0
    assert las_fil(m["rot"], FIL, granskarmodul.las_granskare(fil)).fall[0].granskning.nyckel == "lo"


def test_utan_block_ar_fallet_inte_granskat(miljo):
    assert (_fallet(miljo).status, _fallet(miljo).orsak) == (EJ_GRANSKAD, "")
