"""The SSBTEK reader: one person's answer from the seven agencies read into a ``Registersvar``; error blocks,
agencies not asked, LEFI's providers; and every hostile answer refused by an ``ArendeFel`` that names the
person, the agency and the element and quotes nothing, with no personnummer anywhere in what is kept."""

import base64
import dataclasses
import datetime
import hashlib
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import ssbtek_fixturer as fx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from openfisca_sweden_bistand.arende.validering import ArendeFel
from openfisca_sweden_bistand.kontroll.registersvar import (
    Arbetssokande,
    Ersattningsbeslut,
    Fordon,
    Kapitaluppgift,
    Myndighetsfel,
    Registersvar,
    Studiestod,
    Uppehallstillstand,
    Utbetalning,
)
from openfisca_sweden_bistand.kontroll.ssbtek import (
    HOGSTA_ANTAL_UTBETALNINGAR,
    HOGSTA_AVKODAT,
    HOGSTA_STORLEK,
    INTERNT_FEL,
    TIDSZON,
    las_svar,
    ren_text,
)
from openfisca_sweden_bistand.personnummer import innehaller_personnummer

D = datetime.date


def synligt(svar: Registersvar) -> str:
    """Everything an answer keeps that a person could read (not the hashes: hex digits can look like dates)."""
    data = dataclasses.asdict(svar)
    del data["sha256"], data["identitet"]
    return repr(data)


def las(data: str | bytes, person: str = "sara") -> Registersvar:
    svar = las_svar(data, person)
    assert not innehaller_personnummer(synligt(svar))
    return svar


def fel(data: str | bytes, person: str = "sara") -> ArendeFel:
    with pytest.raises(ArendeFel) as info:
        las_svar(data, person)
    assert info.value.meddelande != INTERNT_FEL
    assert not innehaller_personnummer(str(info.value))
    assert "\n" not in str(info.value)
    return info.value


# --- one person's whole answer -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def helt():
    return las(fx.helt_svar())


def test_whole_answer_has_all_seven_agencies(helt):
    assert list(helt.myndigheter) == ["AF", "CSN", "FK", "SKV", "SO", "TNS", "MIV"]
    assert all(svar.fel is None for svar in helt.myndigheter.values())
    assert helt.hamtad == datetime.datetime(2026, 3, 2, 9, 15, tzinfo=TIDSZON)
    assert helt.hamtad.utcoffset() == datetime.timedelta(hours=1)
    assert len(helt.identitet) == 64 and fx.PNR not in helt.identitet


def test_whole_answer_fk_and_pm(helt):
    fk = helt.svar("FK")
    assert fk.utlamnare == {"FK": "OK", "PM": "OK"} and fk.avvikelser == {}
    assert fk.utbetalningar == (
        Utbetalning("FK", "FK:SJP", "Sjukpenning", 8123.5, D(2026, 2, 20), D(2026, 1, 19), D(2026, 2, 15), "daglig"),
        Utbetalning("FK", "FK:BOB", "Bostadsbidrag", 1500.0, D(2026, 2, 24), D(2026, 2, 1), None, "manad"),
        Utbetalning("FK", "FK:BOB", "Bostadsbidrag", 640.0, D(2026, 2, 27), D(2025, 11, 1), D(2025, 12, 31), "retro"),
        Utbetalning("FK", "FK:SJP", "Sjukpenning", 7950.0, D(2026, 3, 20), D(2026, 2, 16), D(2026, 3, 15), "daglig",
                    preliminar=True),
        Utbetalning("PM", "PM:AP", "Allmän pension", 4321.0, D(2026, 2, 19), D(2026, 2, 1), D(2026, 2, 28)),
        Utbetalning("PM", "PM:FLERA", "Flera förmånsgrupper: Allmän pension; Bostads- och inkomststöd", 5200.0,
                    D(2026, 3, 19), D(2026, 3, 1), D(2026, 3, 31), preliminar=True),
    )


def test_whole_answer_other_agencies(helt):
    assert helt.svar("AF").arbetssokande == Arbetssokande(
        registrerad=True, registrerad_sedan=D(2025, 8, 4), kategori="Arbetslös", omfattning=100,
        ersattningar=(Ersattningsbeslut("Aktivitetsstöd", D(2026, 1, 1), D(2026, 6, 30)),),
    )
    assert helt.svar("CSN").studiestod == () and helt.svar("CSN").utbetalningar == ()
    assert helt.svar("SKV").kapital == (Kapitaluppgift(2025, 2400.0, 1800.0),)
    assert [(u.utbetalningsdag, u.belopp, u.formankod) for u in helt.svar("SO").utbetalningar] == [
        (D(2026, 2, 5), 6100.5, "SO:ARBETSLOSHETSERSATTNING"), (D(2026, 3, 5), 5950.0, "SO:ARBETSLOSHETSERSATTNING"),
    ]
    assert helt.svar("SO").utbetalningar[0].period_fran == D(2026, 1, 5)
    assert helt.svar("TNS").fordon == (Fordon("PERSONBIL", "Provbil", 2014),)
    assert "PRV123" not in synligt(helt)  # never the registration number
    assert helt.svar("MIV").tillstand == (
        Uppehallstillstand("TUT", "TIDSBEGRÄNSAT UPPEHÅLLSTILLSTÅND", False, D(2025, 6, 1), D(2027, 5, 31)),
    )


