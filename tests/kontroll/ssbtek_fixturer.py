"""Synthetic SSBTEK v10 answers for the reader's tests, written from the public schema
(``Sundsvallskommun/api-service-financial-aid@a018355:src/main/resources/contract/v10/``), shaped like its
example answers (``src/test/resources/fixture/<agency>-response.xml``) but with made-up people and values.

Every answer is built from parts, so a test can change one: ``svar(block, …)`` wraps agency blocks in the
SOAP envelope; ``af()``, ``so()`` … build one agency's ``data`` block; ``lefi()`` and ``csn_svar()`` the
documents FK and CSN carry in base64; ``helt_svar()`` is one person's answer from all seven agencies.
"""

import base64
import json
from typing import Any

PNR = "197001019876"  # synthetic: the test person
ANNAT_PNR = "198502029871"  # synthetic: somebody else

NS_SOAP = "http://schemas.xmlsoap.org/soap/envelope/"
NS_SSBT = "http://schema.forsakringskassan.se/integration/ssbt/10"
NS_AF = "http://api.arbetsformedlingen.se/arbetssokande/ersattningsstod/v2"
NS_SO = "http://INT014.UBPService.Schemas"
NS_TNS = "http://schema.transportstyrelsen.se/ssbtek/hamtauppgifterresponder/1"
NS_FORDON = "http://schema.transportstyrelsen.se/ssbtek/fordon/1"


def svar(*block: str, tidpunkt: str | None = None, kuvert: bool = True, fore: str = "") -> str:
    """An answer with the agency blocks ``block`` (each ``<ssbt:AF>…</ssbt:AF>``) in ``svarsdata``."""
    tid = f"<ssbt:frageTidpunkt>{tidpunkt}</ssbt:frageTidpunkt>" if tidpunkt else ""
    svaret = (
        f'<ssbt:hamtaBastjanstInformationResponse xmlns:ssbt="{NS_SSBT}">{fore}{tid}'
        f"<ssbt:svarsdata>{''.join(block)}</ssbt:svarsdata></ssbt:hamtaBastjanstInformationResponse>"
    )
    if not kuvert:
        return svaret
    return f'<soap:Envelope xmlns:soap="{NS_SOAP}"><soap:Body>{svaret}</soap:Body></soap:Envelope>'


def block(myndighet: str, data: str) -> str:
    return f"<ssbt:{myndighet}><ssbt:data>{data}</ssbt:data></ssbt:{myndighet}>"


def felblock(myndighet: str, kalla: str, felkod: str, *meddelanden: str) -> str:
    texter = "".join(f"<ssbt:felmeddelande>{m}</ssbt:felmeddelande>" for m in meddelanden)
    return (f"<ssbt:{myndighet}><ssbt:error><ssbt:kalla>{kalla}</ssbt:kalla><ssbt:felkod>{felkod}</ssbt:felkod>"
            f"{texter}</ssbt:error></ssbt:{myndighet}>")


def b64(data: str | bytes) -> str:
    return base64.b64encode(data.encode() if isinstance(data, str) else data).decode("ascii")


# --- Arbetsförmedlingen -----------------------------------------------------------------------------------

def af(pnr: str = PNR, status: int = 0, info: str | None = None, beslut: str = "") -> str:
    info = info if info is not None else (
        "<af:ArbetssokandeInfo><af:Arbetssokande>true</af:Arbetssokande>"
        "<af:ArbetssokandeSKAT>Arbetslös</af:ArbetssokandeSKAT>"
        "<af:ArbetssokandeRegistrerad>2025-08-04+02:00</af:ArbetssokandeRegistrerad>"
        "<af:ArbetssokandeOmfattning>100</af:ArbetssokandeOmfattning></af:ArbetssokandeInfo>"
    )
    statustext = "Giltigt svar" if status == 0 else "Personen finns inte"
    return block("AF", (
        f'<af:Svar xmlns:af="{NS_AF}"><af:Schemaversion>4.0</af:Schemaversion>'
        f"<af:Referensnummer>REF-1</af:Referensnummer><af:IdentitetsbeteckningFysiskPerson>{pnr}"
        "</af:IdentitetsbeteckningFysiskPerson><af:Fornamn>Testa</af:Fornamn><af:Efternamn>Testsson</af:Efternamn>"
        f"<af:Sekretessmarkering>false</af:Sekretessmarkering>{info}{beslut}"
        "<af:Akassetillhorighet>Testkassan</af:Akassetillhorighet>"
        f"<af:StatusSokandeinformationKod>{status}</af:StatusSokandeinformationKod>"
        f"<af:StatusSokandeinformationKodText>{statustext}</af:StatusSokandeinformationKodText></af:Svar>"
    ))


# --- the a-kassor ------------------------------------------------------------------------------------------

