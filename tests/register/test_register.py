"""The decision register, on SQLite and on PostgreSQL: recording, tamper evidence, replay, samples,
reviews, the report to the nämnd, delegations, personal data and concurrent writers.

Every test writes with a fresh secret key (``$BISTAND_REGISTER_NYCKEL``, inherited by the command line
and server subprocesses). The attacks of the security review are in the second half: each must be
detected by ``verifiera`` (or refused by the database)."""

import copy
import datetime
import json
import logging
import multiprocessing
import os
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter

import pytest
import sqlalchemy as sa
from api_server import LivServer
from databaser import Postgres, slumpnamn
from hjalpmedel import bekraftad

from openfisca_sweden_bistand import exempel
from openfisca_sweden_bistand.arende.las import ArendeFel, las_arende
from openfisca_sweden_bistand.forklaring.beslut import fatta_beslut
from openfisca_sweden_bistand.personnummer import innehaller_personnummer
from openfisca_sweden_bistand.reforms.riksnorm import riksnorm_upprakning
from openfisca_sweden_bistand.regelstod.skal import SKAL_PER_VARIABEL
from openfisca_sweden_bistand.register import lagring
from openfisca_sweden_bistand.register.ankare import forvantat_huvud, las_ankare, skriv_ankare
from openfisca_sweden_bistand.register.delegation import Delegation
from openfisca_sweden_bistand.register.fel import RegisterFel
from openfisca_sweden_bistand.register.kedja import UTAN_NYCKEL_FEL
from openfisca_sweden_bistand.register.kontroll import wilson
from openfisca_sweden_bistand.register.lagring import Register
from openfisca_sweden_bistand.register.namndrapport import matt, skriv_rapport
from openfisca_sweden_bistand.register.nyckel import kontrollsumma, las_nyckel, skapa_nyckelfil
from openfisca_sweden_bistand.register.omprovning import beslut_pa_nytt
from openfisca_sweden_bistand.register.tabeller import NOLLHASH, handelser
from openfisca_sweden_bistand.system import skattesystem

DELEGATION = [Delegation(datetime.date(2022, 9, 1), None, "Socialnämnden", "SN 2022-08-24 § 87", "bifall")]
MARS = datetime.datetime(2026, 3, 5, 10, 0, tzinfo=datetime.UTC)
# A strong key (fixed random bytes) that is not the register's.
ANNAN_NYCKEL = bytes.fromhex("f69826ad40a901efc160117085736c67969e68a0c1b6cbc64999ac506132cf98")


@pytest.fixture(scope="session")
def postgres():
    pg = Postgres()
    yield pg
    pg.stoppa()


@pytest.fixture(autouse=True)
def nyckel(tmp_path, monkeypatch):
    """A fresh key for every test, in the environment (subprocesses inherit it)."""
    fil = skapa_nyckelfil(tmp_path / "nycklar" / "register.nyckel")
    monkeypatch.setenv("BISTAND_REGISTER_NYCKEL", str(fil))
    monkeypatch.delenv("BISTAND_REGISTER_UTAN_NYCKEL", raising=False)
    monkeypatch.delenv("BISTAND_REGISTER_ANKARE", raising=False)
    monkeypatch.delenv("BISTAND_REGISTER", raising=False)
    return fil


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'register.sqlite'}"
    return request.getfixturevalue("postgres").ny_databas()


def registrera(register, namn, **kw):
    """Record the example's decision, every fact confirmed by a caseworker (the register's own rules are tested)."""
    return register.registrera_beslut(las_arende(bekraftad(exempel.arende(namn))), kw.pop("delegationer", DELEGATION),
                                      tidpunkt=kw.pop("tidpunkt", MARS), **kw)


def forra_manaden(namn):
    """The example case one month earlier (the month before is then the register's history)."""
    data = exempel.arende(namn)
    ar, manad = map(int, data["period"].split("-"))
    data["period"] = f"{ar - (manad == 1)}-{(manad - 2) % 12 + 1:02d}"
    ar, manad, dag = map(int, data["beslutsdatum"].split("-"))
    data["beslutsdatum"] = f"{ar - (manad == 1)}-{(manad - 2) % 12 + 1:02d}-{dag:02d}"
    return bekraftad(data)


def registrera_med_historik(register, namn, referens, **kw):
    """Record last month's decision for ``referens``, then this month's: the register confirms the history."""
    register.registrera_beslut(las_arende(forra_manaden(namn)), DELEGATION, arende_referens=referens,
                               tidpunkt=MARS - datetime.timedelta(days=28))
    return registrera(register, namn, arende_referens=referens, **kw)


def andra(url, sql):
    """An attacker with write access to the database (the file, or the table owner): the protecting
    triggers are removed first, as such an attacker can."""
    motor = sa.create_engine(url)
    with motor.begin() as anslutning:
        if url.startswith("sqlite"):
            for (namn,) in anslutning.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'").all():
                anslutning.exec_driver_sql(f"DROP TRIGGER {namn}")
        else:
            for tabell in ("handelser", "registerinfo"):
                anslutning.exec_driver_sql(f"ALTER TABLE {tabell} DISABLE TRIGGER USER")
        for sats in sql.split("; "):
            anslutning.exec_driver_sql(sats)
    motor.dispose()


def bistand(*args, env=None):
    return subprocess.run([sys.executable, "-m", "openfisca_sweden_bistand.granssnitt.cli", *args], capture_output=True,
                          text=True, timeout=180, env=env)


def test_registrera_och_verifiera(url):
    register = Register(url)
    beslut, rad = registrera_med_historik(register, "ensamstaende_2026", "SOC 2026/123")
    assert beslut.utfall == "bifall" and rad["lopnummer"] == 2
    registrera(register, "ensamstaende_forelder")
    fel, huvud = register.verifiera()
    assert fel == [] and huvud["poster"] == 3 and huvud["lopnummer"] == 3
    innehall = json.loads(register.rader("beslut")[1]["innehall"])
    assert innehall["beslut"]["belopp"] == 7380 and innehall["arende_referens"] == "SOC 2026/123"
    assert innehall["delegation"]["beslut"] == "SN 2022-08-24 § 87"
    assert innehall["beslut"]["regelversion"]["parametrar_sha256"] == beslut.regelversion["parametrar_sha256"]


@pytest.mark.parametrize(
    ("sql", "vantat"),
    [
        ("UPDATE handelser SET innehall = REPLACE(innehall, '7380', '9380') WHERE lopnummer = 2",
         "post 2: innehållet har ändrats"),
        ("UPDATE handelser SET utfall = 'avslag' WHERE lopnummer = 2", "post 2: innehållet har ändrats"),
        ("DELETE FROM handelser WHERE lopnummer = 2", "post 2 saknas (raderad)"),
        ("UPDATE handelser SET lopnummer = 100 WHERE lopnummer = 2; "
         "UPDATE handelser SET lopnummer = 2 WHERE lopnummer = 3; "
         "UPDATE handelser SET lopnummer = 3 WHERE lopnummer = 100", "post 2: flyttad, hör hemma som post 3"),
    ],
)
def test_manipulation_upptacks_och_namnges(url, sql, vantat):
    register = Register(url)
    for namn in ("ensamstaende_forelder", "ensamstaende_2026", "ensamstaende_forelder", "ensamstaende_2026"):
        registrera(register, namn)
    assert register.verifiera()[0] == []
    andra(url, sql)
    fel, _ = register.verifiera()
    assert any(f.startswith(vantat) for f in fel), fel


