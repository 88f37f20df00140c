"""Reading one person's SSBTEK answer (v10) safely into a ``Registersvar`` (*SSBTEK-läsaren*).

``las_svar(data, person)`` reads the SOAP 1.1 answer of SSBTEK's ``hamtaBastjanstInformation``
(``soap:Envelope/soap:Body/ssbt:hamtaBastjanstInformationResponse``, or the answer element alone):
``frageTidpunkt`` and, in ``svarsdata``, each agency block that was asked (AF, CSN, FK, SKV, SO, TNS, MIV),
each either ``data`` or ``error``. The shapes are those of the public schema,
``Sundsvallskommun/api-service-financial-aid@a018355:src/main/resources/contract/v10/`` (the SSBTEK v10
XSD ``se/forsakringskassan/schema/integration/ssbt/_10/sammansatt_bastjanst_v10.xsd`` and each agency's
schema beside it); elements are matched on their local name and namespace, whatever the prefix.

What is kept, per agency:

- **FK** (``lefiJsonSvar``, base64 of Försäkringskassan's LEFI JSON, read by ``lefi.py``): each provider's
  state, the information LEFI could not deliver, Försäkringskassan's and Pensionsmyndigheten's payments.
- **SO** (the a-kassor): each payment, net after tax (``NettoEfterSkatt``).
- **CSN** (``svar``, base64 of a ``CSNSvar`` document; v3.0 and v4.0 namespaces): a non-zero
  ``ResultatKod`` is an error; the kinds of study support the person has, and their payments (a payment
  is effected when its status is ``Utbetald`` or ``UTBETALAD``, planned when ``Planerad``).
  Hemutrustningslån is a loan for furniture, not study support, and is not kept.
- **SKV** (``svar``, an XML document as text): the capital income of each tax year.
- **AF**: the registration as a job seeker and decisions on benefits. ``ers_stod.xsd`` types
  ``StatusSokandeinformationKod`` as an integer and lists no codes; the only text for one, in the public
  test answer, is for 0 ("Frågan har behandlats normalt och ett giltigt svar har returnerats"). So 0 is a
  valid answer and any other code is read as the agency's own error (``Myndighetsfel`` with ``kalla``
  ``BT``), with its text as the message; a missing code is an error of the answer.
- **TNS**: each vehicle's kind, make and model year, never its registration number (data minimisation);
  ``resultat`` ``FEL`` is the agency's own error.
- **MIV**: each residence permit decision (type, its description, permanent or not, its dates).

**Identity.** Every identity the answer carries (the question echoed back, AF, SO, MIV, Skatteverket,
CSN's ``Person`` with its ``sekel``, LEFI's ``generellPersoninformation``) must be the same person, or the
answer is refused ("svaret gäller mer än en person"). Only ``identitet`` is kept: an HMAC of the ten
digits (a 10-digit form has no century) under a random key made when the process starts, so two answers
can be told apart within one process and the value means nothing outside it.

**Hostile input.** Every answer is taken as hostile. The XML is parsed by ``sakerxml.las_xml`` (no DTD,
entities or external references; bounded depth and element count, counted while parsing); the documents
inside it (CSN, Skatteverket) by the same parser under the same element budget; base64 strictly; the LEFI
JSON by ``arende.las.las_json`` (duplicate keys and deep nesting refused). The bounds are constants, here
(the answer, the documents inside it) and in ``svarsvarden.py`` (payments, amounts, dates). Every text kept
is stripped of control characters, masked for personnummer and cut to ``HOGSTA_TEXTLANGD``. Amounts are
finite and at most ``HOGSTA_BELOPP`` either way (Skatteverket's yearly capital income ``HOGSTA_KAPITAL``): a
negative net payment (a recovery) is a real event and is kept as it is, for the comparison to send to a
caseworker. Dates are calendar dates in the years 2000 to 2100, except those that describe a person's
history rather than a payment (a residence permit, a registration at Arbetsförmedlingen), from 1900.

Every error is an ``ArendeFel`` whose ``falt`` names the person, the agency and the element
(``ssbtek.sara.SO.ArbetsloshetsersattningLista.Arbetsloshetsersattning[1].Utbetalningar[2].NettoEfterSkatt``;
repeated elements numbered from 1, as in XPath; ``data`` left out) and whose message, one line in Swedish,
says what is wrong without quoting the answer.
"""

from __future__ import annotations

