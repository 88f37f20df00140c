"""The decision register (*beslutsregister*): a tamper-evident log of decisions, samples and reviews.

Every event is one row, appended, never changed. Each row carries the checksum of the previous row
and its own checksum, an HMAC-SHA256 over all its columns and the register's identity under a secret
key that is kept outside the database (a key file: ``bistand register nyckel --ut FIL``; the
environment setting ``BISTAND_REGISTER_NYCKEL`` names it). ``verifiera`` finds any edited, deleted,
inserted or reordered row and names it; someone who can write to the database but does not hold the
key cannot recompute the chain. Deleting the last rows, wiping the register or replacing it with an
older or another register is found by comparing with an anchor kept outside the database: the chain
head and row count, printed in the report to the nämnd and appended to an anchor file
(``skriv_ankare``/``las_ankare``). The tables refuse UPDATE and DELETE (triggers; on PostgreSQL also
TRUNCATE), and on PostgreSQL the service account should hold only SELECT and INSERT (docs/register.rst).
Events:

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
and retries on the new head; several writers creating a new register at once agree on one.
"""

from __future__ import annotations

import copy
import datetime
import hashlib
import hmac
import json
import logging
import math
import os
import random
import secrets
import stat
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import sqlalchemy as sa
import yaml
from openfisca_core import periods
from sqlalchemy.exc import IntegrityError, OperationalError

from openfisca_sweden_bistand.arende.las import Arende, las_arende
from openfisca_sweden_bistand.arende.underlag import fick_stod_forra_manaden
from openfisca_sweden_bistand.forklaring.beslut import (
    Beslut,
    Registerhistorik,
    fatta_beslut,
)
from openfisca_sweden_bistand.register.personnummer import (
    innehaller_personnummer,
    maskera,
)
from openfisca_sweden_bistand.system import skattesystem

STANDARD_URL = "sqlite:///bistand_register.sqlite"
logg = logging.getLogger("bistand.register")  # logs sequence numbers and counts only, never case data
NOLLHASH = "0" * 64
NYCKEL_MILJO = "BISTAND_REGISTER_NYCKEL"  # the key file
UTAN_NYCKEL_MILJO = "BISTAND_REGISTER_UTAN_NYCKEL"  # "1": write without a key (tests, development)
ANKARE_MILJO = "BISTAND_REGISTER_ANKARE"  # the anchor file
MINSTA_NYCKEL = 32  # bytes
UTAN_NYCKEL = "utan nyckel"
FORMAT = "2"

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
# The register's identity, format and key id, written once when it is created.
registerinfo = sa.Table(
    "registerinfo", metadata,
    sa.Column("nyckel", sa.String(32), primary_key=True),
    sa.Column("varde", sa.String(128), nullable=False),
)
TABELLER = ("handelser", "registerinfo")
KOLUMNER = ("lopnummer", "typ", "tidpunkt", "period", "utfall", "automatiserat", "hushallstyp", "referens",
            "innehall", "foregaende")


class RegisterFel(ValueError):
    pass


class RegisterOtillgangligt(RegisterFel):
    """The register could not be opened or written to (not the caller's input)."""


class RegisterOlasligt(RegisterOtillgangligt):
    """The register's file or rows cannot be read (damaged, or not a register)."""


class RegisterSaknas(RegisterFel):
    """No register at this address (and the caller did not ask to create one)."""