def test_omprovning_listar_beslut_som_dagens_regler_andrar(url):
    register = Register(url)
    registrera(register, "ensamstaende_2026")
    registrera(register, "par_inkomst_over_normen")
    assert register.omprova() == []  # the same rules: nothing differs
    hojd = riksnorm_upprakning(0.10, "2026-01-01")(skattesystem())
    skillnader = register.omprova(system=hojd)
    assert [s["lopnummer"] for s in skillnader] == [1]  # the rejection stays a rejection
    assert skillnader[0]["registrerat"]["belopp"] == 7380 and skillnader[0]["idag"]["belopp"] > 7380
    assert "parametrar_sha256" in skillnader[0]["andrade_regler"]
    assert register.omprova(fran=datetime.date(2026, 4, 1)) == []


def test_stickprov_granskning_och_felfrekvens(url):
    register = Register(url)
    for i in range(10):
        registrera_med_historik(register, "ensamstaende_2026", f"SOC 2026/{i}")
    prov = register.stickprov(0.3, seed=42, period="2026-03")
    assert prov["population"] == 10 and len(prov["urval"]) == 3
    assert Register(url).stickprov(0.3, seed=42, period="2026-03")["urval"] == prov["urval"]  # reproducible
    register.granska(prov["urval"][0], "felaktigt", "fel boendekostnad")
    register.granska(prov["urval"][1], "korrekt")
    with pytest.raises(RegisterFel, match="ingår inte"):
        register.granska(999, "korrekt")
    kontroll = register.felfrekvens("2026-03")
    assert (kontroll["granskade"], kontroll["felaktiga"]) == (2, 1)
    assert kontroll["ki95"] == pytest.approx(wilson(1, 2))
    assert register.verifiera()[0] == []  # samples and reviews are in the chain too


def test_wilson():
    assert wilson(1, 10) == pytest.approx((0.0179, 0.4042), abs=1e-4)
    assert wilson(0, 0) == (None, None)


def test_rapport_till_namnden(url, tmp_path):
    register = Register(url)
    for manad, antal in (("2026-01", 3), ("2026-02", 3)):
        data = exempel.arende("ensamstaende_2026")
        data["period"] = manad
        for _ in range(antal):
            register.registrera_beslut(las_arende(data), DELEGATION, tidpunkt=MARS)
    for namn in ("ensamstaende_2026", "ensamstaende_forelder", "ensamstaende_forelder"):
        registrera(register, namn)
    sammanfattning = skriv_rapport(register, "2026-03", tmp_path, manader=3)
    rapport = (tmp_path / "rapport.md").read_text(encoding="utf-8")
    assert sammanfattning["beslut"] == 3 and sammanfattning["kedjan_hel"]
    beslut = [json.loads(r["innehall"])["beslut"] for r in register.rader("beslut", "2026-03")]
    for (automatiskt, forslag), antal in Counter((b["automatiserat"], b["forslag"]) for b in beslut).items():
        assert f"| {'automatiskt' if automatiskt else 'av handläggare (förslag)'} | {forslag} | {antal} |" in rapport
    for skal, antal in Counter(s["skal"] for b in beslut for s in b["skal_for_manuell_provning"]).items():
        assert f"| {skal} | {antal} |" in rapport
    andel = {m: matt(register.rader("beslut", m))["andel_automatiserade"] for m in ("2026-01", "2026-02", "2026-03")}
    automatisering = next(d for d in sammanfattning["drift"] if d["matt"] == "andel_automatiserade")
    forvantat = andel["2026-03"] - (andel["2026-01"] + andel["2026-02"]) / 2
    assert automatisering["andring"] == pytest.approx(forvantat)
    assert automatisering["avvikelse"] == (abs(forvantat) > 0.05)
    assert f"`{sammanfattning['huvud']['lopnummer']}:{sammanfattning['huvud']['kontrollsumma']}`" in rapport
    assert (tmp_path / "utveckling.png").stat().st_size > 0
    assert len((tmp_path / "rapport.csv").read_text().splitlines()) == 4


def test_utan_giltig_delegation_inget_automatiserat_beslut(url):
    register = Register(url)
    beslut, _ = registrera_med_historik(register, "ensamstaende_2026", "SOC 2026/8", delegationer=[])
    assert beslut.utfall == "manuell_provning" and not beslut.automatiserat
    assert "skal_ingen_delegation" in [s["skal"] for s in beslut.skal_for_manuell_provning]
    framtida = [Delegation(datetime.date(2027, 1, 1), None, "Socialnämnden", "SN 2026-12-01 § 9")]
    assert registrera(register, "ensamstaende_2026", delegationer=framtida)[0].utfall == "manuell_provning"
    assert registrera_med_historik(register, "ensamstaende_2026", "SOC 2026/7")[0].utfall == "bifall"


def test_delegationen_ar_indata_till_reglerna(url):
    """The delegation in force is a fact the rules read (delegation_galler), with its own reason; the
    register sets it, no caller can, and replay uses the delegation recorded beside the case."""
    assert "skal_ingen_delegation" not in [s["skal"] for s in fatta_beslut(las_arende(exempel.sokvag(
        "ensamstaende_2026"))).skal_for_manuell_provning]  # without a register the automation parameters stand
    data = exempel.arende("ensamstaende_2026")
    data["hushallen"]["hushallet"]["delegation_galler"] = True
    with pytest.raises(ArendeFel, match="delegation_galler"):
        las_arende(data)
    register = Register(url)
    beslut, rad = registrera(register, "ensamstaende_2026", delegationer=[])  # also a first application
    skal = {s["skal"]: s for s in beslut.skal_for_manuell_provning}
    assert {"skal_ingen_delegation", "skal_forsta_ansokan"} <= set(skal)
    assert skal["skal_ingen_delegation"]["text"] == SKAL_PER_VARIABEL["skal_ingen_delegation"].text
    assert "kommunallagen" in skal["skal_ingen_delegation"]["grund"]
    innehall = json.loads(rad["innehall"])
    assert innehall["delegation"] is None and "delegation_galler" not in innehall["arende"]["hushallen"]["hushall1"]
    assert register.omprova() == []  # replayed without a delegation, as recorded
    med = beslut_pa_nytt(innehall | {"delegation": DELEGATION[0].som_dict()}, skattesystem())
    assert "skal_ingen_delegation" not in [s["skal"] for s in med.skal_for_manuell_provning]