import base64
import binascii
import datetime
import hashlib
import math
import re
from collections.abc import Callable
from typing import Any, TypeVar
from xml.etree.ElementTree import Element
from zoneinfo import ZoneInfo

from openfisca_sweden_bistand.arende.validering import ArendeFel
from openfisca_sweden_bistand.kontroll.lefi import las_lefi
from openfisca_sweden_bistand.kontroll.registersvar import (
    MYNDIGHETER,
    Arbetssokande,
    Ersattningsbeslut,
    Fordon,
    Kapitaluppgift,
    Myndighetsfel,
    Myndighetssvar,
    Registersvar,
    Studiestod,
    Uppehallstillstand,
    Utbetalning,
)
from openfisca_sweden_bistand.kontroll.sakerxml import las_xml, namnrymd_och_namn
from openfisca_sweden_bistand.kontroll.svarsvarden import (
    FORSTA_DAG,
    FORSTA_HISTORISKA_DAG,
    HOGSTA_ANTAL_UTBETALNINGAR,
    HOGSTA_BELOPP,
    HOGSTA_KAPITAL,
    SISTA_DAG,
    Lasning,
    kontrollera_period,
    ren_text,
    skar,
    som_belopp,
    som_dag,
    som_heltal,
    som_historisk_dag,
    som_kalenderdag,
    som_kapital,
    som_sanning,
    som_text,
)

__all__ = [
    "FORSTA_DAG", "FORSTA_HISTORISKA_DAG", "HOGSTA_ANTAL_FELMEDDELANDEN", "HOGSTA_ANTAL_UTBETALNINGAR",
    "HOGSTA_AVKODAT", "HOGSTA_BELOPP", "HOGSTA_KAPITAL", "HOGSTA_STORLEK", "INTERNT_FEL", "SISTA_DAG", "TIDSZON",
    "las_svar", "person_i_falt", "ren_text",
]

# Bytes of one answer as received (a real answer is some tens of kB; the bound leaves room for years of
# payments and still keeps a parse well under a second).
HOGSTA_STORLEK = 4 * 1024 * 1024
# Bytes of a document carried inside the answer: decoded from a base64 field (FK's LEFI JSON, CSN's XML)
# or Skatteverket's XML text.
HOGSTA_AVKODAT = 2 * 1024 * 1024
# Messages kept from one agency's error block (the schema allows any number; the rest are left out).
HOGSTA_ANTAL_FELMEDDELANDEN = 20
TIDSZON = ZoneInfo("Europe/Stockholm")  # of a frageTidpunkt without an offset
INTERNT_FEL = "svaret kunde inte läsas (oväntat fel i läsaren); kontrollera uppgifterna manuellt"

NS_SOAP = "http://schemas.xmlsoap.org/soap/envelope/"
NS_SSBT = "http://schema.forsakringskassan.se/integration/ssbt/10"
NS_AF = "http://api.arbetsformedlingen.se/arbetssokande/ersattningsstod/v2"
NS_SO = "http://INT014.UBPService.Schemas"
NS_SKV = "http://beskattningws.ws.service.bs.zg.rsv.se/"
NS_TNS = "http://schema.transportstyrelsen.se/ssbtek/hamtauppgifterresponder/1"
NS_TNS_FORDON = "http://schema.transportstyrelsen.se/ssbtek/fordon/1"
NS_MIV = "http://schema.migrationsverket.se/ssbtek/1/"
NS_XSI = "http://www.w3.org/2001/XMLSchema-instance"
_CSN_NAMNRYMD = re.compile(r"http://schema\.csn\.se/v[0-9]{1,2}\.[0-9]{1,2}/[a-z]{1,30}")
_SKV_NAMNRYMD = re.compile(r"http://xmls\.skatteverket\.se/[A-Za-z0-9/._-]{1,200}")
_CSN_DATUM = re.compile(r"([0-9]{4})-?([0-9]{2})-?([0-9]{2})")
_TIDPUNKT = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]{1,9}))?"
    r"(Z|([+-])([0-9]{2}):([0-9]{2}))?"
)

_T = TypeVar("_T")
Namnrymder = Callable[[str], bool]


def _bara(*namnrymder: str) -> Namnrymder:
    tillatna = frozenset(namnrymder)
    return tillatna.__contains__


def _csn(namnrymd: str) -> bool:
    return _CSN_NAMNRYMD.fullmatch(namnrymd) is not None


def _skv(namnrymd: str) -> bool:
    return _SKV_NAMNRYMD.fullmatch(namnrymd) is not None