def test_answer_without_envelope_and_as_bytes_or_text():
    text = fx.helt_svar()
    utan_kuvert = fx.svar(fx.so(fx.so_utbetalning("2026-02-05", "100", "2026-01-05", "2026-01-30")), kuvert=False)
    assert las(utan_kuvert).svar("SO").utbetalningar[0].belopp == 100.0
    som_text, som_bytes = las(text), las(text.encode("utf-8"))
    assert som_text == som_bytes
    assert som_text.sha256 == hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert las(text.replace("><", ">\n  <")).sha256 != som_text.sha256  # of the bytes as received


@pytest.mark.parametrize("tidpunkt, vantad", [
    (None, None),
    ("2026-07-01T12:00:00", datetime.datetime(2026, 7, 1, 10, 0, tzinfo=datetime.UTC)),  # summer time
    ("2026-03-02T09:15:00Z", datetime.datetime(2026, 3, 2, 9, 15, tzinfo=datetime.UTC)),
    ("2026-03-02T09:15:00.123456789+02:00", datetime.datetime(2026, 3, 2, 7, 15, 0, 123456, tzinfo=datetime.UTC)),
])
def test_time_of_question_is_timezone_aware(tidpunkt, vantad):
    hamtad = las(fx.svar(fx.tns(), tidpunkt=tidpunkt)).hamtad
    assert hamtad == vantad
    assert hamtad is None or hamtad.tzinfo is not None


def test_same_person_same_identity_in_one_process():
    forsta = las(fx.svar(fx.af()))
    assert las(fx.svar(fx.so(pnr=fx.PNR[2:8] + "-" + fx.PNR[8:]))).identitet == forsta.identitet
    assert las(fx.svar(fx.csn())).identitet == forsta.identitet  # 10 digits and a sekel attribute
    assert las(fx.svar(fx.af(pnr=fx.ANNAT_PNR))).identitet != forsta.identitet
    assert las(fx.svar(fx.tns())).identitet == ""  # Transportstyrelsen's answer names nobody


# --- single agencies, error blocks, agencies not asked -----------------------------------------------------


@pytest.mark.parametrize("block, myndighet", [
    (fx.af(), "AF"), (fx.csn(), "CSN"), (fx.fk(), "FK"), (fx.skv(), "SKV"),
    (fx.so(fx.so_utbetalning("2026-02-05", "1250.50", "2026-01-05", "2026-01-05")), "SO"),
    (fx.tns(fx.tns_fordon("PRV001", "Provbil", "2012", "PERSONBIL"), fx.tns_fordon("PRV002", "Provcykel", "2001",
                                                                                 "MOTORCYKEL")), "TNS"),
    (fx.miv(fx.miv_beslut("PUT", "PERMANENT UPPEHÅLLSTILLSTÅND", "PERMANENT", None, None)), "MIV"),
])
def test_one_agency_asked(block, myndighet):
    svar = las(fx.svar(block))
    assert list(svar.myndigheter) == [myndighet]
    assert svar.svar(myndighet).fel is None
    andra = [m for m in ("AF", "CSN", "FK", "SKV", "SO", "TNS", "MIV") if m != myndighet]
    assert all(svar.svar(annan) is None for annan in andra)


def test_error_blocks_and_an_agency_not_asked():
    svar = las(fx.svar(
        fx.felblock("FK", "SSBT", "TIMEOUT", "Tidsgränsen överskreds vid anrop"),
        fx.felblock("CSN", "BT", "E17", "Tekniskt fel", "Försök igen senare"),
        fx.so(),
    ))
    assert svar.svar("FK").fel == Myndighetsfel("SSBT", "TIMEOUT", ("Tidsgränsen överskreds vid anrop",))
    assert svar.svar("FK").utbetalningar == ()
    assert svar.svar("CSN").fel == Myndighetsfel("BT", "E17", ("Tekniskt fel", "Försök igen senare"))
    assert svar.svar("SO").fel is None and svar.svar("SO").utbetalningar == ()
    assert svar.svar("AF") is None and "AF" not in svar.myndigheter


def test_error_block_texts_are_masked_and_cut():
    meddelande = "Fel för 19700101-9876\x9f\u202e i\n\ttjänsten " + "x" * 500
    felet = las(fx.svar(fx.felblock("SO", "BT", "1970\u200b01019876", meddelande))).svar("SO").fel
    assert felet.felkod == "[personnummer]"
    assert felet.felmeddelande[0].startswith("Fel för [personnummer] i tjänsten xxx")
    assert len(felet.felmeddelande[0]) == 200