def forelder_med_id(nya: dict[str, str], hushall_id: str) -> dict:
    """The example ensamstaende_forelder with its persons and household renamed."""
    data = exempel.arende("ensamstaende_forelder")
    data["personer"] = {nya[k]: v for k, v in data["personer"].items()}
    hushall = data["hushallen"].pop("hushallet")
    hushall["vuxna"] = [nya[p] for p in hushall["vuxna"]]
    hushall["barnen"] = [nya[p] for p in hushall["barnen"]]
    data["hushallen"][hushall_id] = hushall
    return data


def arende_med_egna_id():
    """An example case with ids that hold a date, a fact missing for a person and one for the household,
    and an income for an earlier month: every place a decision names an id."""
    data = forelder_med_id({"sara": "sara-19850612", "leo": "leo-20200415", "maja": "maja-20160930"},
                           "hushall-sara-19850612")
    del data["hushallen"]["hushall-sara-19850612"]["hushallsel"]
    sara = data["personer"]["sara-19850612"]
    del sara["pension"]
    sara["sjukpenning"] = {"2026-02": 500, "2026-03": 0}
    return las_arende(data)


def test_beslutet_fattas_en_gang_och_lagras_med_pseudonymer(url, monkeypatch):
    anrop = []

    def raknat(*args, **kw):
        anrop.append(1)
        return fatta_beslut(*args, **kw)

    monkeypatch.setattr(lagring, "fatta_beslut", raknat)
    register = Register(url)
    beslut, rad = register.registrera_beslut(arende_med_egna_id(), DELEGATION, tidpunkt=MARS)
    assert len(anrop) == 1
    eget = beslut.som_dict()  # the caller's decision keeps the caller's ids
    assert eget["hushall"] == "hushall-sara-19850612"
    assert "personer.sara-19850612.pension" in eget["saknade_uppgifter"]
    assert "hushallen.hushall-sara-19850612.hushallsel" in eget["saknade_uppgifter"]
    assert eget["uppgifter_utanfor_manaden"] == ["personer.sara-19850612.sjukpenning.2026-02"]
    assert any(r["post"].startswith("leo-20200415: ") and r["person"] == "leo-20200415" for r in eget["rader"])
    lagrat = " ".join(str(v) for rad in register.rader() for v in rad.values())
    for id_ in ("sara-19850612", "leo-20200415", "maja-20160930", "hushall-sara-19850612", "19850612", "20200415",
                "20160930"):
        assert id_ not in lagrat, id_
    innehall = json.loads(rad["innehall"])
    kopia = innehall["beslut"]
    assert kopia["hushall"] == "hushall1" and "personer.person1.pension" in kopia["saknade_uppgifter"]
    assert kopia["uppgifter_utanfor_manaden"] == ["personer.person1.sjukpenning.2026-02"]
    assert {r["person"] for r in kopia["rader"]} == {None, "person1", "person2", "person3"}
    # The stored copy is the decision on the stored (pseudonymised) case, and the same decision as the caller's.
    assert kopia == beslut_pa_nytt(innehall, skattesystem()).som_dict()
    med_id = ("hushall", "rader", "saknade_uppgifter", "uppgifter_utanfor_manaden", "uppgifter_utan_kontroll")
    assert {k: v for k, v in kopia.items() if k not in med_id} == {k: v for k, v in eget.items() if k not in med_id}
    assert [r["belopp"] for r in kopia["rader"]] == [r["belopp"] for r in eget["rader"]]


def test_historiken_kommer_fran_registret(url):
    """Last month's support comes from the register for the same case reference (safe-to-decide issue)."""
    register = Register(url)
    forsta, _ = registrera(register, "ensamstaende_2026", arende_referens="SOC 2026/55")
    assert not forsta.automatiserat and "skal_forsta_ansokan" in [s["skal"] for s in forsta.skal_for_manuell_provning]
    data = forra_manaden("ensamstaende_2026")
    register.registrera_beslut(las_arende(data), DELEGATION, arende_referens="SOC 2026/56", tidpunkt=MARS)
    pastatt = bekraftad(exempel.arende("ensamstaende_2026"))
    pastatt["hushallen"]["hushallet"]["forsorjningsstod_foregaende_manad"] = 7000  # the register says 7 380
    beslut, _ = register.registrera_beslut(las_arende(pastatt), DELEGATION, arende_referens="SOC 2026/56",
                                           tidpunkt=MARS)
    assert not beslut.automatiserat
    assert "skal_motstridig_historik" in [s["skal"] for s in beslut.skal_for_manuell_provning]
    utan_pastaende = exempel.arende("ensamstaende_2026")
    del utan_pastaende["hushallen"]["hushallet"]["forsorjningsstod_foregaende_manad"]
    beslut, _ = register.registrera_beslut(las_arende(bekraftad(utan_pastaende)), DELEGATION,
                                           arende_referens="SOC 2026/56", tidpunkt=MARS)
    assert beslut.automatiserat and beslut.saknade_uppgifter == []  # the register supplied last month's amount
    kalla = next(r.kalla for r in beslut.berakning.rader if r.variabel == "skalig_boendekostnad")
    assert kalla["typ"] == "handlaggare"
    assert beslut.underlag.kallor["hushallen.hushallet.forsorjningsstod_foregaende_manad"].text() == (
        "enligt beslutet för februari 2026 (beslutsregistret)")


def test_historiken_ar_forsorjningsstodet_utan_engangsbistand(url):
    """A month with bistånd to livsföring i övrigt (glasses) records the whole amount; next month's history is the
    försörjningsstöd alone, so the change rule compares like with like."""
    register = Register(url)
    data = forra_manaden("ensamstaende_2026")
    data["hushallen"]["hushallet"]["kostnad_glasogon"] = 1500
    forra, _ = register.registrera_beslut(las_arende(data), DELEGATION, arende_referens="SOC 2026/57", tidpunkt=MARS)
    assert forra.belopp == forra.berakning.forsorjningsstod + 1500
    utan_pastaende = exempel.arende("ensamstaende_2026")
    del utan_pastaende["hushallen"]["hushallet"]["forsorjningsstod_foregaende_manad"]
    arende, historik = register.med_historik(las_arende(bekraftad(utan_pastaende)), "SOC 2026/57")
    assert not historik.motsager
    assert arende.hushall()["forsorjningsstod_foregaende_manad"][arende.period] == forra.berakning.forsorjningsstod