def kanonisk(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def kontrollsumma(rad: dict, nyckel: bytes | None = None, register_id: str = "") -> str:
    """HMAC-SHA256 under ``nyckel`` (plain SHA-256 without a key) over the register's identity and
    every column of the row but the checksum itself."""
    text = (register_id + "\n" + kanonisk({k: rad.get(k) for k in KOLUMNER})).encode("utf-8")
    if nyckel is None:
        return hashlib.sha256(text).hexdigest()
    return hmac.new(nyckel, text, hashlib.sha256).hexdigest()


def nyckel_id(nyckel: bytes | None) -> str:
    """A short public name of a key (it reveals nothing of the key), stored in the register."""
    return UTAN_NYCKEL if nyckel is None else hmac.new(nyckel, b"bistand-register:nyckel-id", hashlib.sha256).hexdigest()[:16]


# --- The key and the anchors ------------------------------------------------------------------------


def skapa_nyckelfil(fil: str | Path) -> Path:
    """Write a new random key (32 bytes, hex) to ``fil`` with mode 0600; never overwrites a file."""
    fil = Path(fil).expanduser()
    fil.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        fd = os.open(fil, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise RegisterFel(f"nyckelfilen {fil} finns redan: en ny nyckel skulle göra registret omöjligt att verifiera") from None
    except OSError as fel:
        raise RegisterFel(f"kan inte skapa nyckelfilen {fil}: {fel.strerror}") from None
    with os.fdopen(fd, "w", encoding="ascii") as ut:
        os.fchmod(ut.fileno(), 0o600)
        ut.write(secrets.token_bytes(MINSTA_NYCKEL).hex() + "\n")
    return fil


def las_nyckel(fil: str | Path) -> bytes:
    """The key in ``fil`` (hex, at least 32 bytes); the file must be readable by its owner only."""
    fil = Path(fil).expanduser()
    try:
        lage = fil.stat().st_mode
        text = fil.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError) as fel:
        orsak = fel.strerror if isinstance(fel, OSError) else "inte en nyckelfil"
        raise RegisterFel(f"kan inte läsa registernyckeln {fil}: {orsak}") from None
    if lage & 0o077:
        raise RegisterFel(f"registernyckeln {fil} kan läsas av andra än ägaren (läge {stat.S_IMODE(lage):04o}): "
                          f"kör chmod 600 {fil}")
    try:
        nyckel = bytes.fromhex(text)
    except ValueError:
        raise RegisterFel(f"registernyckeln {fil} ska vara hexadecimal (skapa den med bistand register nyckel --ut FIL)") from None
    if len(nyckel) < MINSTA_NYCKEL:
        raise RegisterFel(f"registernyckeln {fil} är för kort: {len(nyckel)} byte, minst {MINSTA_NYCKEL}")
    return nyckel


def skriv_ankare(fil: str | Path, huvud: dict, register_id: str) -> dict:
    """Append the chain head to the anchor file (one JSON line per anchor; lines are only added)."""
    ankare = {"tid": nu().isoformat(timespec="seconds"), "register_id": register_id, "poster": huvud["poster"],
              "lopnummer": huvud["lopnummer"], "kedjehuvud": huvud["kontrollsumma"]}
    fil = Path(fil).expanduser()
    try:
        fd = os.open(fil, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o640)
        with os.fdopen(fd, "a", encoding="utf-8") as ut:
            ut.write(json.dumps(ankare) + "\n")
    except OSError as fel:
        raise RegisterFel(f"kan inte skriva ankarfilen {fil}: {fel.strerror}") from None
    return ankare


def las_ankare(fil: str | Path) -> list[dict]:
    """Every anchor in the anchor file, oldest first (none if the file does not exist yet)."""
    fil = Path(fil).expanduser()
    try:
        rader = fil.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError):
        raise RegisterFel(f"kan inte läsa ankarfilen {fil}") from None
    ankare = []
    for i, rad in enumerate(rader, start=1):
        if not rad.strip():
            continue
        try:
            post = json.loads(rad)
            ankare.append({"tid": str(post["tid"]), "register_id": post.get("register_id"), "poster": int(post["poster"]),
                           "lopnummer": int(post["lopnummer"]), "kedjehuvud": _hex(post["kedjehuvud"])})
        except (ValueError, TypeError, KeyError):
            raise RegisterFel(f"ankarfilen {fil}, rad {i}: inte ett ankare (väntade JSON med poster, lopnummer, kedjehuvud)") from None
    return ankare


def forvantat_huvud(text: str) -> dict:
    """``--forvantat-huvud``: ``LOPNUMMER:KONTROLLSUMMA`` as the report prints it (at least 16 hex digits
    of the checksum), or the checksum alone."""
    nummer, _, summa = text.strip().rpartition(":")
    try:
        return {"tid": "--forvantat-huvud", "register_id": None, "lopnummer": int(nummer) if nummer else None,
                "poster": int(nummer) if nummer else None, "kedjehuvud": _hex(summa)}
    except ValueError:
        raise RegisterFel("--forvantat-huvud skrivs LOPNUMMER:KONTROLLSUMMA (minst 16 hexadecimala tecken), "
                          "som i rapporten till nämnden") from None