@pytest.mark.parametrize("block, falt", [
    (fx.felblock("FK", "NAGON", "1", "x"), "ssbtek.sara.FK.error.kalla"),
    ("<ssbt:FK><ssbt:error><ssbt:kalla>BT</ssbt:kalla></ssbt:error><ssbt:data/></ssbt:FK>", "ssbtek.sara.FK"),
    ("<ssbt:FK/>", "ssbtek.sara.FK"),
    (fx.so() + fx.so(), "ssbtek.sara.SO"),
    ("<ssbt:PM><ssbt:data/></ssbt:PM>", "ssbtek.sara.svarsdata"),
])
def test_malformed_blocks(block, falt):
    assert fel(fx.svar(block)).falt == falt


def test_lefi_provider_unavailable_and_deviations():
    avvikelser = {"utbetalningar": [{"avvikelse": {"kod": "INTERNT_FEL", "beskrivning": "Fel"},
                                     "formansgrupp": {"kod": "PM:AP", "beskrivning": "Allmän pension"}}],
                  "formansinformation": [{"avvikelse": {"kod": "OBEHORIG"}, "formansgrupp": {"kod": "FK:SJP"}}]}
    fk = las(fx.svar(fx.fk(fx.lefi(pm="OTILLGANGLIG", avvikelser=avvikelser)))).svar("FK")
    assert fk.utlamnare == {"FK": "OK", "PM": "OTILLGANGLIG"}
    assert fk.avvikelser == {"FK:SJP": "OBEHORIG", "PM:AP": "INTERNT_FEL"}


def test_lefi_payments_in_detail():
    utbetalningar = [
        fx.fk_utbetalning("2026-02-10", 900, "AP", "Garantipension", typ=4, foretag=1003, fran="2026-02"),
        fx.fk_utbetalning("2026-02-11", -300, "SJP", "Sjukpenning", typ=9, till="2026-01"),  # a recovery
    ]
    utan_familj = fx.fk_utbetalning("2026-02-12", 10, "X", "")
    del utan_familj["formansfamilj"], utan_familj["typ"]
    pm = [fx.pm_utbetalning("2026-02-19", 100), fx.pm_utbetalning("2026-02-20", 200, ("AP", ""), ("PM:EF", ""))]
    svar = las(fx.svar(fx.fk(fx.lefi(utbetalningsuppgift=[*utbetalningar, utan_familj], utbetalningar=pm))))
    (gp, aterkrav, okand, pm_utan, pm_flera) = svar.svar("FK").utbetalningar
    assert (gp.myndighet, gp.formankod, gp.typ, gp.period_fran, gp.period_till) == (
        "PM", "PM:AP", "presumtiv", D(2026, 2, 1), None)
    assert (aterkrav.belopp, aterkrav.typ, aterkrav.period_fran, aterkrav.period_till) == (
        -300.0, "okand", None, D(2026, 1, 31))
    assert (okand.formankod, okand.beskrivning, okand.typ) == ("FK:OKAND", "", "okand")
    assert (pm_utan.formankod, pm_utan.beskrivning) == ("PM:OKAND", "")
    assert (pm_flera.formankod, pm_flera.beskrivning) == ("PM:FLERA", "Flera förmånsgrupper: PM:AP; PM:EF")


def test_csn_with_study_support():
    arende = fx.csn_arende(("20260125", "Utbetald", "12345"), ("20260225", "Planerad", "12345"),
                           ("2026-03-25", "UTBETALAD", "-200"))
    person = fx.csn_person(flaggor="1010", studiemedel=arende, hemutrustning="")
    csn = las(fx.svar(fx.csn(fx.csn_svar(person, version="3.0")))).svar("CSN")
    assert csn.studiestod == (Studiestod("studiemedel", "Studiemedel"),)  # not hemutrustningslån: a loan
    assert [(u.formankod, u.beskrivning, u.belopp, u.utbetalningsdag, u.preliminar) for u in csn.utbetalningar] == [
        ("CSN:STUDIEMEDEL", "Studiemedel Sverige", 12345.0, D(2026, 1, 25), False),
        ("CSN:STUDIEMEDEL", "Studiemedel Sverige", 12345.0, D(2026, 2, 25), True),
        ("CSN:STUDIEMEDEL", "Studiemedel Sverige", -200.0, D(2026, 3, 25), False),
    ]


def test_csn_result_code_is_an_agency_error():
    csn = las(fx.svar(fx.csn(fx.csn_svar(resultatkod="17")))).svar("CSN")
    assert csn.fel == Myndighetsfel("BT", "17", ("Provtext",))


def test_af_status_code_other_than_zero_is_an_agency_error():
    af = las(fx.svar(fx.af(status=2))).svar("AF")
    assert af.fel == Myndighetsfel("BT", "2", ("Personen finns inte",)) and af.arbetssokande is None
    utan_info = las(fx.svar(fx.af(info=""))).svar("AF")
    assert utan_info.arbetssokande == Arbetssokande(registrerad=None)
    # the code is any integer of up to 15 digits: one that is a personnummer is masked like every text kept
    for kod in ("198512241238", "8512241238", "-8512241238"):
        assert las(fx.svar(fx.af(status=kod))).svar("AF").fel.felkod.endswith("[personnummer]"), kod