def test_en_uppgift_oforandrad_sedan_forra_beslutet_godtas_en_andrad_inte(url):
    """The nämnd's default policy: a fact no register holds that is the same as in last month's recorded decision
    counts as checked (the rent, electricity …); a changed one is the applicant's word alone, and a caseworker
    confirms it. The registers' facts are confirmed by a caseworker here (no SSBTEK answer)."""
    register = Register(url)
    register.registrera_beslut(las_arende(forra_manaden("ensamstaende_2026")), DELEGATION,
                               arende_referens="SOC 2026/77", tidpunkt=MARS - datetime.timedelta(days=28))
    ovriga = ("boendekostnad", "hushallsel", "hemforsakring", "personer_i_gemensamt_boende", "tillgangar_sparande",
              "tillgangar_ovriga")
    registrets = {f"hushallen.hushallet.{namn}" for namn in ovriga}
    oforandrat = bekraftad(exempel.arende("ensamstaende_2026"), utom=tuple(registrets))
    beslut, rad = register.registrera_beslut(las_arende(oforandrat), DELEGATION, arende_referens="SOC 2026/77",
                                             tidpunkt=MARS)
    assert beslut.automatiserat, beslut.skal_for_manuell_provning
    assert {falt for falt, kalla in beslut.underlag.kallor.items() if kalla.typ == "beslutsregister"} >= registrets
    boende = next(r for r in beslut.berakning.rader if r.variabel == "skalig_boendekostnad")
    assert boende.kalla["text"] == "oförändrad sedan beslutet för februari 2026 (beslutsregistret)"
    assert register.omprova() == []  # replayed on the same sources, from what the register recorded
    hojd_hyra = copy.deepcopy(oforandrat)
    hojd_hyra["hushallen"]["hushallet"]["boendekostnad"] += 300
    beslut, _ = register.registrera_beslut(las_arende(hojd_hyra), DELEGATION, arende_referens="SOC 2026/77",
                                           tidpunkt=MARS)
    assert not beslut.automatiserat
    assert [s["skal"] for s in beslut.skal_for_manuell_provning] == ["skal_uppgift_utan_kontroll"]
    sokandens = [u["falt"] for u in beslut.som_dict()["uppgifter_utan_kontroll"] if u["kalla"] == "sökandens uppgift"]
    assert sokandens == ["hushallen.hushallet.boendekostnad"]


def test_inga_personnummer_i_registret_eller_loggarna(url, caplog):
    data = forelder_med_id({"sara": "19850612-1234", "leo": "202004150011", "maja": "2016-09-30-4455"},
                           "199001011234")
    register = Register(url)
    with caplog.at_level(logging.DEBUG):
        beslut, _ = register.registrera_beslut(las_arende(data), DELEGATION, tidpunkt=MARS)
        register.verifiera()
    # the caller's own ids
    assert any("19850612-1234" in r["person"] for r in beslut.som_dict()["rader"] if r["person"])
    lagrat = " ".join(str(v) for rad in register.rader() for v in rad.values())
    assert not innehaller_personnummer(lagrat)
    assert caplog.records and not innehaller_personnummer(caplog.text)
    with pytest.raises(RegisterFel, match="personnummer"):
        registrera(register, "ensamstaende_2026", arende_referens="850612-1234")


def _skriv_parallellt(url, antal):
    register = Register(url)
    for i in range(antal):
        register.lagg_till("test", {"i": i})


def test_samtidiga_skrivare_bryter_aldrig_kedjan(url):
    Register(url)
    processer = [multiprocessing.get_context("spawn").Process(target=_skriv_parallellt, args=(url, 40))
                 for _ in range(3)]
    for p in processer:
        p.start()
    for p in processer:
        p.join(timeout=300)
        assert p.exitcode == 0
    fel, huvud = Register(url).verifiera()
    assert fel == [] and huvud["poster"] == 120


def test_cli_registrerar_och_verifiera_namnger_andrad_post(tmp_path):
    url = f"sqlite:///{tmp_path / 'r.sqlite'}"
    delegation = tmp_path / "delegation.yaml"
    delegation.write_text("delegationer:\n  - fran: 2022-09-01\n    namnd: Socialnämnden\n    beslut: SN § 87\n")
    februari, mars = tmp_path / "februari.json", tmp_path / "mars.json"
    februari.write_text(json.dumps(forra_manaden("ensamstaende_2026")), encoding="utf-8")
    mars.write_text(json.dumps(bekraftad(exempel.arende("ensamstaende_2026"))), encoding="utf-8")
    for arende in (("--exempel", "ensamstaende_forelder"), (str(februari),), (str(mars),)):
        svar = bistand("beslut", *arende, "--registrera", "--register", url, "--delegation", str(delegation),
                       "--arende-referens", "SOC 2026/9", "--format", "json")
        assert svar.returncode == 0, svar.stderr
    assert json.loads(svar.stdout)["registrering"]["lopnummer"] == 3 and json.loads(svar.stdout)["automatiserat"]
    assert bistand("register", "--register", url, "verifiera").returncode == 0
    with sqlite3.connect(tmp_path / "r.sqlite") as fil:  # edit the SQLite file itself
        with pytest.raises(sqlite3.IntegrityError, match="bara emot nya poster"):
            fil.execute("UPDATE handelser SET utfall = 'avslag' WHERE lopnummer = 1")
        fil.execute("DROP TRIGGER handelser_vagra_andring")  # anyone holding the file can
        fil.execute("""UPDATE handelser SET innehall = REPLACE(innehall, '"belopp":7380', '"belopp":9999')
                       WHERE lopnummer = 3""")
    svar = bistand("register", "--register", url, "verifiera")
    assert svar.returncode == 1 and "post 3: innehållet har ändrats" in svar.stdout
    assert bistand("register", "--register", url, "stickprov", "--andel", "0.5", "--seed", "1",
                   "--period", "2026-03").returncode == 0
    rapport = bistand("register", "--register", url, "rapport", "--period", "2026-03", "--ut",
                      str(tmp_path / "rapport"))
    assert rapport.returncode == 1 and "kedjan BRUTEN" in rapport.stdout
    felsvar = bistand("register", "--register", url, "granska", "77", "--resultat", "korrekt")
    assert felsvar.returncode == 2 and "ingår inte" in felsvar.stderr


def test_api_med_tva_arbetare_skriver_en_hel_kedja(url, tmp_path):
    delegation = tmp_path / "delegation.yaml"
    delegation.write_text("delegationer:\n  - fran: 2022-09-01\n    namnd: Socialnämnden\n    beslut: SN § 87\n")
    server = LivServer("--register", url, "--delegation", str(delegation))
    try:
        arende = exempel.arende("ensamstaende_2026")
        svar = []

        def skicka():
            for _ in range(10):
                svar.append(server.anropa("POST", "/beslut", arende))

        tradar = [threading.Thread(target=skicka) for _ in range(4)]
        for t in tradar:
            t.start()
        for t in tradar:
            t.join()
    finally:
        server.stoppa()
    assert all(status == 200 for status, _ in svar)
    assert sorted(s["registrering"]["lopnummer"] for _, s in svar) == list(range(1, 41))
    fel, huvud = Register(url).verifiera()
    assert fel == [] and huvud["poster"] == 40




# --- The key ---------------------------------------------------------------------------------------


def test_skrivning_utan_nyckel_vagras(url, monkeypatch):
    monkeypatch.delenv("BISTAND_REGISTER_NYCKEL")
    with pytest.raises(RegisterFel, match="ingen registernyckel"):
        Register(url)
    oppen = Register(url, utan_nyckel=True)  # tests and development only: marked, and verifiera says so
    registrera(oppen, "ensamstaende_2026")
    verifiering = Register(url, utan_nyckel=True).verifiera()
    assert verifiering.slutkod == 1 and verifiering.fel == [UTAN_NYCKEL_FEL]  # only when asked for
    verifiering = Register(url, utan_nyckel=True).verifiera(tillat_utan_nyckel=True)
    assert verifiering.fel == [] and any("utan nyckel" in v for v in verifiering.varningar)
    with pytest.raises(RegisterFel, match="utan nyckel"):  # a key cannot be added to it later
        Register(url, ANNAN_NYCKEL).lagg_till("test", {})
    assert any("utan nyckel" in f for f in Register(url, ANNAN_NYCKEL).verifiera().fel)


