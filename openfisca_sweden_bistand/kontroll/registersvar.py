"""What one SSBTEK answer says about one person, as typed data (*registersvar*).

``ssbtek.las_svar`` reads the SOAP answer (``hamtaBastjanstInformationResponse``, SSBTEK v10) into a
``Registersvar``; the comparison (``jamforelse.py``) reads nothing else. Every agency block of the answer
is either data or an error (``Myndighetsfel``); an agency that is not in the answer was not asked. Nothing
here holds a personnummer: the reader checks that every block is about the same person and keeps only a
salted hash of the identity (``identitet``), to tell two persons' answers apart in one process.

Every text taken from an answer (a benefit's description, an error message, a vehicle's make) is masked for
personnummer, stripped of control characters and cut to ``HOGSTA_TEXTLANGD`` by the reader.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from openfisca_sweden_bistand.arende.kallor import MYNDIGHETSNAMN

# The agency blocks of an SSBTEK v10 answer, in the schema's order (SammansattBastjanstSvarData), with
# their names. Pensionsmyndigheten (PM) answers inside Försäkringskassan's LEFI answer.
MYNDIGHETER: dict[str, str] = {kod: MYNDIGHETSNAMN[kod] for kod in ("AF", "CSN", "FK", "SKV", "SO", "TNS", "MIV")}
PM = "PM"
HOGSTA_TEXTLANGD = 200


@dataclass(frozen=True)
class Myndighetsfel:
    """An agency block that is an ``error``: where the error arose (``SSBT``: the composite service, e.g. a
    timeout; ``BT``: the agency's own service), its code and messages."""

    kalla: str
    felkod: str
    felmeddelande: tuple[str, ...]


@dataclass(frozen=True)
class Utbetalning:
    """One payment: an effected one, or a preliminary (planned) one."""

    myndighet: str  # FK, PM, SO or CSN
    formankod: str  # FK:SJP, PM:AP, SO:ARBETSLOSHETSERSATTNING, CSN:STUDIEMEDEL … (the kod of formankoder.yaml)
    beskrivning: str  # the agency's own words for the benefit, from the answer
    belopp: float  # kronor paid out, after tax (FK/PM nettobelopp, SO NettoEfterSkatt, CSN totbelopp)
    utbetalningsdag: datetime.date
    period_fran: datetime.date | None = None  # the period the payment covers, when the answer says
    period_till: datetime.date | None = None
    typ: str = "okand"  # LEFI typ: lokal, manad, daglig, retro, presumtiv; okand where the answer has none
    preliminar: bool = False  # planned, not yet effected


@dataclass(frozen=True)
class Arbetssokande:
    """Arbetsförmedlingen: the person's registration as a job seeker and decisions on benefits."""

    registrerad: bool | None  # ArbetssokandeInfo/Arbetssokande
    registrerad_sedan: datetime.date | None = None
    avaktualiserad: datetime.date | None = None  # deregistered on
    kategori: str = ""  # ArbetssokandeSKAT, in the agency's words
    omfattning: int | None = None  # per cent
    ersattningar: tuple[Ersattningsbeslut, ...] = ()


@dataclass(frozen=True)
class Ersattningsbeslut:
    """Arbetsförmedlingen: a decision on a benefit (aktivitetsstöd and the like)."""

    typ: str
    fran: datetime.date | None
    till: datetime.date | None


@dataclass(frozen=True)
class Studiestod:
    """CSN: a kind of study support the person has a case for (studiemedel, studiehjälp, …)."""

    stodform: str  # studiemedel, studiehjalp, studiestartsstod, omstallningsstudiestod
    beskrivning: str


@dataclass(frozen=True)
class Kapitaluppgift:
    """Skatteverket: capital income for a tax year (no monthly wages: SSBTEK has none)."""

    taxeringsar: int
    summa_intakter: float
    overskott: float


@dataclass(frozen=True)
class Fordon:
    fordonsslag: str
    fabrikat: str
    fordonsar: int | None


@dataclass(frozen=True)
class Uppehallstillstand:
    """Migrationsverket: a decision on a residence permit."""

    beslutstyp: str  # e.g. PUT, TUT
    beskrivning: str
    permanent: bool  # giltighetstid PERMANENT (else TIDBEGRANSAT)
    fran: datetime.date | None
    till: datetime.date | None


@dataclass(frozen=True)
class Myndighetssvar:
    """One agency block: ``fel`` when it is an error, else what the data says (the fields that agency has)."""

    myndighet: str  # a key of MYNDIGHETER
    fel: Myndighetsfel | None = None
    utbetalningar: tuple[Utbetalning, ...] = ()
    # LEFI: each provider's state (FK, PM -> OK, FELANDE, OTILLGANGLIG); only OK providers contributed
    utlamnare: dict[str, str] = field(default_factory=dict)
    # LEFI: the benefit groups and information types it could not deliver (FK:SJP, PM:AP … -> INTERNT_FEL,
    # OBEHORIG): no payments of such a group means nothing, not "no income"
    avvikelser: dict[str, str] = field(default_factory=dict)
    arbetssokande: Arbetssokande | None = None
    studiestod: tuple[Studiestod, ...] = ()
    kapital: tuple[Kapitaluppgift, ...] = ()
    fordon: tuple[Fordon, ...] = ()
    tillstand: tuple[Uppehallstillstand, ...] = ()


@dataclass(frozen=True)
class Registersvar:
    """One person's SSBTEK answer: the agencies that answered (data or error), by key of MYNDIGHETER."""

    myndigheter: dict[str, Myndighetssvar]
    sha256: str  # of the answer's bytes as received: the register records this, never the content
    hamtad: datetime.datetime | None = None  # frageTidpunkt, when the answer carries it
    identitet: str = ""  # salted hash of the person's identity in the answer, for this process only

    def svar(self, myndighet: str) -> Myndighetssvar | None:
        """The agency's block, or None when the agency was not asked."""
        return self.myndigheter.get(myndighet)