def test_tns_error_result():
    felresultat = (f'<tns:felresultat xmlns:tns="{fx.NS_TNS}"><tns:felkod>12</tns:felkod>'
                   "<tns:feltext>Uppgift saknas</tns:feltext></tns:felresultat>")
    tns = las(fx.svar(fx.tns(resultat="FEL", fel=felresultat))).svar("TNS")
    assert tns.fel == Myndighetsfel("BT", "12", ("Uppgift saknas",))


def test_skatteverket_capital_several_years():
    kapital = "".join(
        f"<Kapitaluppgift><b:Taxeringsar>{ar}</b:Taxeringsar><b:SummaIntakterPaKapital>{summa}"
        f"</b:SummaIntakterPaKapital><b:OverskottPaKapital>{summa}</b:OverskottPaKapital></Kapitaluppgift>"
        for ar, summa in ((2024, 0), (2025, 350000000))
    )
    skv = las(fx.svar(fx.skv(fx.skv_svar(kapital=kapital)))).svar("SKV")
    assert skv.kapital == (Kapitaluppgift(2024, 0.0, 0.0), Kapitaluppgift(2025, 350000000.0, 350000000.0))


# --- errors name the field and quote nothing -----------------------------------------------------------------


@pytest.mark.parametrize("block, falt, del_av_meddelandet", [
    (fx.so(fx.so_utbetalning("2026-02-05", "12x", "2026-01-05", "2026-01-30"),
           fx.so_utbetalning("2026-02-05", "1e400", "2026-01-05", "2026-01-30")),
     "ssbtek.sara.SO.ArbetsloshetsersattningLista.Arbetsloshetsersattning[1].Utbetalningar[1].NettoEfterSkatt",
     "inget belopp"),
    (fx.so(fx.so_utbetalning("2026-02-05", "1", "2026-01-05", "2026-01-30"),
           fx.so_utbetalning("2026-02-05", "10000001", "2026-01-05", "2026-01-30")),
     "ssbtek.sara.SO.ArbetsloshetsersattningLista.Arbetsloshetsersattning[1].Utbetalningar[2].NettoEfterSkatt",
     "orimligt belopp"),
    (fx.so(fx.so_utbetalning("2026-02-30", "1", "2026-01-05", "2026-01-30")),
     "ssbtek.sara.SO.ArbetsloshetsersattningLista.Arbetsloshetsersattning[1].Utbetalningar[1].Utbetalningsdatum",
     "inget giltigt datum"),
    (fx.so(fx.so_utbetalning("1999-12-31", "1", "2026-01-05", "2026-01-30")),
     "ssbtek.sara.SO.ArbetsloshetsersattningLista.Arbetsloshetsersattning[1].Utbetalningar[1].Utbetalningsdatum",
     "utanför åren 2000–2100"),
    (fx.so(fx.so_utbetalning("2026-02-05", "1", "2026-01-30", "2026-01-05")),
     "ssbtek.sara.SO.ArbetsloshetsersattningLista.Arbetsloshetsersattning[1].Utbetalningar[1]",
     "slutar innan den börjar"),
    (fx.fk(fx.lefi(utbetalningsuppgift=[fx.fk_utbetalning("2026-13", 1, "SJP", "x")])),
     "ssbtek.sara.FK.lefiJsonSvar.formansinformation.utbetalningsuppgift[1].datum", "inget datum"),
    (fx.fk(fx.lefi(utbetalningsuppgift=[{**fx.fk_utbetalning("2026-02-01", 1, "SJP", "x"),
                                         "nettobelopp": {"summa": "100", "valuta": "SEK"}}])),
     "ssbtek.sara.FK.lefiJsonSvar.formansinformation.utbetalningsuppgift[1].nettobelopp.summa", "ska vara ett tal"),
    (fx.fk(fx.lefi(utbetalningsuppgift=[{**fx.fk_utbetalning("2026-02-01", 1, "SJP", "x"),
                                         "nettobelopp": {"summa": 1, "valuta": "EUR"}}])),
     "ssbtek.sara.FK.lefiJsonSvar.formansinformation.utbetalningsuppgift[1].nettobelopp.valuta", "SEK"),
    (fx.fk(fx.lefi(utbetalningar=[{**fx.pm_utbetalning("2026-02-01", 1), "nettobelopp": 10**400}])),
     "ssbtek.sara.FK.lefiJsonSvar.utbetalningar[1].nettobelopp", "orimligt belopp"),
    (fx.fk('{"utbetalningar": [{"nettobelopp": NaN, "utbetalningsdatum": "2026-02-01"}]}'),
     "ssbtek.sara.FK.lefiJsonSvar.utbetalningar[1].nettobelopp", "ändligt tal"),
    (fx.fk(fx.lefi(utbetalningsuppgift=[fx.fk_utbetalning("2026-02-01", 1, "197001019876", "x")])),
     "ssbtek.sara.FK.lefiJsonSvar.formansinformation.utbetalningsuppgift[1].formansfamilj.id", "förmånskod"),
    (fx.fk('["en lista"]'), "ssbtek.sara.FK.lefiJsonSvar", "ska vara ett objekt"),
    (fx.af(info="<af:ArbetssokandeInfo><af:ArbetssokandeOmfattning>150</af:ArbetssokandeOmfattning>"
                "</af:ArbetssokandeInfo>"),
     "ssbtek.sara.AF.Svar.ArbetssokandeInfo.ArbetssokandeOmfattning", "0–100"),
    (fx.af(info="<af:ArbetssokandeInfo><af:Arbetssokande>kanske</af:Arbetssokande></af:ArbetssokandeInfo>"),
     "ssbtek.sara.AF.Svar.ArbetssokandeInfo.Arbetssokande", "true eller false"),
    (fx.csn(fx.csn_svar(fx.csn_person(studiemedel=fx.csn_arende(("20260125", "Kanske", "1"))))),
     "ssbtek.sara.CSN.svar.Personer.Person[1].Studiemedel.Arenden.Arende[1].UtbetalningsPlan.Utbetalning[1]"
     ".utbetstatus", "utbetalningsstatus"),
    (fx.csn(fx.csn_svar(fx.csn_person(flaggor="0x00"))),
     "ssbtek.sara.CSN.svar.Personer.Person[1].Studiestodstypforteckning.studiehjalp", "1 eller 0"),
    (fx.csn("<annat/>"), "ssbtek.sara.CSN.svar", "inget CSNSvar"),
    (fx.skv("<annat/>"), "ssbtek.sara.SKV.svar", "inget SvarBeskattningsuppgifterEnligtSFS2008-975"),
    (fx.skv(fx.skv_svar(kapital="<Kapitaluppgift><b:Taxeringsar>1999</b:Taxeringsar></Kapitaluppgift>")),
     "ssbtek.sara.SKV.svar.PersonuppgiftLista.Personuppgift[1].Kapitaluppgift[1].Taxeringsar", "2000–2100"),
    (fx.miv(fx.miv_beslut(giltighet="EVIG")), "ssbtek.sara.MIV.response.svarCollection.svar[1].giltighetstid",
     "giltighetstid"),
    (fx.tns(resultat="KANSKE"), "ssbtek.sara.TNS.resultat", "okänt resultat"),
    (fx.block("SO", '<so:IdentificationNumber xmlns:so="urn:annan">197001019876</so:IdentificationNumber>'),
     "ssbtek.sara.SO.IdentificationNumber", "okänd namnrymd"),
    (fx.block("AF", f'<af:Svar xmlns:af="{fx.NS_AF}"/>'), "ssbtek.sara.AF.Svar.StatusSokandeinformationKod", "saknas"),
])
def test_errors_name_person_agency_and_element(block, falt, del_av_meddelandet):
    felet = fel(fx.svar(block))
    assert (felet.falt, del_av_meddelandet in felet.meddelande) == (falt, True)