def test_nedgradering_till_utan_nyckel_upptacks_aven_utan_nyckeln(url, tmp_path, monkeypatch):
    """Finding 2 of the security review: a DBA marks the register as written without a key and recomputes the
    chain with plain SHA-256. The key holder found it; a verifier without the key got exit 0 with a warning."""
    _, fore = fyra_beslut(url)
    andra(url, "UPDATE registerinfo SET varde = 'utan nyckel' WHERE nyckel = 'nyckel_id'")

    def hoj_beloppet(rader):
        rader[1]["innehall"] = rader[1]["innehall"].replace('"belopp":7380', '"belopp":9999')
        return rader

    rakna_om_kedjan(url, hoj_beloppet)
    assert any("utan nyckel, men en nyckel är angiven" in f for f in Register(url).verifiera().fel)
    monkeypatch.delenv("BISTAND_REGISTER_NYCKEL")
    verifiering = Register(url, skapa=False, las_bara=True).verifiera()
    assert verifiering.slutkod == 1 and verifiering.fel == [UTAN_NYCKEL_FEL]
    assert Register(url, skapa=False, las_bara=True).verifiera(tillat_utan_nyckel=True).slutkod == 0
    if url.startswith("sqlite"):
        svar = bistand("register", "--register", url, "verifiera")
        assert svar.returncode == 1 and "markerat som skrivet utan nyckel" in svar.stdout, svar
        svar = bistand("register", "--register", url, "verifiera", "--tillat-utan-nyckel")
        assert svar.returncode == 0 and "Varning: registret är skrivet utan nyckel" in svar.stdout, svar


def test_fel_nyckel_vagras_och_upptacks(url):
    registrera(Register(url), "ensamstaende_2026")
    annan = Register(url, ANNAN_NYCKEL)
    with pytest.raises(RegisterFel, match="nyckeln stämmer inte"):
        annan.lagg_till("test", {})
    assert [f for f in annan.verifiera().fel if "nyckeln stämmer inte" in f]
    with pytest.raises(RegisterFel, match="för kort"):
        Register(url, b"kort")
    for svag in (b"k" * 32, b"0123456789abcdef" * 2, bytes(range(32))):  # finding 5: long, but no entropy
        with pytest.raises(RegisterFel, match="för lätt att gissa"):
            Register(url, svag)


def test_nyckelfilen(tmp_path):
    fil = skapa_nyckelfil(tmp_path / "ny" / "register.nyckel")
    assert oct(fil.stat().st_mode & 0o777) == "0o600" and len(las_nyckel(fil)) == 32
    with pytest.raises(RegisterFel, match="finns redan"):
        skapa_nyckelfil(fil)
    fil.chmod(0o644)
    with pytest.raises(RegisterFel, match="chmod 600"):
        las_nyckel(fil)
    for text, fel in (("abcd", "för kort"), ("inte hex", "hexadecimal"), ("6b" * 32, "för lätt att gissa"),
                      ("00010203" * 16, "för lätt att gissa"), (bytes(range(32)).hex(), "för lätt att gissa")):
        dalig = tmp_path / f"dalig{len(text)}"
        dalig.write_text(text)
        dalig.chmod(0o600)
        with pytest.raises(RegisterFel, match=fel):
            las_nyckel(dalig)
    svar = bistand("register", "nyckel", "--ut", str(fil))
    assert svar.returncode == 2 and "finns redan" in svar.stderr


# --- The attacks of the security review -------------------------------------------------------------


def fyra_beslut(url):
    register = Register(url)
    for namn in ("ensamstaende_forelder", "ensamstaende_2026", "ensamstaende_forelder", "ensamstaende_2026"):
        registrera(register, namn, arende_referens="SOC 2026/123")
    verifiering = register.verifiera()
    assert verifiering.fel == [] and verifiering.huvud["poster"] == 4
    return register, verifiering


def ankare_for(verifiering):
    return forvantat_huvud(f"{verifiering.huvud['lopnummer']}:{verifiering.huvud['kontrollsumma']}")


def rakna_om_kedjan(url, andring, nyckel=None):
    """An attacker who edits rows and recomputes the whole chain, without the register's key."""
    rader = Register(url, las_bara=True).rader()
    register_id = Register(url, las_bara=True).register_id
    rader = andring(rader)
    foregaende = NOLLHASH
    for i, rad in enumerate(rader, start=1):
        rad.update(lopnummer=i, foregaende=foregaende)
        rad["kontrollsumma"] = foregaende = kontrollsumma(rad, nyckel, register_id)
    andra(url, "DELETE FROM handelser")
    with sa.create_engine(url).begin() as anslutning:
        anslutning.execute(handelser.insert(), rader)


@pytest.mark.parametrize("attack", ["sista_raden", "alla_rader", "drop_table"])
def test_raderade_sista_rader_tomt_eller_borttaget_register_upptacks(url, attack):
    register, fore = fyra_beslut(url)
    andra(url, {"sista_raden": "DELETE FROM handelser WHERE lopnummer = 4", "alla_rader": "DELETE FROM handelser",
                "drop_table": "DROP TABLE handelser"}[attack])
    efter = Register(url, skapa=False, las_bara=True).verifiera(ankare_for(fore))
    assert efter.slutkod == 1, efter
    if attack == "sista_raden":
        assert any(f.startswith("post 4 saknas: ankaret") for f in efter.fel), efter.fel
        assert Register(url).verifiera().fel == []  # without the anchor the chain itself is whole: hence the anchor
    else:
        assert any("registret är tomt" in f for f in efter.fel), efter.fel
        assert Register(url, skapa=False, las_bara=True).verifiera().slutkod == 1  # empty: an error unless new
        assert Register(url, skapa=False, las_bara=True).verifiera(nytt=True).slutkod == 0


def test_omraknad_kedja_utan_nyckeln_upptacks(url):
    _, fore = fyra_beslut(url)

    def hoj_beloppet(rader):
        rader[1]["innehall"] = rader[1]["innehall"].replace('"belopp":7380', '"belopp":9999')
        return rader

    rakna_om_kedjan(url, hoj_beloppet)  # the public algorithm: SHA-256
    fel = Register(url).verifiera().fel
    assert {f"post {n}: innehållet har ändrats (kontrollsumman stämmer inte)" for n in range(1, 5)} <= set(fel)
    rakna_om_kedjan(url, hoj_beloppet, nyckel=b"gissad nyckel, 32 byte lang!!!!!")
    assert len([f for f in Register(url).verifiera().fel if "innehållet har ändrats" in f]) == 4


