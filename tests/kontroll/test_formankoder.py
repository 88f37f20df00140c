"""The benefit-code table of the register check (kontroll/formankoder.yaml): every code of an SSBTEK answer
has a dated, cited row, and a compared row names an income variable of the rules."""

import datetime
import itertools
from pathlib import Path

import pytest
import yaml

import openfisca_sweden_bistand.kontroll as kontroll

TABELL = Path(kontroll.__file__).resolve().parent / "formankoder.yaml"
NYCKLAR = ("kod", "myndighet", "betydelse", "behandling", "fran", "kalla", "konfidens")
VALFRIA = ("variabel", "till", "anmarkning")
BEHANDLINGAR = ("jamfor", "ej_raknad", "handlaggare")
KONFIDENS = ("official", "reprint", "derived", "provisional")
MYNDIGHETER = ("FK", "PM", "SO", "CSN")

# The codes an SSBTEK v10 answer can carry: the LEFI v9 benefit groups (LefiFkFormanGruppKod,
# LefiPmFormanGruppKod) and the package's own codes for the a-kassor's and CSN's blocks.
FK_GRUPPER = (
    "ABB", "AP", "AS", "BOB", "BST", "BTI", "DPE", "EJO", "ET", "FP", "FSJP", "GP", "HE", "MABB", "MEK", "NP", "OMV",
    "PJOB", "PROG", "RBE", "SA", "SBP", "SJP", "TFP", "US", "VB", "YL",
)
KODER = {
    *(f"FK:{g}" for g in FK_GRUPPER),
    "PM:AP", "PM:BTI", "PM:EF",
    "SO:ARBETSLOSHETSERSATTNING",
    "CSN:STUDIEMEDEL", "CSN:STUDIEHJALP", "CSN:STUDIESTARTSSTOD", "CSN:OMSTALLNINGSSTUDIESTOD",
}


@pytest.fixture(scope="module")
def rader():
    data = yaml.safe_load(TABELL.read_text(encoding="utf-8"))
    assert set(data) == {"koder"}
    return data["koder"]


def _id(rad):
    return f"{rad.get('kod')} {rad.get('fran')}"


def test_varje_kod_i_ett_ssbtek_svar_har_en_rad(rader):
    assert {rad["kod"] for rad in rader} == KODER


def test_varje_rad_har_alla_nycklar_och_inga_andra(rader):
    for rad in rader:
        assert [n for n in NYCKLAR if n not in rad] == [], _id(rad)
        assert [n for n in rad if n not in NYCKLAR + VALFRIA] == [], _id(rad)
        for namn in ("kod", "myndighet", "betydelse", "behandling", "kalla", "konfidens"):
            assert isinstance(rad[namn], str) and rad[namn].strip(), (_id(rad), namn)


def test_koden_bar_myndighetens_prefix(rader):
    for rad in rader:
        assert rad["myndighet"] in MYNDIGHETER, _id(rad)
        assert rad["kod"].startswith(rad["myndighet"] + ":"), _id(rad)


def test_behandling_och_konfidens_ar_kanda_varden(rader):
    for rad in rader:
        assert rad["behandling"] in BEHANDLINGAR, _id(rad)
        assert rad["konfidens"] in KONFIDENS, _id(rad)


def test_variabel_finns_om_och_endast_om_raden_jamfors(rader, system):
    for rad in rader:
        if rad["behandling"] == "jamfor":
            assert rad.get("variabel") in system.variables, _id(rad)
        else:
            assert rad.get("variabel") is None, _id(rad)


def test_en_jamford_variabel_ar_en_inkomst(rader, system):
    """Compared with a monthly amount in kronor: an income of the rules, not a flag or a grund."""
    for rad in rader:
        if rad["behandling"] == "jamfor":
            variabel = system.variables[rad["variabel"]]
            assert variabel.value_type is float and variabel.unit == "currency-SEK", _id(rad)
            assert variabel.definition_period == "month", _id(rad)


def test_provisoriska_rader_sager_att_betydelsen_ar_last_ur_namnet(rader):
    for rad in rader:
        if rad["konfidens"] == "provisional":
            assert "read from the name only" in rad.get("anmarkning", ""), _id(rad)
            assert rad["behandling"] != "jamfor", _id(rad)


def test_datum_fran_och_till(rader):
    for rad in rader:
        assert type(rad["fran"]) is datetime.date, _id(rad)
        till = rad.get("till")
        assert till is None or (type(till) is datetime.date and till >= rad["fran"]), _id(rad)


def test_kallan_ar_offentlig(rader):
    for rad in rader:
        assert "shared" not in rad["kalla"].lower(), _id(rad)
        assert "shared" not in rad.get("anmarkning", "").lower(), _id(rad)


def test_tva_rader_for_samma_kod_overlappar_inte(rader):
    slut = datetime.date.max
    for kod, grupp in itertools.groupby(sorted(rader, key=lambda r: (r["kod"], r["fran"])), key=lambda r: r["kod"]):
        for tidigare, senare in itertools.pairwise(grupp):
            assert (tidigare.get("till") or slut) < senare["fran"], kod