@pytest.mark.parametrize("data, del_av_meddelandet", [
    ("<annat/>", "inget SSBTEK-svar"),
    (f'<soap:Envelope xmlns:soap="{fx.NS_SOAP}"><soap:Body><soap:Fault><faultstring>197001019876</faultstring>'
     "</soap:Fault></soap:Body></soap:Envelope>", "felmeddelande från tjänsten"),
    (f'<soap:Envelope xmlns:soap="{fx.NS_SOAP}"><soap:Body/></soap:Envelope>', "exakt ett element"),
    (f'<ssbt:hamtaBastjanstInformationResponse xmlns:ssbt="{fx.NS_SSBT}"/>', "saknas"),
    (fx.svar(fx.tns(), tidpunkt="2026-03-02 09:15"), "ingen tidpunkt"),
    (fx.svar(fx.tns(), tidpunkt="2026-03-02T25:15:00"), "ingen giltig tidpunkt"),
    (fx.svar(fx.tns(), tidpunkt="2026-03-02T09:15:00+15:00"), "ogiltig tidszon"),
    ("\ud800", "giltig Unicode"),
    (b"\xff", "inte UTF-8"),
    (12, "text eller bytes"),
])
def test_answers_that_are_no_answer(data, del_av_meddelandet):
    felet = fel(data)
    assert felet.falt.startswith("ssbtek.sara") and del_av_meddelandet in felet.meddelande


def test_two_persons_in_one_answer():
    felet = fel(fx.svar(fx.af(), fx.so(pnr=fx.ANNAT_PNR)))
    assert (felet.falt, felet.meddelande) == ("ssbtek.sara.SO.IdentificationNumber", "svaret gäller mer än en person")
    assert fel(fx.svar(fx.csn(fx.csn_svar(fx.csn_person() + fx.csn_person(fx.ANNAT_PNR))))).falt == (
        "ssbtek.sara.CSN.svar.Personer.Person[2].personnummer")
    assert fel(fx.svar(fx.skv(), fx.miv(pnr="20" + fx.PNR[2:]))).falt == "ssbtek.sara.MIV.response.personnummer"
    lefi = fx.lefi(pnr=fx.ANNAT_PNR)
    assert fel(fx.svar(fx.af(), fx.fk(lefi))).falt == (
        "ssbtek.sara.FK.lefiJsonSvar.formansinformation.generellPersoninformation[1].personnummer")
    fraga = (f"<ssbt:fraga><ssbt:generellaFrageparametrar><ssbt:personidentitet>{fx.ANNAT_PNR}"
             "</ssbt:personidentitet></ssbt:generellaFrageparametrar></ssbt:fraga>")
    assert fel(fx.svar(fx.af(), fore=fraga)).falt == "ssbtek.sara.AF.Svar.IdentitetsbeteckningFysiskPerson"
    assert fel(fx.svar(fx.so(pnr="19700101987"))).meddelande == "är inget giltigt person- eller samordningsnummer"