def _csn_dag(text: str, falt: str) -> datetime.date:
    """CSN's date: ``YYYYMMDD`` (csntyper ``datum``), or ``YYYY-MM-DD``."""
    traff = _CSN_DATUM.fullmatch(text)
    if not traff:
        raise ArendeFel(falt, "är inget datum (ÅÅÅÅMMDD)")
    ar, manad, dag = traff.groups()
    return som_kalenderdag(ar, manad, dag, falt, FORSTA_DAG)


def _tidpunkt(text: str, falt: str) -> datetime.datetime:
    """An ``xs:dateTime``, timezone-aware: one without an offset is Swedish time."""
    traff = _TIDPUNKT.fullmatch(text)
    if not traff:
        raise ArendeFel(falt, "är ingen tidpunkt (ÅÅÅÅ-MM-DDTHH:MM:SS)")
    ar, manad, dag, timme, minut, sekund, brak, zon, tecken, zontimme, zonminut = traff.groups()
    datum = som_kalenderdag(ar, manad, dag, falt, FORSTA_DAG)
    if zon is None:
        tidszon: datetime.tzinfo = TIDSZON
    elif zon == "Z":
        tidszon = datetime.UTC
    else:
        forskjutning = datetime.timedelta(hours=int(zontimme), minutes=int(zonminut))
        if forskjutning > datetime.timedelta(hours=14) or int(zonminut) >= 60:
            raise ArendeFel(falt, "har en ogiltig tidszon")
        tidszon = datetime.timezone(-forskjutning if tecken == "-" else forskjutning)
    try:
        klocka = datetime.time(int(timme), int(minut), int(sekund), int((brak or "0")[:6].ljust(6, "0")))
    except ValueError:
        raise ArendeFel(falt, "är ingen giltig tidpunkt") from None
    return datetime.datetime.combine(datum, klocka, tzinfo=tidszon)


class _Nod:
    """An element of the answer, with its field path and the namespaces its children may have."""

    __slots__ = ("element", "falt", "namnrymder", "_barn")

    def __init__(self, element: Element, falt: str, namnrymder: Namnrymder,
                 barn: dict[str, list[tuple[str, Element]]] | None = None) -> None:
        self.element = element
        self.falt = falt
        self.namnrymder = namnrymder
        self._barn = barn  # the children by local name: (namespace, element), in document order

    def med(self, namnrymder: Namnrymder) -> _Nod:
        return _Nod(self.element, self.falt, namnrymder, self._barn)

    def _index(self) -> dict[str, list[tuple[str, Element]]]:
        """The children by local name, made at the first look: each tag split once (as ``namnrymd_och_namn``
        does), not once for every name looked for."""
        if self._barn is None:
            barn: dict[str, list[tuple[str, Element]]] = {}
            for element in self.element:
                tagg = element.tag
                if tagg[:1] == "{":
                    namnrymd, _, lokalt = tagg[1:].partition("}")
                else:
                    namnrymd, lokalt = "", tagg
                barn.setdefault(lokalt, []).append((namnrymd, element))
            self._barn = barn
        return self._barn

    def _matchande(self, namn: str) -> list[Element]:
        ut = []
        for namnrymd, element in self._index().get(namn, ()):
            if not self.namnrymder(namnrymd):
                raise ArendeFel(f"{self.falt}.{namn}", "elementet har en okänd namnrymd")
            ut.append(element)
        return ut

    def alla(self, namn: str) -> list[_Nod]:
        """Every child named ``namn``, numbered from 1 in its field path."""
        return [_Nod(e, f"{self.falt}.{namn}[{i}]", self.namnrymder) for i, e in enumerate(self._matchande(namn), 1)]

    def _ett(self, namn: str, kravs: bool = False) -> Element | None:
        """The one child element named ``namn`` (None when absent, unless ``kravs``); twice is an error."""
        par = self._index().get(namn)
        if par is not None and len(par) == 1 and self.namnrymder(par[0][0]):
            return par[0][1]  # the common case, checked as below
        traffar = self._matchande(namn)
        if len(traffar) > 1:
            raise ArendeFel(f"{self.falt}.{namn}", "elementet förekommer mer än en gång")
        if not traffar:
            if kravs:
                raise ArendeFel(f"{self.falt}.{namn}", "saknas")
            return None
        return traffar[0]

    def en(self, namn: str, kravs: bool = False) -> _Nod | None:
        """The one child named ``namn`` (None when absent, unless ``kravs``); twice is an error."""
        element = self._ett(namn, kravs)
        return None if element is None else _Nod(element, f"{self.falt}.{namn}", self.namnrymder)

    def maste(self, namn: str) -> _Nod:
        nod = self.en(namn, kravs=True)
        assert nod is not None
        return nod

    def varde(self) -> str:
        return (self.element.text or "").strip()

    def nil(self) -> bool:
        return self.element.get(f"{{{NS_XSI}}}nil", "").strip() in ("true", "1")

    def hamta(self, namn: str, tolk: Callable[[str, str], _T]) -> _T | None:
        """The child's text read by ``tolk``; None when the child is absent or empty."""
        element = self._ett(namn)
        varde = (element.text or "").strip() if element is not None else ""
        return tolk(varde, f"{self.falt}.{namn}") if varde else None

    def krav(self, namn: str, tolk: Callable[[str, str], _T]) -> _T:
        """The child's text read by ``tolk``; an error when the child is absent or empty."""
        element = self._ett(namn, kravs=True)
        assert element is not None
        varde = (element.text or "").strip()
        if not varde:
            raise ArendeFel(f"{self.falt}.{namn}", "är tomt")
        return tolk(varde, f"{self.falt}.{namn}")

    def text(self, namn: str) -> str:
        """The child's text as kept (``ren_text``), "" when absent."""
        return ren_text(self.hamta(namn, som_text))