def so_utbetalning(dag: str, netto: str, fran: str, tom: str) -> str:
    return (f"<so:Utbetalningar><so:Utbetalningsdatum>{dag}</so:Utbetalningsdatum>"
            f"<so:NettoEfterSkatt>{netto}</so:NettoEfterSkatt><so:NettoEfterAvdrag>{netto}</so:NettoEfterAvdrag>"
            f"<so:Ersattningsdagar>5</so:Ersattningsdagar><so:AvserFrom>{fran}</so:AvserFrom>"
            f"<so:AvserTom>{tom}</so:AvserTom></so:Utbetalningar>")


def so(*utbetalningar: str, pnr: str = PNR) -> str:
    return block("SO", (
        f'<so:OrganisationsnummerIngivare xmlns:so="{NS_SO}">2120000000</so:OrganisationsnummerIngivare>'
        f'<so:NamnIngivare xmlns:so="{NS_SO}">Provkommunen</so:NamnIngivare>'
        f'<so:IdentificationNumber xmlns:so="{NS_SO}">{pnr}</so:IdentificationNumber>'
        f'<so:ArbetsloshetsersattningLista xmlns:so="{NS_SO}"><so:Arbetsloshetsersattning>'
        "<so:SvarandeOrganisation>Provkassan</so:SvarandeOrganisation>"
        f"<so:StatusSvarandeOrganisation>OK</so:StatusSvarandeOrganisation>{''.join(utbetalningar)}"
        "</so:Arbetsloshetsersattning></so:ArbetsloshetsersattningLista>"
    ))


# --- CSN ---------------------------------------------------------------------------------------------------

def csn_svar(personer: str | None = None, resultatkod: str = "0", version: str = "4.0") -> str:
    if personer is None:
        personer = csn_person()
    return (
        f'<CSNSvar schemaVersion="{version}" xmlns="http://schema.csn.se/v{version}/kommunfraga" '
        f'xmlns:p="http://schema.csn.se/v{version}/person" xmlns:t="http://schema.csn.se/v{version}/csntyper" '
        f'xmlns:sm="http://schema.csn.se/v{version}/studiemedel">'
        f"<GemensamtSvarEkbistand><Resultat><ResultatKod>{resultatkod}</ResultatKod>"
        "<ResultatText>Provtext</ResultatText></Resultat></GemensamtSvarEkbistand>"
        f"<GemensamtFragaEkbistand/><Personer>{personer}</Personer></CSNSvar>"
    )


def csn_person(pnr: str = PNR, flaggor: str = "0000", studiemedel: str = "", hemutrustning: str = "") -> str:
    namn = ("studiemedel", "studiehjalp", "hemutrustningslan", "studiestartsstod")
    typer = "".join(f"<t:{n}>{f}</t:{n}>" for n, f in zip(namn, flaggor, strict=True))
    return (
        f'<Person personnummer="{pnr[2:]}" Status="          " sekretess="  " sekel="{pnr[:2]}">'
        f"<p:Studiestodstypforteckning>{typer}</p:Studiestodstypforteckning>"
        f"<p:Studiemedel>{studiemedel}</p:Studiemedel><p:Studiehjalp/>"
        f"<p:HemutrustningsLan>{hemutrustning}</p:HemutrustningsLan><p:Studiestartsstod/>"
        "</Person>"
    )


def csn_arende(*utbetalningar: tuple[str, str, str], klartext: str = "Studiemedel Sverige") -> str:
    """A studiemedel case; each payment (utbetdatum YYYYMMDD, utbetstatus, totbelopp)."""
    rader = "".join(
        f"<sm:Utbetalning><t:utbetdatum>{dag}</t:utbetdatum><t:utbetstatus>{status}</t:utbetstatus>"
        f"<t:Utbetaldatider/><t:totbelopp>{belopp}</t:totbelopp></sm:Utbetalning>"
        for dag, status, belopp in utbetalningar
    )
    return (f'<p:Arenden><p:Arende lopnummer="1"><sm:stodform>GRUND</sm:stodform>'
            f"<sm:klartext>{klartext}</sm:klartext><sm:status>BESLUTAD</sm:status>"
            f"<sm:soktaTider/><sm:BeviljadeTider/><sm:UtbetalningsPlan>{rader}</sm:UtbetalningsPlan>"
            "</p:Arende></p:Arenden>")


def csn(dokument: str | None = None) -> str:
    return block("CSN", f"<ssbt:svar>{b64(dokument if dokument is not None else csn_svar())}</ssbt:svar>")


# --- Försäkringskassan and Pensionsmyndigheten (LEFI) ------------------------------------------------------