def test_person_id_in_fields_is_masked_and_cut():
    felet = fel(fx.svar(fx.felblock("FK", "X", "1", "x")), person="19700101-9876 " + "p" * 100)
    assert felet.falt.startswith("ssbtek.[personnummer] ppp") and len(felet.falt) < 80


# --- hostile answers ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("data, del_av_meddelandet", [
    ('<!DOCTYPE a [<!ENTITY x "197001019876">]>' + fx.svar(fx.tns()), "dokumenttypsdeklaration"),
    ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">'
     '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;">]>'
     "<lolz>&lol4;</lolz>", "dokumenttypsdeklaration"),
    ('<!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]>' + fx.svar(fx.felblock("SO", "BT", "1", "&x;")),
     "dokumenttypsdeklaration"),
    (fx.svar(fx.csn('<!DOCTYPE CSNSvar [<!ENTITY x SYSTEM "file:///etc/passwd">]><CSNSvar>&x;</CSNSvar>')),
     "dokumenttypsdeklaration"),
    (fx.svar(fx.skv('<!DOCTYPE a [<!ENTITY x SYSTEM "http://example.invalid/">]><a>&x;</a>')),
     "dokumenttypsdeklaration"),
    (fx.svar(fx.felblock("SO", "BT", "1", "&hemligt;")), "inte välformad XML"),
    (fx.svar(fx.fk("inte json")), "inte giltig JSON"),
    (fx.svar(fx.fk(b"\xff\xfe")), "inte UTF-8"),
    (fx.svar(fx.fk('{"utlamnare": [], "utlamnare": []}')), "två gånger"),
    (fx.svar(fx.fk('{"197001019876": 1, "197001019876": 2}')), "två gånger"),
    (fx.svar(fx.fk("[" * 100_000 + "]" * 100_000)), "för djupt nästlad"),
    (fx.svar(fx.fk('{"a": "\\ud800"}')), "surrogattecken"),
    (fx.svar(fx.fk('{"a": ' + "9" * 5000 + "}")), "för många siffror"),
    (fx.svar(fx.block("FK", "<ssbt:lefiJsonSvar>e30=!</ssbt:lefiJsonSvar>")), "inte giltig base64"),
    (fx.svar(fx.block("FK", "<ssbt:lefiJsonSvar>e30</ssbt:lefiJsonSvar>")), "inte giltig base64"),
    (fx.svar(fx.block("FK", "<ssbt:lefiJsonSvar>éé==</ssbt:lefiJsonSvar>")), "inte giltig base64"),
    (fx.svar(fx.block("FK", "<ssbt:lefiJsonSvar> </ssbt:lefiJsonSvar>")), "tomt"),
    (fx.svar(fx.block("CSN", "<ssbt:svar>PGE+PC9hPg==</ssbt:svar><ssbt:svar>PGE+PC9hPg==</ssbt:svar>")),
     "mer än en gång"),
])
def test_hostile_answers_are_refused(data, del_av_meddelandet):
    assert del_av_meddelandet in fel(data).meddelande


def test_xinclude_is_never_followed():
    xinclude = ('<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file:///etc/passwd" parse="text"/>')
    svar = las(fx.svar(fx.felblock("SO", "BT", "1", xinclude), fx.tns(xinclude)))
    assert svar.svar("SO").fel.felmeddelande == ("",) and "root" not in synligt(svar)


def test_huge_base64_and_huge_answer():
    stor = base64.b64encode(b"{" + b" " * (HOGSTA_AVKODAT + 1) + b"}").decode()
    felet = fel(fx.svar(fx.block("FK", f"<ssbt:lefiJsonSvar>{stor}</ssbt:lefiJsonSvar>")))
    assert (felet.falt, felet.meddelande) == ("ssbtek.sara.FK.lefiJsonSvar", "LEFI-svaret är större än 2 MiB")
    for data in (fx.svar(fx.tns()) + " " * HOGSTA_STORLEK, (fx.svar(fx.tns()) + " " * HOGSTA_STORLEK).encode()):
        assert fel(data).meddelande == "svaret är större än 4 MiB"