# --- the envelope and the agency blocks -------------------------------------------------------------------


def _las_fel(fel: _Nod) -> Myndighetsfel:
    kalla = fel.krav("kalla", som_text)
    if kalla not in ("SSBT", "BT"):
        raise ArendeFel(f"{fel.falt}.kalla", "okänd felkälla (väntat SSBT eller BT)")
    meddelanden = tuple(ren_text(m.varde()) for m in fel.alla("felmeddelande")[:HOGSTA_ANTAL_FELMEDDELANDEN])
    return Myndighetsfel(kalla=kalla, felkod=fel.text("felkod"), felmeddelande=meddelanden)


def _las_af(data: _Nod, las: Lasning) -> Myndighetssvar:
    """Arbetsförmedlingen (``ers_stod.xsd``, ``SvarMeddelande``: ``Fraga`` and ``Svar``)."""
    data = data.med(_bara(NS_AF))
    fraga = data.en("Fraga")
    if fraga is not None:
        las.identitet(fraga.hamta("IdentitetsbeteckningFysiskPerson", som_text),
                      f"{fraga.falt}.IdentitetsbeteckningFysiskPerson")
    svar = data.maste("Svar")
    las.identitet(svar.hamta("IdentitetsbeteckningFysiskPerson", som_text),
                  f"{svar.falt}.IdentitetsbeteckningFysiskPerson")
    status = svar.krav("StatusSokandeinformationKod", som_heltal)
    if status != 0:
        # the code as a text kept (ren_text): any integer of up to 15 digits, so it may be a personnummer
        fel = Myndighetsfel("BT", ren_text(str(status)), (svar.text("StatusSokandeinformationKodText"),))
        return Myndighetssvar("AF", fel=fel)
    info = svar.en("ArbetssokandeInfo")
    ersattningar = []
    beslutinfo = svar.en("BeslutInfo")
    ekonomiska = beslutinfo.en("EkonomiskaBeslut") if beslutinfo else None
    for beslut in ekonomiska.alla("Beslut") if ekonomiska else []:
        fran, till = beslut.hamta("BeslutFrom", som_dag), beslut.hamta("BeslutTom", som_dag)
        kontrollera_period(fran, till, beslut.falt)
        ersattningar.append(Ersattningsbeslut(typ=beslut.text("ErsattningTyp"), fran=fran, till=till))
    if info is None:
        return Myndighetssvar("AF", arbetssokande=Arbetssokande(None, ersattningar=tuple(ersattningar)))
    omfattning = info.hamta("ArbetssokandeOmfattning", som_heltal)
    if omfattning is not None and not 0 <= omfattning <= 100:
        raise ArendeFel(f"{info.falt}.ArbetssokandeOmfattning", "ska vara 0–100 procent")
    arbetssokande = Arbetssokande(
        registrerad=info.hamta("Arbetssokande", som_sanning),
        registrerad_sedan=info.hamta("ArbetssokandeRegistrerad", som_historisk_dag),
        avaktualiserad=info.hamta("ArbetssokandeAvaktualiserad", som_historisk_dag),
        kategori=info.text("ArbetssokandeSKAT"),
        omfattning=omfattning,
        ersattningar=tuple(ersattningar),
    )
    return Myndighetssvar("AF", arbetssokande=arbetssokande)