def fk_utbetalning(dag: str, netto: float, familj: str, beskrivning: str, typ: int = 1, foretag: int = 1001,
                   fran: str | None = None, till: str | None = None) -> dict[str, Any]:
    period = {k: v for k, v in (("fran", fran), ("till", till)) if v is not None}
    return {
        "typ": {"id": typ, "beskrivning": "Provtyp"}, "foretag": {"id": foretag, "beskrivning": "Provföretag"},
        "formansfamilj": {"id": familj, "beskrivning": beskrivning}, "datum": dag, "period": period,
        "bruttobelopp": {"summa": netto * 1.3, "valuta": "SEK"}, "nettobelopp": {"summa": netto, "valuta": "SEK"},
        "utbetalningsdetalj": [{"forman": {"id": familj, "beskrivning": beskrivning},
                                "beloppstyp": {"id": familj, "beskrivning": beskrivning}, "dagar": 20}],
    }


def pm_utbetalning(dag: str, netto: int, *grupper: tuple[str, str], fran: str = "2026-02-01",
                   tom: str = "2026-02-28") -> dict[str, Any]:
    return {
        "utbetalningsdatum": dag, "utbetalningsperiod": {"from": fran, "tom": tom},
        "bruttobelopp": netto + 1000, "nettobelopp": netto,
        "avdrag": [{"belopp": 1000, "avdragstyp": {"kod": "PM:PS", "beskrivning": "Preliminär skatt"}}],
        "utbetalningsrader": [
            {"formansgrupp": {"kod": kod, "beskrivning": beskrivning}, "belopp": netto + 1000,
             "utbetalningsforman": {"kod": "PM:AP38", "beskrivning": "Provförmån"},
             "beloppstyp": {"kod": "PM:IP", "beskrivning": "Provbelopp"}}
            for kod, beskrivning in grupper
        ],
    }


def lefi(utbetalningsuppgift: list[Any] | None = None, preliminarautbetalningar: list[Any] | None = None,
         utbetalningar: list[Any] | None = None, preliminara: list[Any] | None = None, pm: str = "OK",
         pnr: str | None = PNR, avvikelser: Any = None) -> dict[str, Any]:
    formansinformation: dict[str, Any] = {
        "utbetalningsuppgift": utbetalningsuppgift or [], "preliminarautbetalningar": preliminarautbetalningar or [],
    }
    if pnr is not None:
        formansinformation["generellPersoninformation"] = [{"personnummer": pnr, "skyddad": False}]
    return {
        "utlamnare": [
            {"utlamnare": {"kod": "FK", "namn": "Försäkringskassan"}, "tillstand": {"kod": "OK"}},
            {"utlamnare": {"kod": "PM", "namn": "Pensionsmyndigheten"}, "tillstand": {"kod": pm}},
        ],
        "avvikelser": [] if avvikelser is None else avvikelser,
        "formansinformation": formansinformation,
        "utbetalningar": utbetalningar or [], "preliminaraUtbetalningar": preliminara or [],
    }


def fk(data: dict[str, Any] | str | bytes | None = None) -> str:
    if data is None:
        data = lefi()
    text = json.dumps(data, ensure_ascii=False) if isinstance(data, dict) else data
    return block("FK", f"<ssbt:lefiJsonSvar>{b64(text)}</ssbt:lefiJsonSvar>")


# --- Skatteverket ------------------------------------------------------------------------------------------

def skv_svar(pnr: str = PNR, kapital: str | None = None) -> str:
    kapital = kapital if kapital is not None else (
        "<Kapitaluppgift><b:Taxeringsar>2025</b:Taxeringsar><b:SummaIntakterPaKapital>2400</b:SummaIntakterPaKapital>"
        "<b:OverskottPaKapital>1800</b:OverskottPaKapital></Kapitaluppgift>"
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<SvarBeskattningsuppgifterEnligtSFS2008-975 '
        'xmlns="http://xmls.skatteverket.se/se/skatteverket/zg/instans/standardiseradInformation/1.0" '
        'xmlns:b="http://xmls.skatteverket.se/se/skatteverket/zg/komponent/infoForBeskattning/1.0" '
        'xmlns:f="http://xmls.skatteverket.se/se/skatteverket/zg/komponent/infoForFolkbokforing/1.0">'
        f"<PersonuppgiftLista><Personuppgift><f:IdentitetsbeteckningFysiskPerson>{pnr}"
        "</f:IdentitetsbeteckningFysiskPerson><f:Fornamn>Testa</f:Fornamn><f:Efternamn>Testsson</f:Efternamn>"
        f"<StatusPersonuppgiftKod>0</StatusPersonuppgiftKod>{kapital}</Personuppgift></PersonuppgiftLista>"
        "</SvarBeskattningsuppgifterEnligtSFS2008-975>"
    )


def skv(dokument: str | None = None) -> str:
    return block("SKV", f"<svar><![CDATA[{dokument if dokument is not None else skv_svar()}]]></svar>")