def test_payment_bound():
    rad = fx.so_utbetalning("2026-02-05", "1", "2026-01-05", "2026-01-30")
    assert len(las(fx.svar(fx.so(*[rad] * HOGSTA_ANTAL_UTBETALNINGAR))).svar("SO").utbetalningar) == 10_000
    lefi = fx.lefi(utbetalningar=[fx.pm_utbetalning("2026-02-19", 1)] * (HOGSTA_ANTAL_UTBETALNINGAR // 2))
    felet = fel(fx.svar(fx.fk(lefi), fx.so(*[rad] * (HOGSTA_ANTAL_UTBETALNINGAR // 2 + 1))))
    assert felet.meddelande == f"svaret har fler än {HOGSTA_ANTAL_UTBETALNINGAR} utbetalningar"
    assert felet.falt == "ssbtek.sara.SO.ArbetsloshetsersattningLista.Arbetsloshetsersattning[1]"


@pytest.mark.parametrize("uttryck", [
    "fx.svar('<a>' * 100_000 + '</a>' * 100_000)",
    "fx.svar(fx.csn('<CSNSvar>' + '<a>' * 100_000 + '</a>' * 100_000 + '</CSNSvar>'))",
    "fx.svar(fx.skv('<a>' * 100_000 + '</a>' * 100_000))",
    "fx.svar(fx.fk('{\"a\":' * 100_000 + '1' + '}' * 100_000))",
    "fx.svar(fx.so(*[fx.so_utbetalning('2026-02-05', '1', '2026-01-05', '2026-01-30')] * 20_000))",
])
def test_deep_or_big_answers_are_refused_quickly_in_a_subprocess(uttryck):
    kod = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(Path(__file__).parent)!r})
        import ssbtek_fixturer as fx
        from openfisca_sweden_bistand.arende.validering import ArendeFel
        from openfisca_sweden_bistand.kontroll.ssbtek import las_svar
        try:
            las_svar({uttryck}, "sara")
        except ArendeFel as fel:
            print(fel)
    """)
    resultat = subprocess.run([sys.executable, "-c", kod], capture_output=True, text=True, timeout=30)
    assert resultat.returncode == 0 and resultat.stderr == "", resultat.stderr
    assert resultat.stdout.startswith("ssbtek.sara")


def test_personnummer_stuffed_everywhere_is_never_kept_or_quoted():
    pnr = "19700101-9876"
    lefi = fx.lefi(utbetalningsuppgift=[fx.fk_utbetalning("2026-02-20", 1, "SJP", f"Sjukpenning {pnr}")],
                   utbetalningar=[fx.pm_utbetalning("2026-02-19", 1, ("PM:AP", f"Pension {pnr}"), ("PM:EF", pnr))])
    svar = las(fx.svar(
        fx.fk(lefi),
        fx.felblock("SO", "BT", pnr, f"Fel för {pnr}", "1970\u200b0101\u200b9876 och 19700 101-98 76\u2028",
                    "1970-0101-98-76 eller 1970.01.01.98.76, belopp 4 550 kr"),
        fx.af(info=f"<af:ArbetssokandeInfo><af:ArbetssokandeSKAT>{pnr}</af:ArbetssokandeSKAT>"
                   f"<p{pnr.replace('-', '')}/></af:ArbetssokandeInfo>"),
        fx.tns(fx.tns_fordon(pnr, pnr, pnr, pnr)),
        fx.miv(fx.miv_beslut(pnr, pnr)),
        fx.csn(fx.csn_svar(fx.csn_person(studiemedel=fx.csn_arende(("20260125", "Utbetald", "1"), klartext=pnr)))),
    ))
    assert "[personnummer]" in svar.svar("FK").utbetalningar[0].beskrivning
    assert svar.svar("SO").fel.felmeddelande[1] == "[personnummer] och [personnummer]"
    # split inside its parts by any separator (ren_text took out spaces only): masked, the amount kept
    assert svar.svar("SO").fel.felmeddelande[2] == "[personnummer] eller [personnummer], belopp 4 550 kr"
    assert svar.svar("TNS").fordon[0].fordonsar is None
    for data in (
        fx.svar(f"<ssbt:p{pnr.replace('-', '')}/>"),
        fx.svar(fx.block("SO", f'<so:IdentificationNumber xmlns:so="urn:{pnr}">{pnr}</so:IdentificationNumber>')),
        fx.svar(fx.fk(f'{{"utlamnare": [{{"utlamnare": {{"kod": "{pnr}"}}, "tillstand": {{"kod": "OK"}}}}]}}')),
        fx.svar(fx.fk(f'{{"avvikelser": {{"utbetalningar": [{{"formansgrupp": {{"kod": "{pnr}"}}}}]}}}}')),
        fx.svar(fx.tns(resultat=pnr)),
        fx.svar(fx.felblock("SO", pnr, "1", "x")),
    ):
        fel(data)


@pytest.mark.parametrize("text, vantad", [
    (None, ""), ("", ""), ("  Sjuk\tpenning \n", "Sjuk penning"), ("a\u200bb\u202ec\x07d", "abcd"),
    ("Nr 197001019876", "Nr [personnummer]"), ("x" * 300, "x" * 200),
    ("x" * 190 + " 197001019876", "x" * 190 + " [personnu"),
    ("x" * 195 + " 1970-01-01", "x" * 195),  # a number cut short leaves no digits behind
    ("\x00" * 5000 + "19700101-9876", "[personnummer]"),
])
def test_ren_text(text, vantad):
    assert ren_text(text) == vantad


# --- fuzzing: only ArendeFel ever escapes ------------------------------------------------------------------


def prova(data: str | bytes) -> None:
    try:
        svar = las_svar(data, "sara")
    except ArendeFel as felet:
        assert felet.meddelande != INTERNT_FEL, "ett fel i läsaren"
        assert felet.falt.startswith("ssbtek.sara")
        assert not innehaller_personnummer(str(felet)) and "\n" not in str(felet)
    else:
        assert not innehaller_personnummer(synligt(svar))


HELT = fx.helt_svar().encode("utf-8")
LEFI = json.dumps(fx.helt_lefi(), ensure_ascii=False)
# BISTAND_FUZZ_EXEMPEL=5000 for a longer run
FUZZ = settings(max_examples=int(os.environ.get("BISTAND_FUZZ_EXEMPEL", "300")), deadline=None,
                suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(st.binary(max_size=3000))
def test_fuzz_random_bytes(data):
    prova(data)
    prova(HELT[:200] + data)


@st.composite
def mutationer(draw, original: bytes):
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 8))):
        plats = draw(st.integers(0, len(data)))
        match draw(st.sampled_from(["byt", "ta bort", "lagg till", "upprepa"])):
            case "byt" if plats < len(data):
                data[plats] = draw(st.integers(0, 255))
            case "ta bort":
                del data[plats:plats + draw(st.integers(1, 40))]
            case "lagg till":
                data[plats:plats] = draw(st.sampled_from([b"<", b">", b"</", b"&", b"]]>", b"<![CDATA[", b"\x00",
                                                          b"1970", b"-", b"e", b"=", b'"', b"{", b"}", b"[", b"]"]))
            case "upprepa":
                bit = bytes(data[plats:plats + draw(st.integers(1, 200))])
                data[plats:plats] = bit * draw(st.integers(1, 5))
    return bytes(data)


@FUZZ
@given(mutationer(HELT))
def test_fuzz_mutated_whole_answer(data):
    prova(data)


@FUZZ
@given(mutationer(LEFI.encode("utf-8")))
def test_fuzz_mutated_lefi_json(data):
    prova(fx.svar(fx.fk(data)))


CSN = fx.csn_svar(fx.csn_person(flaggor="1000", studiemedel=fx.csn_arende(
    ("20260125", "Utbetald", "12345"), ("20260225", "Planerad", "12345"))))


@FUZZ
@given(mutationer(CSN.encode("utf-8")))
def test_fuzz_mutated_csn_document(data):
    prova(fx.svar(fx.block("CSN", f"<ssbt:svar>{fx.b64(data)}</ssbt:svar>")))


TEXTNODER = [i for i, tecken in enumerate(HELT.decode()[:-1]) if tecken == ">" and HELT.decode()[i + 1] != "<"]
JSON_VARDEN = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda under: st.lists(under, max_size=4) | st.dictionaries(st.text(max_size=10), under, max_size=4),
    max_leaves=10,
)


@FUZZ
@given(st.sampled_from(TEXTNODER), st.text(max_size=40))
def test_fuzz_values_of_the_whole_answer(plats, text):
    helt = HELT.decode()
    slut = helt.index("<", plats)
    varde = text.replace("&", "&amp;").replace("<", "&lt;").replace("]]>", "]]&gt;")
    prova(helt[:plats + 1] + varde + helt[slut:])


def lefi_sokvagar(varde, vag=()):
    if isinstance(varde, dict):
        for nyckel, under in varde.items():
            yield (*vag, nyckel)
            yield from lefi_sokvagar(under, (*vag, nyckel))
    elif isinstance(varde, list):
        for i, under in enumerate(varde):
            yield (*vag, i)
            yield from lefi_sokvagar(under, (*vag, i))


LEFI_SOKVAGAR = list(lefi_sokvagar(fx.helt_lefi()))


@FUZZ
@given(st.sampled_from(LEFI_SOKVAGAR), JSON_VARDEN)
def test_fuzz_values_of_the_lefi_json(vag, varde):
    lefi = fx.helt_lefi()
    objekt = lefi
    for steg in vag[:-1]:
        objekt = objekt[steg]
    objekt[vag[-1]] = varde
    prova(fx.svar(fx.fk(json.dumps(lefi, ensure_ascii=False))))


# --- the public example answers ----------------------------------------------------------------------------

EXEMPELSVAR = os.environ.get("BISTAND_SSBTEK_EXEMPELSVAR", "")
EXEMPELFILER = sorted(Path(EXEMPELSVAR).glob("*.xml")) if EXEMPELSVAR else []


@pytest.mark.skipif(not EXEMPELSVAR, reason="BISTAND_SSBTEK_EXEMPELSVAR anger ingen katalog med exempelsvar")
def test_every_example_answer_is_read():
    """The example answers of the public repository (``src/test/resources/fixture/*-response.xml``), from
    a directory named by ``BISTAND_SSBTEK_EXEMPELSVAR`` (not part of this repository)."""
    assert EXEMPELFILER, "katalogen har inga *.xml"
    for fil in EXEMPELFILER:
        svar = las(fil.read_bytes(), "exempel")
        assert svar.myndigheter and all(s.fel is None for s in svar.myndigheter.values()), fil.name
