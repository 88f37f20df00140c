"""The decision register (*beslutsregister*): a tamper-evident log of decisions, samples and reviews.

Every event is one row, appended, never changed. Each row carries the hash of the previous row
and a checksum over all its own columns, so that ``verifiera`` finds any edited, deleted, inserted
or reordered row and names it (the last rows can only be protected by recording the chain head
somewhere else: the report to the nämnd prints it). Events:

- ``beslut``: a decision made through ``bistand beslut --registrera`` or ``POST /beslut`` with a
  register: the case as the decision saw it (person and household ids replaced by pseudonyms: the
  register keeps what the decision needs, not who it is about; the caller's own case reference
  links it to the case file), the decision JSON, the rule version and the parameter hash, the time,
  and the delegation that authorised an automated decision that day;
- ``stickprov``: a reproducible random sample of automated decisions for a month, for review;
- ``granskning``: a caseworker's review of a sampled decision (correct or not).

SQLite by default (a file, nothing to set up), PostgreSQL with a ``postgresql+psycopg://`` URL,
through SQLAlchemy. Concurrent writers (several API workers) never break the chain: the sequence
number is the primary key, so of two writers that read the same chain head one fails to insert
and retries on the new head.
"""

from __future__ import annotations

import copy
import datetime
import hashlib
import json
import logging
import math
import random
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import sqlalchemy as sa
import yaml
from sqlalchemy.exc import IntegrityError, OperationalError

from openfisca_sweden_bistand.arende import Arende, las_arende, skattesystem
from openfisca_sweden_bistand.beslut import Beslut, fatta_beslut

STANDARD_URL = "sqlite:///bistand_register.sqlite"
logg = logging.getLogger("bistand.register")  # logs sequence numbers and counts only, never case data
NOLLHASH = "0" * 64
PERSONNUMMER = re.compile(r"(?<!\d)(?:19|20)?\d{6}[-+]?\d{4}(?!\d)")