def _las_so(data: _Nod, las: Lasning) -> Myndighetssvar:
    """The a-kassor (``UnemploymentBenefitPaymentService.xsd``, ``GetUnemploymentBenefitPaymentResponseType``)."""
    data = data.med(_bara(NS_SO))
    las.identitet(data.hamta("IdentificationNumber", som_text), f"{data.falt}.IdentificationNumber")
    lista = data.en("ArbetsloshetsersattningLista")
    utbetalningar = []
    for ersattning in lista.alla("Arbetsloshetsersattning") if lista else []:
        rader = ersattning.alla("Utbetalningar")
        las.rakna_utbetalningar(len(rader), ersattning.falt)
        for rad in rader:
            fran, till = rad.hamta("AvserFrom", som_dag), rad.hamta("AvserTom", som_dag)
            kontrollera_period(fran, till, rad.falt)
            utbetalningar.append(Utbetalning(
                myndighet="SO", formankod="SO:ARBETSLOSHETSERSATTNING", beskrivning="Arbetslöshetsersättning",
                belopp=rad.krav("NettoEfterSkatt", som_belopp), utbetalningsdag=rad.krav("Utbetalningsdatum", som_dag),
                period_fran=fran, period_till=till,
            ))
    return Myndighetssvar("SO", utbetalningar=tuple(utbetalningar))


def _las_tns(data: _Nod, las: Lasning) -> Myndighetssvar:
    """Transportstyrelsen (``HamtaUppgifterResponder_1.0.xsd``, ``fordon_1.0.xsd``): no registration numbers."""
    data = data.med(_bara(NS_TNS))
    resultat = data.krav("resultat", som_text)
    if resultat == "FEL":
        fel = data.alla("felresultat")
        felkod = fel[0].text("felkod") if fel else ""
        meddelanden = tuple(f.text("feltext") for f in fel[:HOGSTA_ANTAL_FELMEDDELANDEN])
        return Myndighetssvar("TNS", fel=Myndighetsfel("BT", felkod, meddelanden))
    if resultat != "OK":
        raise ArendeFel(f"{data.falt}.resultat", "okänt resultat (väntat OK eller FEL)")
    innehav = data.en("fordonsinnehav")
    fordon = []
    for nod in innehav.med(_bara(NS_TNS_FORDON)).alla("fordon") if innehav else []:
        ar = nod.hamta("fordonsar", som_text)
        fordonsar = int(ar) if ar and re.fullmatch(r"[0-9]{4}", ar) and 1880 <= int(ar) <= SISTA_DAG.year else None
        fordon.append(Fordon(fordonsslag=nod.text("fordonsslag"), fabrikat=nod.text("fabrikat"), fordonsar=fordonsar))
    return Myndighetssvar("TNS", fordon=tuple(fordon))


def _las_miv(data: _Nod, las: Lasning) -> Myndighetssvar:
    """Migrationsverket (``SSBTEKWebService_schema1.xsd``, ``findByPersonnummerResponse``; unqualified names)."""
    data = data.med(_bara("", NS_MIV))
    svar = data.en("response")
    if svar is None:
        return Myndighetssvar("MIV")
    las.identitet(svar.hamta("personnummer", som_text), f"{svar.falt}.personnummer")
    samling = svar.en("svarCollection")
    tillstand = []
    for beslut in samling.alla("svar") if samling else []:
        if beslut.nil():
            continue
        giltighet = beslut.hamta("giltighetstid", som_text)
        if giltighet not in (None, "PERMANENT", "TIDBEGRANSAT"):
            raise ArendeFel(f"{beslut.falt}.giltighetstid", "okänd giltighetstid (väntat PERMANENT eller TIDBEGRANSAT)")
        fran = beslut.hamta("fromDatum", som_historisk_dag)
        till = beslut.hamta("tomDatum", som_historisk_dag)
        kontrollera_period(fran, till, beslut.falt)
        tillstand.append(Uppehallstillstand(
            beslutstyp=beslut.text("beslutsTyp"), beskrivning=beslut.text("beslutsTypNamn"),
            permanent=giltighet == "PERMANENT", fran=fran, till=till,
        ))
    return Myndighetssvar("MIV", tillstand=tuple(tillstand))