def test_omordnad_och_omraknad_kedja_upptacks(url):
    _, fore = fyra_beslut(url)
    rakna_om_kedjan(url, lambda rader: [rader[0], rader[2], rader[1], rader[3]])
    verifiering = Register(url).verifiera(ankare_for(fore))
    assert verifiering.slutkod == 1
    andrade = {f"post {n}: innehållet har ändrats (kontrollsumman stämmer inte)" for n in (2, 3, 4)}
    assert andrade <= set(verifiering.fel)


def test_forfalskat_tillagg_upptacks(url):
    register, fore = fyra_beslut(url)
    huvud = register.rader()[-1]
    falsk = {**huvud, "lopnummer": 5, "foregaende": huvud["kontrollsumma"], "utfall": "bifall"}
    falsk["kontrollsumma"] = kontrollsumma(falsk, None, register.register_id)
    with sa.create_engine(url).begin() as anslutning:  # the triggers allow inserts: only the key stops this
        anslutning.execute(handelser.insert(), [falsk])
    assert Register(url).verifiera().fel == ["post 5: innehållet har ändrats (kontrollsumman stämmer inte)"]


def test_utbytt_register_upptacks(tmp_path, url):
    _, fore = fyra_beslut(url)
    ankarfil = tmp_path / "ankare.jsonl"
    skriv_ankare(ankarfil, fore.huvud, fore.register_id)
    annat_url = f"sqlite:///{tmp_path / 'annat.sqlite'}"
    _, annat = fyra_beslut(annat_url)  # another valid register, written with the same key
    fel = Register(annat_url).verifiera(las_ankare(ankarfil)).fel
    assert any("gäller ett annat register" in f for f in fel), fel
    assert Register(annat_url).verifiera(ankare_for(fore)).slutkod == 1  # the nämnd's minutes alone find it too


def test_triggrar_vagrar_andring_och_radering(url):
    fyra_beslut(url)
    with sa.create_engine(url).connect() as anslutning:
        for sats in ("UPDATE handelser SET utfall = 'avslag' WHERE lopnummer = 2",
                     "DELETE FROM handelser WHERE lopnummer = 4",
                     "UPDATE registerinfo SET varde = 'x' WHERE nyckel = 'register_id'", "DELETE FROM registerinfo"):
            with pytest.raises(sa.exc.DBAPIError, match="bara emot nya poster"):
                anslutning.exec_driver_sql(sats)
            anslutning.rollback()
        if not url.startswith("sqlite"):
            with pytest.raises(sa.exc.DBAPIError, match="bara emot nya poster"):
                anslutning.exec_driver_sql("TRUNCATE handelser")
    assert Register(url).verifiera().fel == []


def test_tillagd_kolumn_och_registerinforad_upptacks(url):
    """Finding 3 of the security review: a column added with data (outside the checksums) went unreported."""
    fyra_beslut(url)
    andra(url, "ALTER TABLE handelser ADD COLUMN anteckning TEXT; "
               "UPDATE handelser SET anteckning = 'dold uppgift' WHERE lopnummer = 2")
    verifiering = Register(url).verifiera()
    assert verifiering.slutkod == 1 and verifiering.huvud["poster"] == 4
    assert [f for f in verifiering.fel if "kolumn" in f] == [
        "tabellen handelser har en kolumn som registret inte har: anteckning (tillagd i databasen; "
        "kontrollsummorna täcker den inte)"]
    assert not any("dold uppgift" in f for f in verifiering.fel)
    andra(url, "ALTER TABLE registerinfo ADD COLUMN extra TEXT; "
               "INSERT INTO registerinfo (nyckel, varde) VALUES ('granskad_av_dba', 'ja')")
    fel = Register(url).verifiera().fel
    assert "tabellen registerinfo har en kolumn som registret inte har: extra (tillagd i databasen; " \
           "kontrollsummorna täcker den inte)" in fel
    assert "registerinfo har en rad som registret inte skrev: granskad_av_dba" in fel


def test_borttagen_kolumn_upptacks(url):
    fyra_beslut(url)
    andra(url, "ALTER TABLE handelser DROP COLUMN hushallstyp")
    verifiering = Register(url, skapa=False, las_bara=True).verifiera()
    assert verifiering.slutkod == 1 and verifiering.fel == ["tabellen handelser saknar kolumnen hushallstyp "
                                                             "(borttagen i databasen)"]


# --- Anchoring: begun explicitly, and then required (finding 1 of the security review) ---------------------


def ankra(url, ankarfil, *extra):
    return bistand("register", "--register", url, "--ankare", str(ankarfil), "ankra", *extra)


def verifiera(url, ankarfil, *extra):
    return bistand("register", "--register", url, "--ankare", str(ankarfil), "verifiera", *extra)


@pytest.mark.parametrize("attack", ["tom_ankarfil", "raderad_ankarfil", "ingen_ankarfil"])
def test_avkortad_kedja_och_tomd_ankarfil_upptacks(tmp_path, attack):
    """The reproduction: rows appended, anchored, more appended (and anchored), the last rows deleted and the anchor
    file emptied or deleted. The anchor file read as "no anchors yet": verifiera passed and wrote a fresh head."""
    fil, url, _ = sqlite_register(tmp_path)
    ankarfil = tmp_path / "ankare.jsonl"
    svar = ankra(url, ankarfil, "--forsta")
    assert svar.returncode == 0 and "Ankringen börjar: registrerad som post 5" in svar.stdout, svar
    register = Register(url)
    registrera(register, "ensamstaende_2026")
    registrera(register, "ensamstaende_forelder")
    assert verifiera(url, ankarfil).returncode == 0 and las_ankare(ankarfil)[-1]["poster"] == 7
    andra(url, "DELETE FROM handelser WHERE lopnummer > 5")
    if attack == "tom_ankarfil":
        ankarfil.write_text("")
    else:
        ankarfil.unlink()
    if attack == "ingen_ankarfil":  # nor given: still required once anchoring has begun
        svar = bistand("register", "--register", url, "verifiera")
        assert svar.returncode == 1 and "registret ankras sedan post 5" in svar.stdout, svar
        assert "inget ankare är angivet" in svar.stdout
        return
    svar = verifiera(url, ankarfil)
    assert svar.returncode == 1, svar
    tillstand = "är tom" if attack == "tom_ankarfil" else "finns inte"
    assert f"ankarfilen {ankarfil} {tillstand}, men registret ankras sedan post 5" in svar.stdout, svar.stdout
    assert "Kedjehuvudet är tillagt" not in svar.stdout and las_ankare(ankarfil) == []  # no fresh head written
    svar = ankra(url, ankarfil, "--forsta")  # nor can the anchoring begin again
    assert svar.returncode == 1 and "ankras sedan post 5" in svar.stdout
    fel = Register(url, las_bara=True).verifiera(ankarfil=ankarfil).fel
    assert any(f.startswith(f"ankarfilen {ankarfil} {tillstand}") for f in fel)