metadata = sa.MetaData()
handelser = sa.Table(
    "handelser", metadata,
    sa.Column("lopnummer", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("typ", sa.String(16), nullable=False),
    sa.Column("tidpunkt", sa.String(32), nullable=False),
    sa.Column("period", sa.String(7)),
    sa.Column("utfall", sa.String(32)),
    sa.Column("automatiserat", sa.Boolean),
    sa.Column("hushallstyp", sa.String(64)),
    sa.Column("referens", sa.Integer),
    sa.Column("innehall", sa.Text, nullable=False),
    sa.Column("foregaende", sa.String(64), nullable=False),
    sa.Column("kontrollsumma", sa.String(64), nullable=False, unique=True),
)
sa.Index("ix_handelser_typ_period", handelser.c.typ, handelser.c.period)
KOLUMNER = ("lopnummer", "typ", "tidpunkt", "period", "utfall", "automatiserat", "hushallstyp", "referens",
            "innehall", "foregaende")


class RegisterFel(ValueError):
    pass


class RegisterOtillgangligt(RegisterFel):
    """The register could not be opened or written to (not the caller's input)."""


def kanonisk(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def kontrollsumma(rad: dict) -> str:
    return hashlib.sha256(kanonisk({k: rad.get(k) for k in KOLUMNER}).encode("utf-8")).hexdigest()


def nu() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


# --- Delegation --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Delegation:
    """A nämnd's decision to delegate decisions to the automated decision function."""

    fran: datetime.date
    till: datetime.date | None
    namnd: str
    beslut: str  # the nämnd's decision, e.g. "SN 2022-08-24 § 87"
    omfattning: str = ""

    def galler(self, dag: datetime.date) -> bool:
        return self.fran <= dag and (self.till is None or dag <= self.till)

    def som_dict(self) -> dict:
        return {"fran": self.fran.isoformat(), "till": self.till.isoformat() if self.till else None,
                "namnd": self.namnd, "beslut": self.beslut, "omfattning": self.omfattning}


def las_delegationer(fil: str | Path) -> list[Delegation]:
    """Read the municipality's delegations (YAML: ``delegationer: [{fran, till, namnd, beslut, omfattning}]``)."""
    try:
        data = yaml.safe_load(Path(fil).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as fel:
        raise RegisterFel(f"kan inte läsa delegationsfilen {fil}: {fel}") from None
    poster = (data or {}).get("delegationer")
    if not isinstance(poster, list) or not poster:
        raise RegisterFel(f"{fil}: nyckeln delegationer ska vara en lista med minst en delegation")
    ut = []
    for i, post in enumerate(poster, start=1):
        try:
            ut.append(Delegation(
                fran=_datum(post["fran"]), till=_datum(post["till"]) if post.get("till") else None,
                namnd=str(post["namnd"]), beslut=str(post["beslut"]), omfattning=str(post.get("omfattning", "")),
            ))
        except (KeyError, TypeError, ValueError) as fel:
            raise RegisterFel(f"{fil}: delegation {i}: saknar eller har fel värde för {fel}") from None
    return ut


def _datum(varde) -> datetime.date:
    return varde if isinstance(varde, datetime.date) else datetime.date.fromisoformat(str(varde))


def giltig_delegation(delegationer: list[Delegation], dag: datetime.date) -> Delegation | None:
    return next((d for d in delegationer if d.galler(dag)), None)


# --- Pseudonyms ------------------------------------------------------------------------------------


def pseudonymisera(arende: Arende) -> Arende:
    """The case with person and household ids replaced by person1…, hushall1 (the facts are kept)."""
    personer = arende.situation["personer"]
    nya = {pid: f"person{i}" for i, pid in enumerate(personer, start=1)}
    hushall_id = arende.hushall_id
    hushall = copy.deepcopy(arende.situation["hushallen"][hushall_id])
    for roll in ("vuxna", "barnen"):
        if roll in hushall:
            hushall[roll] = [nya[p] for p in hushall[roll]]
    situation = {"personer": {nya[p]: copy.deepcopy(v) for p, v in personer.items()}, "hushallen": {"hushall1": hushall}}
    angivna = {nya.get(k, "hushall1" if k == hushall_id else k): set(v) for k, v in arende.angivna.items()}
    return Arende(period=arende.period, situation=situation, hushall_id="hushall1", angivna=angivna)


def som_arendedata(arende: Arende) -> dict:
    """A case as JSON (values keyed by month), as ``las_arende`` reads it."""
    return {"period": arende.period, **copy.deepcopy(arende.situation)}


def hushallstyp(arende: Arende) -> str:
    hushall = arende.situation["hushallen"][arende.hushall_id]
    vuxna = "sambor" if len(hushall.get("vuxna", [])) == 2 else "ensamstaende"
    return f"{vuxna}_{'med' if hushall.get('barnen') else 'utan'}_barn"


# --- The register ----------------------------------------------------------------------------------


class Register:
    def __init__(self, url: str = STANDARD_URL) -> None:
        if PERSONNUMMER.search(url):
            raise RegisterFel("registrets adress ser ut att innehålla ett personnummer")
        argument = {"connect_args": {"timeout": 30}} if url.startswith("sqlite") else {"pool_pre_ping": True}
        try:
            self.motor = sa.create_engine(url, **argument)
            metadata.create_all(self.motor)
        except (sa.exc.ArgumentError, sa.exc.NoSuchModuleError, OperationalError) as fel:
            raise RegisterOtillgangligt(f"kan inte öppna registret {url.split('@')[-1]}: {str(fel).splitlines()[0]}") from None
        self.url = url

    # Writing -------------------------------------------------------------------------------------

    def lagg_till(self, typ: str, innehall: dict, *, period=None, utfall=None, automatiserat=None,
                  hushallstyp=None, referens=None, tidpunkt: datetime.datetime | None = None) -> dict:
        """Append one event to the chain; retries when another writer got there first."""
        text = kanonisk(innehall)
        slut, forsok = time.monotonic() + 60, 0
        while time.monotonic() < slut:
            forsok += 1
            try:
                with self.motor.begin() as anslutning:
                    huvud = anslutning.execute(
                        sa.select(handelser.c.lopnummer, handelser.c.kontrollsumma)
                        .order_by(handelser.c.lopnummer.desc()).limit(1)
                    ).first()
                    rad = {
                        "lopnummer": (huvud.lopnummer + 1) if huvud else 1,
                        "typ": typ, "tidpunkt": (tidpunkt or nu()).isoformat(timespec="microseconds"),
                        "period": period, "utfall": utfall, "automatiserat": automatiserat,
                        "hushallstyp": hushallstyp, "referens": referens, "innehall": text,
                        "foregaende": huvud.kontrollsumma if huvud else NOLLHASH,
                    }
                    rad["kontrollsumma"] = kontrollsumma(rad)
                    anslutning.execute(handelser.insert().values(**rad))
                logg.info("registrerade %s som post %d", typ, rad["lopnummer"])
                return rad
            except (IntegrityError, OperationalError):  # another writer took the place, or holds the lock
                time.sleep(random.uniform(0.001, 0.002 * min(forsok, 20)))
        raise RegisterOtillgangligt("kunde inte skriva till registret: för många samtidiga skrivningar")

    def registrera_beslut(self, arende: Arende, delegationer: list[Delegation] | None,
                          arende_referens: str | None = None, tidpunkt: datetime.datetime | None = None,
                          system=None) -> tuple[Beslut, dict]:
        """Decide ``arende`` and record the decision. An automated decision needs a delegation valid on
        the day it is made: without one it becomes a proposal for a caseworker (manuell_provning)."""
        if arende_referens is not None and PERSONNUMMER.search(arende_referens):
            raise RegisterFel("ärendereferensen får inte innehålla ett personnummer: använd ärendesystemets diarienummer")
        system = system or skattesystem()
        tidpunkt = tidpunkt or nu()
        pseudonym = pseudonymisera(arende)
        beslut_for_registret = fatta_beslut(pseudonym, system)
        beslut_till_anroparen = fatta_beslut(arende, system)
        delegation = giltig_delegation(delegationer or [], tidpunkt.date())
        if beslut_for_registret.automatiserat and delegation is None:
            for beslut in (beslut_for_registret, beslut_till_anroparen):
                utan_delegation(beslut)
        innehall = {
            "arende": som_arendedata(pseudonym),
            "beslut": beslut_for_registret.som_dict(),
            "delegation": delegation.som_dict() if delegation else None,  # in force that day, automated or not
            "arende_referens": arende_referens,
        }
        rad = self.lagg_till(
            "beslut", innehall, period=arende.period, utfall=beslut_for_registret.utfall,
            automatiserat=beslut_for_registret.automatiserat, hushallstyp=hushallstyp(arende), tidpunkt=tidpunkt,
        )
        return beslut_till_anroparen, rad

    # Reading ----------------------------------------------------------------------------------------

    def rader(self, typ: str | None = None, period: str | None = None) -> list[dict]:
        fraga = sa.select(handelser).order_by(handelser.c.lopnummer)
        if typ:
            fraga = fraga.where(handelser.c.typ == typ)
        if period:
            fraga = fraga.where(handelser.c.period == period)
        with self.motor.connect() as anslutning:
            return [dict(r._mapping) for r in anslutning.execute(fraga)]

    def verifiera(self) -> tuple[list[str], dict | None]:
        """Every break in the chain, named by sequence number; and the chain head."""
        fel = []
        foregaende, vantat = NOLLHASH, 1
        rader = self.rader()
        # Where each row belongs by the chain's own links (a moved row keeps its link to its predecessor).
        efterfoljare = {rad["foregaende"]: rad for rad in rader}
        hemma_som, lank, plats = {}, NOLLHASH, 1
        while lank in efterfoljare and plats <= len(rader):
            hemma_som[efterfoljare[lank]["kontrollsumma"]] = plats
            lank, plats = efterfoljare[lank]["kontrollsumma"], plats + 1
        for rad in rader:
            nummer = rad["lopnummer"]
            if nummer != vantat:
                if nummer > vantat:
                    saknas = f"{vantat}" if nummer == vantat + 1 else f"{vantat}–{nummer - 1}"
                    fel.append(f"post {saknas} saknas (raderad)")
                else:
                    fel.append(f"post {nummer}: fel ordning (väntade {vantat})")
            if kontrollsumma(rad) != rad["kontrollsumma"]:
                hemma = hemma_som.get(rad["kontrollsumma"])
                if hemma and hemma != nummer and kontrollsumma(rad | {"lopnummer": hemma}) == rad["kontrollsumma"]:
                    fel.append(f"post {nummer}: flyttad, hör hemma som post {hemma}")
                else:
                    fel.append(f"post {nummer}: innehållet har ändrats (kontrollsumman stämmer inte)")
            if rad["foregaende"] != foregaende:
                fel.append(f"post {nummer}: kedjan är bruten (länken till föregående post stämmer inte)")
            foregaende, vantat = rad["kontrollsumma"], nummer + 1
        huvud = ({"lopnummer": rader[-1]["lopnummer"], "kontrollsumma": rader[-1]["kontrollsumma"], "poster": len(rader)}
                 if rader else None)
        return fel, huvud

    # Replay ----------------------------------------------------------------------------------------------

    def omprova(self, fran: datetime.date | None = None, till: datetime.date | None = None, system=None) -> list[dict]:
        """Recompute recorded decisions with today's rules; every decision whose outcome or amount would differ."""
        system = system or skattesystem()
        skillnader = []
        for rad in self.rader("beslut"):
            dag = datetime.date.fromisoformat(rad["tidpunkt"][:10])
            if (fran and dag < fran) or (till and dag > till):
                continue
            innehall = json.loads(rad["innehall"])
            registrerat = innehall["beslut"]
            nytt = fatta_beslut(las_arende(innehall["arende"], system), system)
            if nytt.automatiserat and innehall.get("delegation") is None:  # as on the day it was decided
                utan_delegation(nytt)
            regler_andrade = {k for k in ("parametrar_sha256", "variabler_sha256")
                              if registrerat["regelversion"].get(k) != nytt.regelversion.get(k)}
            if (nytt.utfall, nytt.belopp) != (registrerat["utfall"], registrerat["belopp"]):
                skillnader.append({
                    "lopnummer": rad["lopnummer"], "period": rad["period"], "tidpunkt": rad["tidpunkt"],
                    "arende_referens": innehall.get("arende_referens"),
                    "registrerat": {"utfall": registrerat["utfall"], "belopp": registrerat["belopp"],
                                    "regelversion": registrerat["regelversion"]},
                    "idag": {"utfall": nytt.utfall, "belopp": nytt.belopp, "regelversion": nytt.regelversion},
                    "andrade_regler": sorted(regler_andrade),
                })
        return skillnader

    # Sampling and review ---------------------------------------------------------------------------------

    def stickprov(self, andel: float, seed: int, period: str) -> dict:
        if not 0 < andel <= 1:
            raise RegisterFel("andelen ska vara större än 0 och högst 1")
        population = [r["lopnummer"] for r in self.rader("beslut", period) if r["automatiserat"]]
        if not population:
            raise RegisterFel(f"inga automatiserade beslut för {period}")
        antal = max(1, math.ceil(andel * len(population)))
        urval = sorted(int(x) for x in np.random.default_rng(seed).choice(population, size=antal, replace=False))
        innehall = {"period": period, "andel": andel, "seed": seed, "population": len(population),
                    "population_sha256": hashlib.sha256(kanonisk(population).encode()).hexdigest(), "urval": urval}
        rad = self.lagg_till("stickprov", innehall, period=period)
        return {**innehall, "lopnummer": rad["lopnummer"]}

    def granska(self, beslut_lopnummer: int, resultat: str, kommentar: str = "") -> dict:
        if resultat not in ("korrekt", "felaktigt"):
            raise RegisterFel("resultatet ska vara korrekt eller felaktigt")
        if PERSONNUMMER.search(kommentar):
            raise RegisterFel("kommentaren får inte innehålla ett personnummer")
        stickprov = [json.loads(r["innehall"]) | {"lopnummer": r["lopnummer"]} for r in self.rader("stickprov")]
        traffar = [s for s in stickprov if beslut_lopnummer in s["urval"]]
        if not traffar:
            raise RegisterFel(f"beslut {beslut_lopnummer} ingår inte i något stickprov")
        prov = traffar[-1]
        innehall = {"beslut": beslut_lopnummer, "stickprov": prov["lopnummer"], "resultat": resultat, "kommentar": kommentar}
        self.lagg_till("granskning", innehall, period=prov["period"], utfall=resultat, referens=beslut_lopnummer)
        return innehall

    def felfrekvens(self, period: str) -> dict:
        """Reviewed sampled decisions of the month: error rate with a 95 % Wilson interval."""
        granskningar = {json.loads(r["innehall"])["beslut"]: r["utfall"] for r in self.rader("granskning", period)}
        n = len(granskningar)
        fel = sum(1 for v in granskningar.values() if v == "felaktigt")
        lag, hog = wilson(fel, n)
        urval = {b for r in self.rader("stickprov", period) for b in json.loads(r["innehall"])["urval"]}
        return {"period": period, "i_stickprov": len(urval), "granskade": n, "felaktiga": fel,
                "felfrekvens": fel / n if n else None, "ki95": (lag, hog)}


def utan_delegation(beslut: Beslut) -> None:
    """An automated decision without a valid delegation becomes a proposal for a caseworker."""
    beslut.utfall = "manuell_provning"
    beslut.automatiserat = False
    beslut.skal_for_manuell_provning.append({
        "skal": "skal_ingen_delegation",
        "text": "Ingen delegation till den automatiserade beslutsfunktionen gällde den dag beslutet fattades.",
        "grund": "6 kap. 37 och 38 §§ kommunallagen (2017:725) (paragraf ej bekräftad); nämndens delegationsordning",
        "policy": "",
    })


def wilson(fel: int, n: int, z: float = 1.96) -> tuple[float | None, float | None]:
    """The Wilson score interval for a proportion (95 % by default)."""
    if n == 0:
        return None, None
    p = fel / n
    namnare = 1 + z * z / n
    mitt = (p + z * z / (2 * n)) / namnare
    halva = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / namnare
    return max(0.0, mitt - halva), min(1.0, mitt + halva)