def _las_skv(data: _Nod, las: Lasning) -> Myndighetssvar:
    """Skatteverket: ``svar`` holds the document ``SvarBeskattningsuppgifterEnligtSFS2008-975`` as text."""
    data = data.med(_bara("", NS_SKV, NS_SSBT))
    nod = data.maste("svar")
    text = nod.varde()
    if not text:
        raise ArendeFel(nod.falt, "är tomt")
    inre = text.encode("utf-8")
    if len(inre) > HOGSTA_AVKODAT:
        raise ArendeFel(nod.falt, f"Skatteverkets svar är större än {HOGSTA_AVKODAT // (1024 * 1024)} MiB")
    rot = _Nod(las_xml(inre, nod.falt, "Skatteverkets svar", las.budget), nod.falt, _skv)
    namnrymd, namn = namnrymd_och_namn(rot.element.tag)
    if namn != "SvarBeskattningsuppgifterEnligtSFS2008-975" or not _skv(namnrymd):
        raise ArendeFel(nod.falt, "Skatteverkets svar är inget SvarBeskattningsuppgifterEnligtSFS2008-975")
    lista = rot.en("PersonuppgiftLista")
    kapital = []
    for person in lista.alla("Personuppgift") if lista else []:
        las.identitet(person.hamta("IdentitetsbeteckningFysiskPerson", som_text),
                      f"{person.falt}.IdentitetsbeteckningFysiskPerson")
        for uppgift in person.alla("Kapitaluppgift"):
            ar = uppgift.krav("Taxeringsar", som_heltal)
            if not FORSTA_DAG.year <= ar <= SISTA_DAG.year:
                raise ArendeFel(f"{uppgift.falt}.Taxeringsar", f"ska vara ett år {FORSTA_DAG.year}–{SISTA_DAG.year}")
            kapital.append(Kapitaluppgift(
                taxeringsar=ar, summa_intakter=uppgift.krav("SummaIntakterPaKapital", som_kapital),
                overskott=uppgift.krav("OverskottPaKapital", som_kapital),
            ))
    return Myndighetssvar("SKV", kapital=tuple(kapital))


def _avkoda_base64(nod: _Nod, vad: str) -> bytes:
    """The bytes of a base64 field, strictly (white space allowed, as ``xs:base64Binary`` does)."""
    kompakt = (nod.element.text or "").replace(" ", "").replace("\t", "").replace("\r", "").replace("\n", "")
    if not kompakt:
        raise ArendeFel(nod.falt, "är tomt")
    if len(kompakt) > 4 * math.ceil(HOGSTA_AVKODAT / 3):
        raise ArendeFel(nod.falt, f"{vad} är större än {HOGSTA_AVKODAT // (1024 * 1024)} MiB")
    try:
        return base64.b64decode(kompakt, validate=True)
    except (binascii.Error, ValueError):
        raise ArendeFel(nod.falt, "är inte giltig base64") from None


# CSN: (element, flag in Studiestodstypforteckning, benefit code, name); not HemutrustningsLan (a loan).
_CSN_STOD = (
    ("Studiemedel", "studiemedel", "CSN:STUDIEMEDEL", "Studiemedel"),
    ("Studiehjalp", "studiehjalp", "CSN:STUDIEHJALP", "Studiehjälp"),
    ("Studiestartsstod", "studiestartsstod", "CSN:STUDIESTARTSSTOD", "Studiestartsstöd"),
    ("Omstallningsstudiestod", "omstallningsstudiestod", "CSN:OMSTALLNINGSSTUDIESTOD", "Omställningsstudiestöd"),
)


def _csn_flagga(text: str, falt: str) -> bool:
    """A flag of ``Studiestodstypforteckning`` (an ``xs:string``): 1, true or J means the person has it."""
    if text.lower() in ("1", "true", "j"):
        return True
    if text.lower() in ("0", "false", "n"):
        return False
    raise ArendeFel(falt, "ska vara 1 eller 0")


def _csn_utbetald(text: str, falt: str) -> bool:
    if text in ("Utbetald", "UTBETALAD"):
        return True
    if text == "Planerad":
        return False
    raise ArendeFel(falt, "okänd utbetalningsstatus (väntat Utbetald, UTBETALAD eller Planerad)")