def _hex(text) -> str:
    text = str(text).strip().lower()
    if not 16 <= len(text) <= 64 or any(t not in "0123456789abcdef" for t in text):
        raise ValueError(text)
    return text


@dataclass
class Verifiering:
    """What ``verifiera`` found. Unpacks (and indexes) as ``fel, huvud``."""

    fel: list[str]
    huvud: dict | None
    olasligt: bool = False  # the file or some rows could not be read
    varningar: list[str] = field(default_factory=list)
    register_id: str | None = None

    def __iter__(self):
        return iter((self.fel, self.huvud))

    def __getitem__(self, i):
        return (self.fel, self.huvud)[i]

    @property
    def slutkod(self) -> int:
        """0 whole, 1 broken (or missing, emptied, replaced), 3 cannot be read."""
        return 3 if self.olasligt else (1 if self.fel else 0)


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
    return Arende(period=arende.period, situation=situation, hushall_id="hushall1", angivna=angivna,
                  beslutsdatum=getattr(arende, "beslutsdatum", None))


def som_arendedata(arende: Arende) -> dict:
    """A case as JSON (values keyed by month), as ``las_arende`` reads it (the decision date at the top)."""
    situation = copy.deepcopy(arende.situation)
    for hushall in situation.get("hushallen", {}).values():
        hushall.pop("beslutsdatum", None)
    datum = getattr(arende, "beslutsdatum", None)
    return {"period": arende.period, **({"beslutsdatum": datum} if datum else {}), **situation}


def hushallstyp(arende: Arende) -> str:
    hushall = arende.situation["hushallen"][arende.hushall_id]
    vuxna = "sambor" if len(hushall.get("vuxna", [])) == 2 else "ensamstaende"
    return f"{vuxna}_{'med' if hushall.get('barnen') else 'utan'}_barn"


# --- The register ----------------------------------------------------------------------------------