# --- Transportstyrelsen and Migrationsverket ---------------------------------------------------------------

def tns_fordon(regnr: str, fabrikat: str, ar: str, slag: str) -> str:
    return (f"<fordon:fordon><fordon:regnr>{regnr}</fordon:regnr><fordon:fabrikat>{fabrikat}</fordon:fabrikat>"
            f"<fordon:fordonsar>{ar}</fordon:fordonsar><fordon:fordonsslag>{slag}</fordon:fordonsslag>"
            "<fordon:handelsbeteckning>Provmodell</fordon:handelsbeteckning></fordon:fordon>")


def tns(*fordon: str, resultat: str = "OK", fel: str = "") -> str:
    return block("TNS", (
        f'<tns:resultat xmlns:tns="{NS_TNS}">{resultat}</tns:resultat>'
        f'<tns:fordonsinnehav xmlns:tns="{NS_TNS}" xmlns:fordon="{NS_FORDON}">{"".join(fordon)}</tns:fordonsinnehav>'
        f"{fel}"
    ))


def miv_beslut(typ: str = "TUT", namn: str = "TIDSBEGRÄNSAT UPPEHÅLLSTILLSTÅND", giltighet: str = "TIDBEGRANSAT",
               fran: str | None = "2025-06-01+02:00", tom: str | None = "2027-05-31+02:00") -> str:
    fran_element = f"<fromDatum>{fran}</fromDatum>" if fran else ""
    tom_element = f"<tomDatum>{tom}</tomDatum>" if tom else ""
    return (f"<svar><arendeTyp>UAT</arendeTyp><beslutsKod>BEV</beslutsKod><beslutsTyp>{typ}</beslutsTyp>"
            f"<beslutsTypNamn>{namn}</beslutsTypNamn><beslutsdatum>2025-05-20+02:00</beslutsdatum>"
            f"{fran_element}<giltighetstid>{giltighet}</giltighetstid>{tom_element}</svar>")


def miv(*beslut: str, pnr: str = PNR) -> str:
    return block("MIV", (
        "<response><korrelationsid>prov-1</korrelationsid><correlationid>prov-1</correlationid>"
        f"<efternamn>Testsson</efternamn><fornamn>Testa</fornamn><personnummer>{pnr}</personnummer>"
        f"<svarCollection>{''.join(beslut)}</svarCollection></response>"
    ))


# --- one person's whole answer -----------------------------------------------------------------------------

def helt_lefi() -> dict[str, Any]:
    """FK: sjukpenning paid 2026-02-20, bostadsbidrag (a month without a day), a retro payment, a preliminary
    one; PM: a pension, and a preliminary payment for two benefit groups."""
    return lefi(
        utbetalningsuppgift=[
            fk_utbetalning("2026-02-20", 8123.5, "SJP", "Sjukpenning", typ=2, fran="2026-01-19", till="2026-02-15"),
            fk_utbetalning("2026-02-24", 1500, "BOB", "Bostadsbidrag", typ=1, fran="2026-02"),
            fk_utbetalning("2026-02-27", 640, "FK:BOB", "Bostadsbidrag", typ=3, fran="2025-11", till="2025-12"),
        ],
        preliminarautbetalningar=[
            fk_utbetalning("2026-03-20", 7950, "SJP", "Sjukpenning", typ=2, fran="2026-02-16", till="2026-03-15"),
        ],
        utbetalningar=[pm_utbetalning("2026-02-19", 4321, ("PM:AP", "Allmän pension"))],
        preliminara=[pm_utbetalning("2026-03-19", 5200, ("PM:AP", "Allmän pension"),
                                    ("PM:BTI", "Bostads- och inkomststöd"), fran="2026-03-01", tom="2026-03-31")],
    )


def helt_svar(tidpunkt: str | None = "2026-03-02T09:15:00") -> str:
    beslut = ("<af:BeslutInfo><af:EkonomiskaBeslut><af:Beslut><af:ErsattningTyp>Aktivitetsstöd</af:ErsattningTyp>"
              "<af:Omfattning>100</af:Omfattning><af:BeslutFrom>2026-01-01</af:BeslutFrom>"
              "<af:BeslutTom>2026-06-30</af:BeslutTom></af:Beslut></af:EkonomiskaBeslut></af:BeslutInfo>")
    return svar(
        af(beslut=beslut),
        csn(),
        fk(helt_lefi()),
        skv(),
        so(so_utbetalning("2026-02-05", "6100.50", "2026-01-05", "2026-01-30"),
           so_utbetalning("2026-03-05", "5950", "2026-02-02", "2026-02-27")),
        tns(tns_fordon("PRV123", "Provbil", "2014", "PERSONBIL")),
        miv(miv_beslut()),
        tidpunkt=tidpunkt,
    )