def _las_csn_person(person: _Nod, las: Lasning) -> tuple[list[Studiestod], list[Utbetalning]]:
    las.identitet(person.element.get("personnummer"), f"{person.falt}.personnummer",
                  sekel=(person.element.get("sekel") or "").strip() or None)
    typer = person.en("Studiestodstypforteckning")
    stod, utbetalningar = [], []
    for element, flagga, formankod, namn in _CSN_STOD:
        har = bool(typer and typer.hamta(flagga, _csn_flagga))
        block = person.en(element)
        arenden = block.en("Arenden") if block else None
        for arende in arenden.alla("Arende") if arenden else []:
            har = True
            beskrivning = arende.text("klartext") or namn
            plan = arende.en("UtbetalningsPlan")
            rader = plan.alla("Utbetalning") if plan else []
            las.rakna_utbetalningar(len(rader), arende.falt)
            utbetalningar += [Utbetalning(
                myndighet="CSN", formankod=formankod, beskrivning=beskrivning,
                belopp=rad.krav("totbelopp", som_belopp), utbetalningsdag=rad.krav("utbetdatum", _csn_dag),
                preliminar=not rad.krav("utbetstatus", _csn_utbetald),
            ) for rad in rader]
        if har:
            stod.append(Studiestod(stodform=flagga, beskrivning=namn))
    return stod, utbetalningar


def _las_csn(data: _Nod, las: Lasning) -> Myndighetssvar:
    """CSN (``csn/schema/v4_0/kommunfraga/kommunfraga.xsd``, ``CSNSvar``, base64 in ``svar``)."""
    nod = data.med(_bara(NS_SSBT)).maste("svar")
    rot = _Nod(las_xml(_avkoda_base64(nod, "CSN:s svar"), nod.falt, "CSN:s svar", las.budget), nod.falt, _csn)
    namnrymd, namn = namnrymd_och_namn(rot.element.tag)
    if namn != "CSNSvar" or not _csn(namnrymd):
        raise ArendeFel(nod.falt, "CSN:s svar är inget CSNSvar")
    resultat = rot.maste("GemensamtSvarEkbistand").maste("Resultat")
    kod = resultat.krav("ResultatKod", som_text)
    if kod.strip("0"):
        return Myndighetssvar("CSN", fel=Myndighetsfel("BT", ren_text(kod), (resultat.text("ResultatText"),)))
    personer = rot.en("Personer")
    stod: dict[str, Studiestod] = {}
    utbetalningar: list[Utbetalning] = []
    for person in personer.alla("Person") if personer else []:
        personens_stod, personens_utbetalningar = _las_csn_person(person, las)
        stod.update((s.stodform, s) for s in personens_stod)
        utbetalningar += personens_utbetalningar
    return Myndighetssvar("CSN", studiestod=tuple(stod.values()), utbetalningar=tuple(utbetalningar))


def _las_fk(data: _Nod, las: Lasning) -> Myndighetssvar:
    """Försäkringskassan and Pensionsmyndigheten: ``lefiJsonSvar``, base64 of the LEFI JSON (``lefi.py``)."""
    nod = data.med(_bara(NS_SSBT)).maste("lefiJsonSvar")
    return las_lefi(_avkoda_base64(nod, "LEFI-svaret"), nod.falt, las)


_LASARE: dict[str, Callable[[_Nod, Lasning], Myndighetssvar]] = {
    "AF": _las_af, "CSN": _las_csn, "FK": _las_fk, "SKV": _las_skv, "SO": _las_so, "TNS": _las_tns, "MIV": _las_miv,
}


def _las_block(block: _Nod, myndighet: str, las: Lasning) -> Myndighetssvar:
    """One agency block: ``error`` (``Myndighetsfel``) or ``data`` (the agency's reader)."""
    data, fel = block.en("data"), block.en("error")
    if (data is None) == (fel is None):
        raise ArendeFel(block.falt, "ska innehålla antingen data eller error")
    if fel is not None:
        return Myndighetssvar(myndighet, fel=_las_fel(fel))
    assert data is not None
    return _LASARE[myndighet](_Nod(data.element, block.falt, data.namnrymder), las)