def test_forsta_ankaret_ar_en_uttrycklig_handling(tmp_path):
    fil, url, fore = sqlite_register(tmp_path)
    ankarfil = tmp_path / "ankare.jsonl"
    svar = verifiera(url, ankarfil)  # not begun: whole, but no anchor written, and how to begin said
    assert svar.returncode == 0 and "ankra --forsta" in svar.stdout and not ankarfil.exists(), svar
    svar = ankra(url, ankarfil)
    assert svar.returncode == 2 and "ankringen har inte börjat" in svar.stderr and not ankarfil.exists()
    skriv_rapport(Register(url, las_bara=True), "2026-03", tmp_path / "rapport", ankarfil=ankarfil)
    assert not ankarfil.exists()  # the report does not begin it either
    svar = ankra(url, ankarfil, "--forsta")
    assert svar.returncode == 0 and "det första ankaret skrivet" in svar.stdout, svar
    assert "stämmer med 1 ankare" in svar.stdout and "Kedjehuvudet är tillagt" not in svar.stdout
    rader = Register(url).rader()
    assert rader[-1]["typ"] == "ankring" and rader[-1]["lopnummer"] == 5
    assert [a["lopnummer"] for a in las_ankare(ankarfil)] == [5]
    svar = ankra(url, ankarfil, "--forsta")
    assert svar.returncode == 2 and "ankras redan sedan post 5" in svar.stderr
    svar = ankra(url, ankarfil)  # the head is the last anchor already: checked, nothing added
    assert svar.returncode == 0 and "stämmer med 1 ankare" in svar.stdout and len(las_ankare(ankarfil)) == 1
    registrera(Register(url), "ensamstaende_2026")
    skriv_rapport(Register(url, las_bara=True), "2026-03", tmp_path / "rapport", ankarfil=ankarfil)
    assert [a["lopnummer"] for a in las_ankare(ankarfil)] == [5, 6]  # from then on the report anchors too
    assert Register(url).verifiera(ankare_for(fore)).fel == []  # the minutes' head alone is an anchor too
    svar = bistand("register", "--register", url, "ankra")
    assert svar.returncode == 2 and "--ankare" in svar.stderr


def test_ankarfil_fran_en_aldre_version(tmp_path):
    """An anchor file written before the register recorded the start: still checked and extended, with a
    warning until the start is recorded."""
    fil, url, fore = sqlite_register(tmp_path)
    ankarfil = tmp_path / "ankare.jsonl"
    skriv_ankare(ankarfil, fore.huvud, fore.register_id)
    svar = verifiera(url, ankarfil)
    assert svar.returncode == 0 and "Varning: ankarfilen har ankare, men registret saknar markeringen" in svar.stdout
    svar = ankra(url, ankarfil, "--forsta")
    assert svar.returncode == 0 and [a["lopnummer"] for a in las_ankare(ankarfil)] == [4, 5], svar
    assert "Varning" not in verifiera(url, ankarfil).stdout


def test_vad_ankaret_inte_ser(tmp_path):
    """What the threat model (docs/register.rst) says stays undetectable: rows deleted after the last anchor,
    and everything from the start of the anchoring on together with the anchor file, unless the nämnd's
    minutes hold a later head."""
    fil, url, _ = sqlite_register(tmp_path)
    ankarfil = tmp_path / "ankare.jsonl"
    assert ankra(url, ankarfil, "--forsta").returncode == 0
    register = Register(url)
    registrera(register, "ensamstaende_2026")
    protokollet = register.verifiera(ankarfil=ankarfil)
    andra(url, "DELETE FROM handelser WHERE lopnummer = 6")  # after the last anchor
    assert Register(url).verifiera(ankarfil=ankarfil).slutkod == 0
    assert Register(url).verifiera(ankare_for(protokollet), ankarfil=ankarfil).slutkod == 1
    andra(url, "DELETE FROM handelser WHERE lopnummer >= 5")  # the start of the anchoring too
    ankarfil.unlink()
    assert Register(url).verifiera(ankarfil=ankarfil).slutkod == 0
    assert Register(url).verifiera(ankare_for(protokollet), ankarfil=ankarfil).slutkod == 1


# --- The command line: exit codes, missing and damaged files ----------------------------------------


def sqlite_register(tmp_path):
    fil = tmp_path / "r.sqlite"
    url = f"sqlite:///{fil}"
    _, fore = fyra_beslut(url)
    return fil, url, fore


def test_cli_verifiera_skapar_aldrig_ett_register(tmp_path):
    fil = tmp_path / "r.sqlite"
    url = f"sqlite:///{fil}"
    svar = bistand("register", "--register", url, "verifiera")
    assert svar.returncode == 1 and "registret finns inte" in svar.stdout and not fil.exists()
    svar = bistand("register", "--register", url, "verifiera", "--nytt")
    assert svar.returncode == 0 and not fil.exists()


@pytest.mark.parametrize("attack", ["radera_filen", "noll_byte"])
def test_cli_raderad_eller_tommad_fil(tmp_path, attack):
    fil, url, fore = sqlite_register(tmp_path)
    ankarfil = tmp_path / "ankare.jsonl"
    assert bistand("register", "--register", url, "--ankare", str(ankarfil), "ankra", "--forsta").returncode == 0
    assert las_ankare(ankarfil)[-1]["poster"] == 5  # the four decisions and the start of the anchoring
    if attack == "radera_filen":
        fil.unlink()
    else:
        fil.write_bytes(b"")
    for extra in ([], ["--nytt"]):  # an anchor showing rows beats --nytt
        svar = bistand("register", "--register", url, "--ankare", str(ankarfil), "verifiera", *extra)
        assert svar.returncode == 1, svar
        assert "Traceback" not in svar.stdout + svar.stderr
    huvud = f"{fore.huvud['lopnummer']}:{fore.huvud['kontrollsumma'][:16]}"
    assert bistand("register", "--register", url, "verifiera", "--forvantat-huvud", huvud).returncode == 1
    assert attack == "noll_byte" or not fil.exists()


def test_cli_forvantat_huvud(tmp_path):
    fil, url, fore = sqlite_register(tmp_path)
    huvud = f"{fore.huvud['lopnummer']}:{fore.huvud['kontrollsumma']}"
    assert bistand("register", "--register", url, "verifiera", "--forvantat-huvud", huvud).returncode == 0
    andra(url, "DELETE FROM handelser WHERE lopnummer = 4")
    svar = bistand("register", "--register", url, "verifiera", "--forvantat-huvud", huvud)
    assert svar.returncode == 1 and "post 4 saknas" in svar.stdout
    assert "Varning: skyddet mot ändringar" in svar.stdout  # the attacker removed the triggers
    svar = bistand("register", "--register", url, "verifiera", "--forvantat-huvud", "fyra")
    assert svar.returncode == 2 and "--forvantat-huvud" in svar.stderr


LAGRAT = ("person1", "hushall1", "SOC 2026/123", "boendekostnad", "innehall")