class Register:
    """The register at ``url``.

    ``nyckel``: the secret key (bytes) or its key file; by default the file named by
    ``$BISTAND_REGISTER_NYCKEL``. Writing needs the key, unless ``utan_nyckel`` (or
    ``$BISTAND_REGISTER_UTAN_NYCKEL=1``, for tests and development) says to write a register that
    anyone can recompute: it is marked so, and ``verifiera`` says so. ``skapa=False`` opens an existing
    register only and never creates one (``verifiera`` from the command line); ``las_bara=True`` opens
    it for reading without a key.
    """

    def __init__(self, url: str = STANDARD_URL, nyckel: bytes | str | Path | None = None, *,
                 utan_nyckel: bool | None = None, skapa: bool = True, las_bara: bool = False) -> None:
        if innehaller_personnummer(url):
            raise RegisterFel("registrets adress ser ut att innehålla ett personnummer")
        if nyckel is None and os.environ.get(NYCKEL_MILJO):
            nyckel = os.environ[NYCKEL_MILJO]
        self.nyckel = nyckel if isinstance(nyckel, bytes | None) else las_nyckel(nyckel)
        if self.nyckel is not None and len(self.nyckel) < MINSTA_NYCKEL:
            raise RegisterFel(f"registernyckeln är för kort: {len(self.nyckel)} byte, minst {MINSTA_NYCKEL}")
        self.utan_nyckel = (os.environ.get(UTAN_NYCKEL_MILJO) == "1") if utan_nyckel is None else utan_nyckel
        if self.nyckel is None and not self.utan_nyckel and not las_bara:
            raise RegisterFel(f"ingen registernyckel: ange nyckelfilen med ${NYCKEL_MILJO} eller --nyckel "
                              "(skapa den en gång med bistand register nyckel --ut FIL)")
        self.las_bara = las_bara
        adress = self.adress = url.split("@")[-1]
        try:
            delar = sa.engine.make_url(url)
        except sa.exc.ArgumentError:
            raise RegisterOtillgangligt(f"kan inte öppna registret {adress}: adressen är inte en databas-URL") from None
        self.sqlite = delar.get_backend_name() == "sqlite"
        if self.sqlite and delar.database not in (None, "", ":memory:") and not skapa:
            if not Path(delar.database).is_file():
                raise RegisterSaknas(f"registret finns inte: {delar.database}")
        argument = {"connect_args": {"timeout": 30}} if self.sqlite else {"pool_pre_ping": True}
        try:
            self.motor = sa.create_engine(url, **argument)
            with self.motor.connect() as anslutning:
                anslutning.execute(sa.text("SELECT 1"))
                if self.sqlite:
                    anslutning.exec_driver_sql("PRAGMA schema_version").all()  # reads the file's header
        except (sa.exc.ArgumentError, sa.exc.NoSuchModuleError, OperationalError) as fel:
            raise RegisterOtillgangligt(f"kan inte öppna registret {adress}: {_orsak(fel)}") from None
        except sa.exc.DatabaseError as fel:
            raise RegisterOlasligt(f"kan inte läsa registret {adress}: {_orsak(fel)}") from None
        self.url = url
        if skapa:
            self._skapa()
        self.info = self._las_info()

    # Creating ------------------------------------------------------------------------------------

    def _saknas(self, anslutning) -> bool:
        """Whether a table or a trigger is missing."""
        tabeller = set(sa.inspect(anslutning).get_table_names())
        if not set(TABELLER) <= tabeller:
            return True
        return not set(_triggrar(self.sqlite)) <= self._triggrar_som_finns(anslutning)

    def _triggrar_som_finns(self, anslutning, aktiva: bool = False) -> set[str]:
        """The protecting triggers in the database (``aktiva``: only those not disabled)."""
        if self.sqlite:
            return {r[0] for r in anslutning.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        return {r[0] for r in anslutning.exec_driver_sql(
            "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal " + ("AND tgenabled <> 'D' " if aktiva else "")
            + "AND tgrelid IN (SELECT oid FROM pg_class WHERE relname IN ('handelser', 'registerinfo'))")}

    def _skapa(self) -> None:
        """The tables, the triggers that refuse changes, and the register's identity, once. Safe when
        several processes create the same new register at once (a lock on PostgreSQL, retries)."""
        slut, forsok = time.monotonic() + 60, 0
        while True:
            forsok += 1
            try:
                with self.motor.begin() as anslutning:
                    if not self.sqlite:
                        anslutning.exec_driver_sql("SELECT pg_advisory_xact_lock(7413290512)")
                    if self._saknas(anslutning):
                        metadata.create_all(anslutning)
                        for satser in _triggrar(self.sqlite).values():
                            for sats in satser:
                                anslutning.exec_driver_sql(sats)
                with self.motor.begin() as anslutning:
                    info = dict(anslutning.execute(sa.select(registerinfo.c.nyckel, registerinfo.c.varde)).all())
                    if not info and not self.las_bara and anslutning.execute(sa.select(handelser.c.lopnummer).limit(1)).first() is None:
                        anslutning.execute(registerinfo.insert(), [
                            {"nyckel": "format", "varde": FORMAT}, {"nyckel": "register_id", "varde": uuid.uuid4().hex},
                            {"nyckel": "nyckel_id", "varde": nyckel_id(self.nyckel)},
                            {"nyckel": "skapad", "varde": nu().isoformat(timespec="seconds")},
                        ])
                return
            except (IntegrityError, OperationalError, sa.exc.ProgrammingError) as fel:  # another process got there first
                if time.monotonic() > slut or type(getattr(fel, "orig", None)).__name__ == "InsufficientPrivilege":
                    raise RegisterOtillgangligt(f"kan inte skapa registret {self.adress}: {_orsak(fel)}") from None
                time.sleep(random.uniform(0.005, 0.01 * min(forsok, 20)))
            except sa.exc.DatabaseError as fel:
                raise RegisterOlasligt(f"kan inte läsa registret {self.adress}: {_orsak(fel)}") from None

    def _las_info(self) -> dict:
        try:
            with self.motor.connect() as anslutning:
                if "registerinfo" not in sa.inspect(anslutning).get_table_names():
                    return {}
                return dict(anslutning.execute(sa.select(registerinfo.c.nyckel, registerinfo.c.varde)).all())
        except sa.exc.DatabaseError as fel:
            raise RegisterOlasligt(f"kan inte läsa registret {self.adress}: {_orsak(fel)}") from None

    @property
    def register_id(self) -> str | None:
        return self.info.get("register_id")

    def _registrets_nyckel(self) -> tuple[bytes | None, str | None]:
        """The key to check and write rows with, or what is wrong."""
        if not self.info:
            return None, ("registret saknar sin identitet och nyckelmarkering (tabellen registerinfo): "
                          "det är skrivet av en äldre version eller har ändrats")
        lagrat = self.info.get("nyckel_id")
        if lagrat == UTAN_NYCKEL:
            if self.nyckel is not None:
                return None, "registret är skrivet utan nyckel, men en nyckel är angiven: vem som helst kan ha räknat om kedjan"
            return None, None
        if self.nyckel is None:
            return None, f"registret är skrivet med en nyckel: ange nyckelfilen med ${NYCKEL_MILJO} eller --nyckel"
        if lagrat != nyckel_id(self.nyckel):
            return None, "nyckeln stämmer inte med registrets nyckel (fel nyckelfil, eller ett register skrivet med en annan nyckel)"
        return self.nyckel, None

    def _summa(self, rad: dict, nyckel: bytes | None) -> str:
        return kontrollsumma(rad, nyckel, self.register_id or "")

    # Writing -------------------------------------------------------------------------------------

    def lagg_till(self, typ: str, innehall: dict, *, period=None, utfall=None, automatiserat=None,
                  hushallstyp=None, referens=None, tidpunkt: datetime.datetime | None = None) -> dict:
        """Append one event to the chain; retries when another writer got there first."""
        if self.las_bara:
            raise RegisterFel("registret är öppnat för läsning")
        if not self.info:
            self.info = self._las_info()
        nyckel, problem = self._registrets_nyckel()
        if problem:
            raise RegisterFel(f"skriver inte i registret: {problem}")
        if nyckel is None:
            logg.warning("registret skrivs utan nyckel (%s=1): kedjan kan räknas om av vem som helst", UTAN_NYCKEL_MILJO)
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
                    rad["kontrollsumma"] = self._summa(rad, nyckel)
                    anslutning.execute(handelser.insert().values(**rad))
                logg.info("registrerade %s som post %d", typ, rad["lopnummer"])
                return rad
            except (IntegrityError, OperationalError):  # another writer took the place, or holds the lock
                time.sleep(random.uniform(0.001, 0.002 * min(forsok, 20)))
            except sa.exc.DatabaseError as fel:
                raise RegisterOlasligt(f"kan inte skriva till registret {self.adress}: {_orsak(fel)}") from None
        raise RegisterOtillgangligt("kunde inte skriva till registret: för många samtidiga skrivningar")

    def registrera_beslut(self, arende: Arende, delegationer: list[Delegation] | None,
                          arende_referens: str | None = None, tidpunkt: datetime.datetime | None = None,
                          system=None) -> tuple[Beslut, dict]:
        """Decide ``arende`` and record the decision. An automated decision needs a delegation valid on
        the day it is made: without one it becomes a proposal for a caseworker (manuell_provning)."""
        if arende_referens is not None and innehaller_personnummer(arende_referens):
            raise RegisterFel("ärendereferensen får inte innehålla ett personnummer: använd ärendesystemets diarienummer")
        system = system or skattesystem()
        tidpunkt = tidpunkt or nu()
        if arende.beslutsdatum is None:  # decided today: the register records the day
            arende = arende.med_beslutsdatum(tidpunkt.date().isoformat())
        arende, historik = self.med_historik(arende, arende_referens)
        pseudonym = pseudonymisera(arende)
        beslut_for_registret = fatta_beslut(pseudonym, system, registerhistorik=historik)
        beslut_till_anroparen = fatta_beslut(arende, system, registerhistorik=historik)
        delegation = giltig_delegation(delegationer or [], datetime.date.fromisoformat(arende.beslutsdatum))
        if beslut_for_registret.automatiserat and delegation is None:
            for beslut in (beslut_for_registret, beslut_till_anroparen):
                utan_delegation(beslut)
        innehall = {
            "arende": som_arendedata(pseudonym),
            "beslut": beslut_for_registret.som_dict(),
            "delegation": delegation.som_dict() if delegation else None,  # in force that day, automated or not
            "arende_referens": arende_referens,
            "registerhistorik": {"forsta_ansokan": historik.forsta_ansokan, "motsager": historik.motsager},
        }
        rad = self.lagg_till(
            "beslut", innehall, period=arende.period, utfall=beslut_for_registret.utfall,
            automatiserat=beslut_for_registret.automatiserat, hushallstyp=hushallstyp(arende), tidpunkt=tidpunkt,
        )
        return beslut_till_anroparen, rad

    def med_historik(self, arende: Arende, arende_referens: str | None) -> tuple[Arende, Registerhistorik]:
        """Last month's support, amount and household size from the register, not from the caller.

        The register's last decision for ``arende_referens`` the month before the case supplies
        ``forsorjningsstod_foregaende_manad`` and ``antal_personer_foregaende_manad``; a claimed
        history that disagrees with it goes to a caseworker (historik_motsager_register), and a case
        reference the register has not seen that month (or no reference) is a first application."""
        hushall = arende.hushall()
        pastatt_belopp = (hushall.get("forsorjningsstod_foregaende_manad") or {}).get(arende.period)
        pastatt_antal = (hushall.get("antal_personer_foregaende_manad") or {}).get(arende.period)
        pastatt_stod = fick_stod_forra_manaden(arende)
        forra = str(periods.period(arende.period).offset(-1))
        tidigare = self.senaste_beslut(arende_referens, forra) if arende_referens else None
        if tidigare is None:
            return arende, Registerhistorik(forsta_ansokan=True, motsager=False)
        belopp = tidigare["beslut"]["belopp"]
        antal = len(tidigare["arende"]["personer"])
        motsager = (
            (pastatt_belopp is not None and pastatt_belopp != belopp)
            or (pastatt_antal is not None and pastatt_antal != antal)
            or pastatt_stod != (belopp > 0)
        )
        fran_registret = arende.med_hushallsfakta(
            {"forsorjningsstod_foregaende_manad": belopp, "antal_personer_foregaende_manad": antal}, angivna=True)
        return fran_registret, Registerhistorik(forsta_ansokan=False, motsager=motsager)

    # Reading ----------------------------------------------------------------------------------------

    def senaste_beslut(self, arende_referens: str, period: str) -> dict | None:
        """The last decision recorded for ``arende_referens`` about ``period`` (its content), or None."""
        senaste = None
        for rad in self.rader("beslut", period):
            innehall = json.loads(rad["innehall"])
            if innehall.get("arende_referens") == arende_referens:
                senaste = innehall
        return senaste

    def rader(self, typ: str | None = None, period: str | None = None) -> list[dict]:
        fraga = sa.select(handelser).order_by(handelser.c.lopnummer)
        if typ:
            fraga = fraga.where(handelser.c.typ == typ)
        if period:
            fraga = fraga.where(handelser.c.period == period)
        try:
            with self.motor.connect() as anslutning:
                if "handelser" not in sa.inspect(anslutning).get_table_names():
                    return []
                return [dict(r._mapping) for r in anslutning.execute(fraga)]
        except sa.exc.DatabaseError as fel:
            raise RegisterOlasligt(f"kan inte läsa registret {self.adress}: {_orsak(fel)} "
                                   "(bistand register verifiera namnger de skadade posterna)") from None

    def _las_alla(self) -> tuple[list[dict], list[int], bool]:
        """Every row that can be read; the sequence numbers of rows that cannot; whether the table exists.
        A damaged file is read row by row, so that the damage is named by row."""
        try:
            with self.motor.connect() as anslutning:
                if "handelser" not in sa.inspect(anslutning).get_table_names():
                    return [], [], False
        except sa.exc.DatabaseError as fel:
            raise RegisterOlasligt(f"kan inte läsa registret {self.adress}: {_orsak(fel)}") from None
        try:
            return self.rader(), [], True
        except RegisterOlasligt:
            pass
        try:
            with self.motor.connect() as anslutning:
                nummer = [r[0] for r in anslutning.execute(sa.select(handelser.c.lopnummer).order_by(handelser.c.lopnummer))]
        except sa.exc.DatabaseError as fel:
            raise RegisterOlasligt(f"kan inte läsa registret {self.adress}: {_orsak(fel)}; inte ens postnumren går att läsa") from None
        rader, olasliga = [], []
        for n in nummer:
            try:
                with self.motor.connect() as anslutning:
                    rader.append(dict(anslutning.execute(sa.select(handelser).where(handelser.c.lopnummer == n)).one()._mapping))
            except sa.exc.DatabaseError:
                olasliga.append(n)
        return rader, olasliga, True

    def verifiera(self, ankare: list[dict] | dict | None = None, nytt: bool = False) -> Verifiering:
        """Every break in the chain, named by sequence number; and the chain head.

        ``ankare``: chain heads recorded outside the database (``las_ankare``, ``forvantat_huvud``):
        each must still be in the chain, so rows deleted at the end, a wiped register and a replaced
        one are found. An empty register is an error unless ``nytt`` (and no anchor says otherwise).
        Unpacks as ``fel, huvud``; ``.slutkod`` is 0, 1 (broken) or 3 (cannot be read)."""
        if ankare is None:
            ankare = []
        elif isinstance(ankare, dict):
            ankare = [ankare]
        if not self.info:
            self.info = self._las_info()
        rader, olasliga, finns = self._las_alla()
        resultat = Verifiering([], None, olasligt=bool(olasliga), register_id=self.register_id)
        fel, varningar = resultat.fel, resultat.varningar
        if not rader and not olasliga:
            if ankare:
                fel.append(f"registret är tomt{'' if finns else ' (tabellerna saknas)'}, men ankaret från "
                           f"{ankare[-1]['tid']} visar {ankare[-1]['poster']} poster: registret är tömt eller utbytt")
            elif not nytt:
                fel.append(f"registret är tomt{'' if finns else ' (tabellerna saknas)'}: ett register som har använts "
                           "har tömts eller bytts ut (ange --nytt om registret är nytt)")
            return resultat
        nyckel, problem = self._registrets_nyckel()
        if problem:
            if self.info.get("nyckel_id") and self.info.get("nyckel_id") != UTAN_NYCKEL and self.nyckel is None:
                raise RegisterFel(f"kan inte verifiera: {problem}")
            fel.append(problem)
            return resultat
        if nyckel is None:
            varningar.append(f"registret är skrivet utan nyckel ({UTAN_NYCKEL_MILJO}=1): kedjan kan räknas om av "
                             "vem som helst; bara ankaren utanför databasen skyddar den")
        saknade_triggrar = set(_triggrar(self.sqlite)) - self._triggrar_som_finns_sakert()
        if saknade_triggrar:
            varningar.append("skyddet mot ändringar i databasen (triggrarna) saknas eller är avstängt: "
                             + ", ".join(sorted(saknade_triggrar)))
        for n in olasliga:
            fel.append(f"post {n}: kan inte läsas (skadad i databasfilen)")
        olasliga_mangd = set(olasliga)
        foregaende, vantat = NOLLHASH, 1
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
                    saknas = [n for n in range(vantat, nummer) if n not in olasliga_mangd]
                    if saknas:
                        text = f"{saknas[0]}" if len(saknas) == 1 else f"{saknas[0]}–{saknas[-1]}"
                        fel.append(f"post {text} saknas (raderad)")
                else:
                    fel.append(f"post {nummer}: fel ordning (väntade {vantat})")
            if self._summa(rad, nyckel) != rad["kontrollsumma"]:
                hemma = hemma_som.get(rad["kontrollsumma"])
                if hemma and hemma != nummer and self._summa(rad | {"lopnummer": hemma}, nyckel) == rad["kontrollsumma"]:
                    fel.append(f"post {nummer}: flyttad, hör hemma som post {hemma}")
                else:
                    fel.append(f"post {nummer}: innehållet har ändrats (kontrollsumman stämmer inte)")
            if rad["foregaende"] != foregaende and nummer - 1 not in olasliga_mangd:
                fel.append(f"post {nummer}: kedjan är bruten (länken till föregående post stämmer inte)")
            foregaende, vantat = rad["kontrollsumma"], nummer + 1
        sista = max(rader[-1]["lopnummer"] if rader else 0, max(olasliga, default=0))
        if rader and rader[-1]["lopnummer"] == sista:
            resultat.huvud = {"lopnummer": sista, "kontrollsumma": rader[-1]["kontrollsumma"], "poster": len(rader) + len(olasliga)}
        per_nummer = {rad["lopnummer"]: rad["kontrollsumma"] for rad in rader}
        for a in ankare:
            if a.get("register_id") and self.register_id and a["register_id"] != self.register_id:
                fel.append(f"ankaret från {a['tid']} gäller ett annat register: registret är utbytt")
                continue
            if a["lopnummer"] is None:
                if not any(summa.startswith(a["kedjehuvud"]) for summa in per_nummer.values()):
                    fel.append(f"kedjehuvudet från {a['tid']} finns inte i registret: registret är omskrivet eller utbytt")
            elif a["lopnummer"] in olasliga_mangd:
                continue
            elif a["lopnummer"] not in per_nummer:
                fel.append(f"post {a['lopnummer']} saknas: ankaret från {a['tid']} visar {a['poster']} poster, registret har "
                           f"{len(rader) + len(olasliga)} (de sista posterna är raderade eller registret är utbytt)")
            elif not per_nummer[a["lopnummer"]].startswith(a["kedjehuvud"]):
                fel.append(f"post {a['lopnummer']}: stämmer inte med ankaret från {a['tid']} (registret är omskrivet eller utbytt)")
        return resultat

    def _triggrar_som_finns_sakert(self) -> set[str]:
        try:
            with self.motor.connect() as anslutning:
                return self._triggrar_som_finns(anslutning, aktiva=True)
        except sa.exc.DatabaseError:
            return set()

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
            historik = innehall.get("registerhistorik")  # what the register knew that day
            nytt = fatta_beslut(las_arende(innehall["arende"], system), system,
                                registerhistorik=Registerhistorik(**historik) if historik else None)
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
        if innehaller_personnummer(kommentar):
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


def _triggrar(sqlite: bool) -> dict[str, list[str]]:
    """The triggers that make the tables refuse changes (by name: the statements that create each)."""
    if sqlite:
        return {f"{tabell}_vagra_{namn}": [
            f"CREATE TRIGGER IF NOT EXISTS {tabell}_vagra_{namn} BEFORE {sats} ON {tabell} "
            f"BEGIN SELECT RAISE(ABORT, 'beslutsregistret tar bara emot nya poster: {sats} vägras'); END"]
            for tabell in TABELLER for namn, sats in (("andring", "UPDATE"), ("radering", "DELETE"))}
    funktion = ("CREATE OR REPLACE FUNCTION bistand_vagra_andring() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                "RAISE EXCEPTION USING MESSAGE = 'beslutsregistret tar bara emot nya poster: ' || TG_OP || ' vägras'; "
                "END $$")
    triggrar = {}
    for tabell in TABELLER:
        triggrar[f"{tabell}_vagra_andring"] = [funktion, (
            f"CREATE OR REPLACE TRIGGER {tabell}_vagra_andring BEFORE UPDATE OR DELETE ON {tabell} "
            "FOR EACH ROW EXECUTE FUNCTION bistand_vagra_andring()")]
        triggrar[f"{tabell}_vagra_tomning"] = [funktion, (
            f"CREATE OR REPLACE TRIGGER {tabell}_vagra_tomning BEFORE TRUNCATE ON {tabell} "
            "FOR EACH STATEMENT EXECUTE FUNCTION bistand_vagra_andring()")]
    return triggrar


def _orsak(fel: Exception) -> str:
    """Why a database operation failed, without the stored data (SQLite quotes the row in some errors)."""
    orig = getattr(fel, "orig", None) or fel
    text = (str(orig).splitlines() or [""])[0]
    kanda = {"file is not a database": "filen är inte en SQLite-databas (skadad eller utbytt)",
             "database disk image is malformed": "databasfilen är skadad",
             "could not decode": "en post går inte att avkoda (skadad)",
             "unable to open database file": "databasfilen går inte att öppna",
             "database is locked": "databasen är låst av en annan process",
             "readonly database": "databasen är skrivskyddad"}
    for engelska, svenska in kanda.items():
        if engelska in text.lower():
            return svenska
    if type(orig).__module__.startswith("psycopg") and text:  # the server's message, first line: no row data
        return maskera(text)
    return f"databasfel ({type(orig).__name__})"


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