def _svarselementet(rot: Element, las: Lasning) -> _Nod:
    """``hamtaBastjanstInformationResponse``, in a SOAP 1.1 envelope or alone."""
    namnrymd, namn = namnrymd_och_namn(rot.tag)
    if (namnrymd, namn) == (NS_SSBT, "hamtaBastjanstInformationResponse"):
        return _Nod(rot, las.bas, _bara(NS_SSBT))
    if (namnrymd, namn) != (NS_SOAP, "Envelope"):
        raise ArendeFel(las.bas, "svaret är inget SSBTEK-svar (hamtaBastjanstInformationResponse)")
    kropp = _Nod(rot, las.bas, _bara(NS_SOAP)).maste("Body")
    innehall = list(kropp.element)
    if len(innehall) != 1:
        raise ArendeFel(kropp.falt, "SOAP-kroppen ska innehålla exakt ett element")
    namnrymd, namn = namnrymd_och_namn(innehall[0].tag)
    if namn in ("Fault", "hamtaBastjanstInformationFault") and namnrymd in (NS_SOAP, NS_SSBT):
        raise ArendeFel(f"{kropp.falt}.{namn}", "svaret är ett felmeddelande från tjänsten, utan uppgifter")
    if (namnrymd, namn) != (NS_SSBT, "hamtaBastjanstInformationResponse"):
        raise ArendeFel(kropp.falt, "svaret är inget SSBTEK-svar (hamtaBastjanstInformationResponse)")
    return _Nod(innehall[0], las.bas, _bara(NS_SSBT))


def _myndighetsblocken(svar: _Nod, las: Lasning) -> dict[str, Myndighetssvar]:
    svarsdata = svar.maste("svarsdata")
    myndigheter: dict[str, Myndighetssvar] = {}
    for element in svarsdata.element:
        namnrymd, namn = namnrymd_och_namn(element.tag)
        if namnrymd != NS_SSBT or namn not in MYNDIGHETER:
            raise ArendeFel(svarsdata.falt, "okänt element i svarsdata")
        if namn in myndigheter:
            raise ArendeFel(f"{las.bas}.{namn}", "myndigheten förekommer mer än en gång i svaret")
        myndigheter[namn] = _las_block(_Nod(element, f"{las.bas}.{namn}", _bara(NS_SSBT)), namn, las)
    return myndigheter


def _som_bytes(data: bytes | str, falt: str) -> bytes:
    if isinstance(data, str):
        if len(data) > HOGSTA_STORLEK:  # a character is at least one byte
            raise ArendeFel(falt, f"svaret är större än {HOGSTA_STORLEK // (1024 * 1024)} MiB")
        try:
            return data.encode("utf-8")
        except UnicodeEncodeError:
            raise ArendeFel(falt, "svaret är inte giltig Unicode-text") from None
    if not isinstance(data, (bytes, bytearray)):
        raise ArendeFel(falt, "svaret ska vara text eller bytes")
    return bytes(data)


def _las(data: bytes | str, bas: str) -> Registersvar:
    radata = _som_bytes(data, bas)
    if len(radata) > HOGSTA_STORLEK:
        raise ArendeFel(bas, f"svaret är större än {HOGSTA_STORLEK // (1024 * 1024)} MiB")
    las = Lasning(bas)
    svar = _svarselementet(las_xml(radata, bas, "svaret", las.budget), las)
    fraga = svar.en("fraga")
    parametrar = fraga.en("generellaFrageparametrar") if fraga else None
    if parametrar is not None:
        las.identitet(parametrar.hamta("personidentitet", som_text), f"{parametrar.falt}.personidentitet")
    hamtad = svar.hamta("frageTidpunkt", _tidpunkt)
    myndigheter = _myndighetsblocken(svar, las)
    return Registersvar(myndigheter=myndigheter, sha256=hashlib.sha256(radata).hexdigest(), hamtad=hamtad,
                        identitet=las.samma_person())


def person_i_falt(person: Any) -> str:
    """The case's id for the person as it may stand in a field path: cleaned, masked, at most 40 characters."""
    if not isinstance(person, str):
        return "?"
    return skar(ren_text(person), 40) or "?"


def las_svar(data: bytes | str, person: str) -> Registersvar:
    """Read one person's SSBTEK v10 answer (``data``: the bytes as received, or their text) into a
    ``Registersvar``. ``person`` is the case's id for the person (``sara``), used only in error fields.

    Raises ``ArendeFel`` (and nothing else) for an answer that cannot be read whole: its ``falt`` is
    ``ssbtek.<person>.<agency>.<element>…`` and its message says what is wrong without quoting the answer.
    An agency's own error block is no error of the answer: it is the agency's ``Myndighetssvar.fel``."""
    bas = f"ssbtek.{person_i_falt(person)}"
    try:
        return _las(data, bas)
    except ArendeFel:
        raise
    except Exception:  # a fault in this reader: still one line, no traceback, nothing from the answer
        raise ArendeFel(bas, INTERNT_FEL) from None