@pytest.mark.parametrize("skada", ["korrupt_rad", "avkortad_fil", "korrupt_huvud"])
def test_cli_skadad_fil_ger_slutkod_3_utan_traceback_eller_lagrat_arende(tmp_path, skada):
    fil, url, _ = sqlite_register(tmp_path)
    data = bytearray(fil.read_bytes())
    if skada == "korrupt_rad":  # invalid UTF-8 inside the stored case of one row
        plats = data.rfind(b'"arende_referens"')
        data[plats:plats + 4] = b"\xff\xfe\xff\xfe"
    elif skada == "avkortad_fil":
        data = data[: len(data) // 2]
    else:
        data[:16] = b"\x00" * 16
    fil.write_bytes(bytes(data))
    svar = bistand("register", "--register", url, "verifiera")
    utdata = svar.stdout + svar.stderr
    assert svar.returncode == 3, utdata
    assert "Traceback" not in utdata and not any(t in utdata for t in LAGRAT), utdata
    if skada == "korrupt_rad":
        assert "post 4: kan inte läsas" in svar.stdout
    for kommando in (["omprova"], ["rapport", "--period", "2026-03", "--ut", str(tmp_path / "rapport")]):
        svar = bistand("register", "--register", url, *kommando)
        assert svar.returncode == 3 and "Traceback" not in svar.stderr and not any(t in svar.stderr for t in LAGRAT)


# --- PostgreSQL: a service account that can only insert ---------------------------------------------


def test_postgres_tjanstekonto_kan_bara_lagga_till(postgres):
    agare = postgres.ny_databas()
    Register(agare)  # the owner creates the register (bistand register skapa)
    roll = f"bistand_{slumpnamn(8)}"
    with sa.create_engine(agare, isolation_level="AUTOCOMMIT").connect() as anslutning:
        anslutning.exec_driver_sql(f"CREATE ROLE {roll} LOGIN")
        anslutning.exec_driver_sql(f"GRANT SELECT, INSERT ON handelser, registerinfo TO {roll}")
    tjanst = agare.replace("postgres@", f"{roll}@")
    register, fore = fyra_beslut(tjanst)
    with sa.create_engine(tjanst).connect() as anslutning:
        for sats in ("UPDATE handelser SET utfall = 'avslag'", "DELETE FROM handelser WHERE lopnummer = 4",
                     "TRUNCATE handelser", "DROP TABLE handelser", "DELETE FROM registerinfo"):
            with pytest.raises(sa.exc.ProgrammingError, match="permission denied|must be owner"):
                anslutning.exec_driver_sql(sats)
            anslutning.rollback()
    # The owner (or a superuser) is stopped by the triggers; one who disables them is found by the anchor.
    with sa.create_engine(agare).connect() as anslutning:
        for sats in ("DELETE FROM handelser WHERE lopnummer = 4", "TRUNCATE handelser"):
            with pytest.raises(sa.exc.DBAPIError, match="bara emot nya poster"):
                anslutning.exec_driver_sql(sats)
            anslutning.rollback()
    andra(agare, "TRUNCATE handelser")
    assert Register(tjanst, skapa=False).verifiera(ankare_for(fore)).slutkod == 1
    andra(agare, "DROP TABLE handelser")
    with pytest.raises(RegisterFel, match="kan inte skapa registret"):  # the service account cannot re-create it
        Register(tjanst)
    assert Register(agare, skapa=False, las_bara=True).verifiera(ankare_for(fore)).slutkod == 1


# --- Concurrent first writers ---------------------------------------------------------------------------


def _forsta_skrivaren(url, start, i):
    time.sleep(max(0.0, start - time.time()))
    Register(url).lagg_till("test", {"skrivare": i})


def test_samtidiga_forsta_skrivare_till_ett_nytt_register(url, tmp_path):
    """Eight processes open a register that does not exist yet and write at once: no write is lost."""
    for forsok in range(2):
        adress = f"sqlite:///{tmp_path / f'nytt{forsok}.sqlite'}" if url.startswith("sqlite") else (
            url.rsplit("/", 1)[0] + "/" + _ny_pg_databas(url))
        start = time.time() + 3
        processer = [multiprocessing.get_context("spawn").Process(target=_forsta_skrivaren, args=(adress, start, i))
                     for i in range(8)]
        for p in processer:
            p.start()
        for p in processer:
            p.join(timeout=180)
            assert p.exitcode == 0
        register = Register(adress)
        fel, huvud = register.verifiera()
        assert fel == [] and huvud["poster"] == 8
        assert sorted(json.loads(r["innehall"])["skrivare"] for r in register.rader()) == list(range(8))


def _ny_pg_databas(url):
    namn = f"t{slumpnamn(12)}"
    with sa.create_engine(url, isolation_level="AUTOCOMMIT").connect() as anslutning:
        anslutning.exec_driver_sql(f"CREATE DATABASE {namn}")
    return namn


# --- Personnummer in every free-text field --------------------------------------------------------------


@pytest.mark.parametrize("referens", ["1980-01-01-1234", "800101 1234", "800101\u20131234", "800101_1234",
                                      "800101.1234", "800101/1234", "SOC 850672-1234"])
def test_personnummer_i_fritext_vagras(url, referens):
    register = Register(url)
    with pytest.raises(RegisterFel, match="personnummer"):
        registrera(register, "ensamstaende_2026", arende_referens=referens)
    with pytest.raises(RegisterFel, match="personnummer"):
        register.granska(1, "korrekt", f"kontrollerat mot {referens}")
    with pytest.raises(RegisterFel, match="personnummer"):
        Register(f"sqlite:////tmp/{referens.replace('/', '-')}.sqlite")
    assert register.rader() == []


def test_readmes_registergenomgang_fungerar(tmp_path):
    """The README's register walk-through, command by command, in an empty directory (a fresh clone's
    docs/ beside it): every command succeeds, and verifiera then checks against the anchor file."""
    from pathlib import Path

    rot = Path(__file__).resolve().parents[2]
    text = (rot / "README.md").read_text(encoding="utf-8")
    avsnitt = text[text.index("## The decision register"):]
    block = avsnitt[avsnitt.index("```console\n") + 11:avsnitt.index("```", avsnitt.index("```console\n") + 11)]
    kommandon = [rad.split("  #")[0].strip() for rad in block.splitlines() if rad.strip() and not rad.startswith("#")]
    assert kommandon[0].startswith("bistand register nyckel") and any("verifiera" in k for k in kommandon)
    (tmp_path / "docs").symlink_to(rot / "docs")
    miljo = {k: v for k, v in os.environ.items() if not k.startswith("BISTAND_")}
    miljo["HOME"] = str(tmp_path / "hem")
    bin_ = Path(sys.executable).parent
    assert any(k.startswith("bistand register ankra --forsta") for k in kommandon)
    skript = "set -e\n" + "\n".join(kommandon) + "\nbistand register verifiera\n"
    svar = subprocess.run(["bash", "-c", skript], cwd=tmp_path, capture_output=True, text=True, timeout=600,
                          env=miljo | {"PATH": f"{bin_}:{miljo.get('PATH', '')}"})
    assert svar.returncode == 0, svar.stdout + svar.stderr
    assert "stämmer med" in svar.stdout.splitlines()[-1]
