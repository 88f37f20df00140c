"""The chain (*kedjan*): the register's storage. Rows appended, never changed; read; verified.

Every event is one row. Each row carries the checksum of the previous row and its own checksum, an
HMAC-SHA256 over all its columns and the register's identity under the secret key (nyckel.py).
``verifiera`` finds any edited, deleted, inserted or reordered row and names it, and compares with
the anchors kept outside the database (ankare.py). The tables refuse UPDATE and DELETE (triggers; on
PostgreSQL also TRUNCATE).

SQLite by default (a file, nothing to set up), PostgreSQL with a ``postgresql+psycopg://`` URL,
through SQLAlchemy. Concurrent writers (several API workers) never break the chain: the sequence
number is the primary key, so of two writers that read the same chain head one fails to insert
and retries on the new head; several writers creating a new register at once agree on one.
"""

from __future__ import annotations

import datetime
import logging
import random
import time
import uuid
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError, OperationalError

from openfisca_sweden_bistand.personnummer import innehaller_personnummer
from openfisca_sweden_bistand.register.ankare import las_ankare
from openfisca_sweden_bistand.register.fel import (
    RegisterFel,
    RegisterOlasligt,
    RegisterOtillgangligt,
    RegisterSaknas,
    orsak,
)
from openfisca_sweden_bistand.register.nyckel import (
    NYCKEL_MILJO,
    UTAN_NYCKEL,
    UTAN_NYCKEL_MILJO,
    angiven_nyckel,
    kanonisk,
    kontrollsumma,
    nyckel_id,
    nyckelproblem,
    skrivs_utan_nyckel,
)
from openfisca_sweden_bistand.register.tabeller import (
    ANKRING,
    FORMAT,
    NOLLHASH,
    TABELLER,
    handelser,
    metadata,
    nu,
    registerinfo,
    triggrar,
)
from openfisca_sweden_bistand.register.verifiering import (
    Rad,
    Verifiering,
    ankarfel,
    ankringsfel,
    forsta_ankring,
    kedjefel,
    kedjehuvud,
    schemafel,
    tomt_register,
)

STANDARD_URL = "sqlite:///bistand_register.sqlite"
UTAN_NYCKEL_FEL = ("registret är markerat som skrivet utan nyckel: vem som helst som kan ändra databasen kan ha "
                   "satt markeringen och räknat om kedjan; godtas bara med --tillat-utan-nyckel (tester och "
                   "utveckling)")
logg = logging.getLogger("bistand.register")  # logs sequence numbers and counts only, never case data
FORSOK_SEKUNDER = 60  # how long a writer retries when others hold the chain head


class Kedja:
    """The register's rows at ``url``.

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
        self.nyckel = angiven_nyckel(nyckel)
        self.utan_nyckel = skrivs_utan_nyckel(utan_nyckel)
        if self.nyckel is None and not self.utan_nyckel and not las_bara:
            raise RegisterFel(f"ingen registernyckel: ange nyckelfilen med ${NYCKEL_MILJO} eller --nyckel "
                              "(skapa den en gång med bistand register nyckel --ut FIL)")
        self.las_bara = las_bara
        self.adress = url.split("@")[-1]
        self.url = url
        self.sqlite = self._oppna(url, skapa)
        if skapa:
            self._skapa()
        self.info = self._las_info()

    # Opening and creating ----------------------------------------------------------------------

    def _oppna(self, url: str, skapa: bool) -> bool:
        """Connect (``self.motor``); whether the database is SQLite. Without ``skapa`` a missing SQLite
        file is RegisterSaknas, never a new file."""
        try:
            delar = sa.engine.make_url(url)
        except sa.exc.ArgumentError:
            raise RegisterOtillgangligt(f"kan inte öppna registret {self.adress}: adressen är inte en "
                                        "databas-URL") from None
        sqlite = delar.get_backend_name() == "sqlite"
        fil = delar.database if sqlite and delar.database not in (None, "", ":memory:") else None
        if fil and not skapa and not Path(fil).is_file():
            raise RegisterSaknas(f"registret finns inte: {fil}")
        argument: dict[str, Any] = {"connect_args": {"timeout": 30}} if sqlite else {"pool_pre_ping": True}
        try:
            self.motor = sa.create_engine(url, **argument)
            with self.motor.connect() as anslutning:
                anslutning.execute(sa.text("SELECT 1"))
                if sqlite:
                    anslutning.exec_driver_sql("PRAGMA schema_version").all()  # reads the file's header
        except (sa.exc.ArgumentError, sa.exc.NoSuchModuleError, OperationalError) as fel:
            raise RegisterOtillgangligt(f"kan inte öppna registret {self.adress}: {orsak(fel)}") from None
        except sa.exc.DatabaseError as fel:
            raise RegisterOlasligt(f"kan inte läsa registret {self.adress}: {orsak(fel)}") from None
        return sqlite

    def _saknas(self, anslutning: sa.Connection) -> bool:
        """Whether a table or a trigger is missing."""
        tabeller = set(sa.inspect(anslutning).get_table_names())
        if not set(TABELLER) <= tabeller:
            return True
        return not set(triggrar(self.sqlite)) <= self._triggrar_som_finns(anslutning)

    def _triggrar_som_finns(self, anslutning: sa.Connection, aktiva: bool = False) -> set[str]:
        """The protecting triggers in the database (``aktiva``: only those not disabled)."""
        if self.sqlite:
            return {r[0] for r in anslutning.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        return {r[0] for r in anslutning.exec_driver_sql(
            "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal " + ("AND tgenabled <> 'D' " if aktiva else "")
            + "AND tgrelid IN (SELECT oid FROM pg_class WHERE relname IN ('handelser', 'registerinfo'))")}

    def _skapa(self) -> None:
        """The tables, the triggers that refuse changes, and the register's identity, once. Safe when
        several processes create the same new register at once (a lock on PostgreSQL, retries)."""
        slut, forsok = time.monotonic() + FORSOK_SEKUNDER, 0
        while True:
            forsok += 1
            try:
                self._skapa_tabeller()
                self._skriv_identitet()
                return
            except (IntegrityError, OperationalError, sa.exc.ProgrammingError) as fel:  # another process was first
                if time.monotonic() > slut or type(getattr(fel, "orig", None)).__name__ == "InsufficientPrivilege":
                    raise RegisterOtillgangligt(f"kan inte skapa registret {self.adress}: {orsak(fel)}") from None
                time.sleep(random.uniform(0.005, 0.01 * min(forsok, 20)))
            except sa.exc.DatabaseError as fel:
                raise RegisterOlasligt(f"kan inte läsa registret {self.adress}: {orsak(fel)}") from None

    def _skapa_tabeller(self) -> None:
        with self.motor.begin() as anslutning:
            if not self.sqlite:
                anslutning.exec_driver_sql("SELECT pg_advisory_xact_lock(7413290512)")
            if self._saknas(anslutning):
                metadata.create_all(anslutning)
                for satser in triggrar(self.sqlite).values():
                    for sats in satser:
                        anslutning.exec_driver_sql(sats)

    def _skriv_identitet(self) -> None:
        """The register's identity, format and key id, in a new register (no identity and no rows)."""
        with self.motor.begin() as anslutning:
            info = dict(anslutning.execute(sa.select(registerinfo.c.nyckel, registerinfo.c.varde)).all())
            rad = anslutning.execute(sa.select(handelser.c.lopnummer).limit(1)).first()
            if info or self.las_bara or rad is not None:
                return
            anslutning.execute(registerinfo.insert(), [
                {"nyckel": "format", "varde": FORMAT}, {"nyckel": "register_id", "varde": uuid.uuid4().hex},
                {"nyckel": "nyckel_id", "varde": nyckel_id(self.nyckel)},
                {"nyckel": "skapad", "varde": nu().isoformat(timespec="seconds")},
            ])

    def _las_info(self) -> dict[str, str]:
        try:
            with self.motor.connect() as anslutning:
                if "registerinfo" not in sa.inspect(anslutning).get_table_names():
                    return {}
                return dict(anslutning.execute(sa.select(registerinfo.c.nyckel, registerinfo.c.varde)).all())
        except sa.exc.DatabaseError as fel:
            raise RegisterOlasligt(f"kan inte läsa registret {self.adress}: {orsak(fel)}") from None

    @property
    def register_id(self) -> str | None:
        return self.info.get("register_id")

    def _summa(self, rad: Rad, nyckel: bytes | None) -> str:
        return kontrollsumma(rad, nyckel, self.register_id or "")

    # Writing -------------------------------------------------------------------------------------

    def lagg_till(self, typ: str, innehall: dict[str, Any], *, period: str | None = None, utfall: str | None = None,
                  automatiserat: bool | None = None, hushallstyp: str | None = None, referens: int | None = None,
                  tidpunkt: datetime.datetime | None = None) -> Rad:
        """Append one event to the chain; retries when another writer got there first."""
        nyckel = self._skrivnyckel()
        kolumner = {"typ": typ, "tidpunkt": (tidpunkt or nu()).isoformat(timespec="microseconds"), "period": period,
                    "utfall": utfall, "automatiserat": automatiserat, "hushallstyp": hushallstyp,
                    "referens": referens, "innehall": kanonisk(innehall)}
        slut, forsok = time.monotonic() + FORSOK_SEKUNDER, 0
        while time.monotonic() < slut:
            forsok += 1
            try:
                rad = self._skriv_efter_huvudet(kolumner, nyckel)
                logg.info("registrerade %s som post %d", typ, rad["lopnummer"])
                return rad
            except (IntegrityError, OperationalError):  # another writer took the place, or holds the lock
                time.sleep(random.uniform(0.001, 0.002 * min(forsok, 20)))
            except sa.exc.DatabaseError as fel:
                raise RegisterOlasligt(f"kan inte skriva till registret {self.adress}: {orsak(fel)}") from None
        raise RegisterOtillgangligt("kunde inte skriva till registret: för många samtidiga skrivningar")

    def _skrivnyckel(self) -> bytes | None:
        """The key to write with; refuses a read-only register and a wrong or missing key."""
        if self.las_bara:
            raise RegisterFel("registret är öppnat för läsning")
        if not self.info:
            self.info = self._las_info()
        nyckel, problem = nyckelproblem(self.info, self.nyckel)
        if problem:
            raise RegisterFel(f"skriver inte i registret: {problem}")
        if nyckel is None:
            logg.warning("registret skrivs utan nyckel (%s=1): kedjan kan räknas om av vem som helst",
                         UTAN_NYCKEL_MILJO)
        return nyckel

    def _skriv_efter_huvudet(self, kolumner: dict[str, Any], nyckel: bytes | None) -> Rad:
        """One transaction: read the chain head, insert the row after it."""
        with self.motor.begin() as anslutning:
            huvud = anslutning.execute(
                sa.select(handelser.c.lopnummer, handelser.c.kontrollsumma)
                .order_by(handelser.c.lopnummer.desc()).limit(1)
            ).first()
            rad = {"lopnummer": (huvud.lopnummer + 1) if huvud else 1, **kolumner,
                   "foregaende": huvud.kontrollsumma if huvud else NOLLHASH}
            rad["kontrollsumma"] = self._summa(rad, nyckel)
            anslutning.execute(handelser.insert().values(**rad))
        return rad

    # Reading ----------------------------------------------------------------------------------------

    def rader(self, typ: str | None = None, period: str | None = None) -> list[Rad]:
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
            raise RegisterOlasligt(f"kan inte läsa registret {self.adress}: {orsak(fel)} "
                                   "(bistand register verifiera namnger de skadade posterna)") from None

    def _las_alla(self) -> tuple[list[Rad], list[int], bool]:
        """Every row that can be read; the sequence numbers of rows that cannot; whether the table exists.
        A damaged file is read row by row, so that the damage is named by row."""
        try:
            with self.motor.connect() as anslutning:
                if "handelser" not in sa.inspect(anslutning).get_table_names():
                    return [], [], False
        except sa.exc.DatabaseError as fel:
            raise RegisterOlasligt(f"kan inte läsa registret {self.adress}: {orsak(fel)}") from None
        try:
            return self.rader(), [], True
        except RegisterOlasligt:
            rader, olasliga = self._las_rad_for_rad()
            return rader, olasliga, True

    def _las_rad_for_rad(self) -> tuple[list[Rad], list[int]]:
        try:
            with self.motor.connect() as anslutning:
                fraga = sa.select(handelser.c.lopnummer).order_by(handelser.c.lopnummer)
                nummer = [r[0] for r in anslutning.execute(fraga)]
        except sa.exc.DatabaseError as fel:
            raise RegisterOlasligt(f"kan inte läsa registret {self.adress}: {orsak(fel)}; inte ens postnumren går att "
                                   "läsa") from None
        rader, olasliga = [], []
        for n in nummer:
            try:
                with self.motor.connect() as anslutning:
                    rad = anslutning.execute(sa.select(handelser).where(handelser.c.lopnummer == n)).one()
                    rader.append(dict(rad._mapping))
            except sa.exc.DatabaseError:
                olasliga.append(n)
        return rader, olasliga

    # Verifying --------------------------------------------------------------------------------------

    def verifiera(self, ankare: list[dict[str, Any]] | dict[str, Any] | None = None, nytt: bool = False, *,
                  ankarfil: str | Path | None = None, tillat_utan_nyckel: bool = False) -> Verifiering:
        """Every break in the chain, named by sequence number; and the chain head.

        ``ankare``: chain heads recorded outside the database (``forvantat_huvud``, ``las_ankare``), and
        those of the anchor file ``ankarfil``: each must still be in the chain, so rows deleted at the
        end, a wiped register and a replaced one are found. Once the register records that anchoring
        began (``borja_ankra``), a missing or empty anchor file, or no anchor at all, is an error too.
        An empty register is an error unless ``nytt`` (and no anchor says otherwise).
        A register marked as written without a key is an error unless ``tillat_utan_nyckel`` (then a
        warning): the mark is in the database, and whoever changes the database can set it and
        recompute the chain with plain SHA-256.
        Unpacks as ``fel, huvud``; ``.slutkod`` is 0, 1 (broken) or 3 (cannot be read)."""
        ankare = [] if ankare is None else [ankare] if isinstance(ankare, dict) else list(ankare)
        fil_ankare = las_ankare(ankarfil) if ankarfil is not None else []
        ankare = fil_ankare + ankare
        if not self.info:
            self.info = self._las_info()
        fel_i_schemat = schemafel(self._kolumner(), self.info)
        if any("saknar kolumnen" in f for f in fel_i_schemat):  # the rows cannot be read as the register's
            return Verifiering(fel_i_schemat, None, register_id=self.register_id)
        rader, olasliga, finns = self._las_alla()
        resultat = Verifiering(fel_i_schemat, None, olasligt=bool(olasliga), register_id=self.register_id,
                               antal_ankare=len(ankare), fil_ankare=fil_ankare, ankras_sedan=forsta_ankring(rader))
        if not rader and not olasliga:
            resultat.fel += tomt_register(ankare, finns, nytt)
            return resultat
        nyckel, problem = nyckelproblem(self.info, self.nyckel)
        if problem:
            if self.info.get("nyckel_id") not in (None, "", UTAN_NYCKEL) and self.nyckel is None:
                raise RegisterFel(f"kan inte verifiera: {problem}")
            resultat.fel.append(problem)
            return resultat
        if nyckel is None and not tillat_utan_nyckel:
            resultat.fel.append(UTAN_NYCKEL_FEL)
        resultat.varningar += self._varningar(utan_nyckel_godtas=nyckel is None and tillat_utan_nyckel)
        resultat.fel += kedjefel(rader, olasliga, lambda rad: self._summa(rad, nyckel))
        resultat.huvud = kedjehuvud(rader, olasliga)
        resultat.fel += ankarfel(ankare, rader, olasliga, self.register_id)
        fel, varningar = ankringsfel(rader, None if ankarfil is None else str(ankarfil),
                                     ankarfil is not None and Path(ankarfil).expanduser().exists(), fil_ankare,
                                     len(ankare))
        resultat.fel += fel
        resultat.varningar += varningar
        return resultat

    def borja_ankra(self) -> Rad:
        """Record in the chain that anchoring begins (``bistand register ankra --forsta``): from then on
        ``verifiera`` requires anchors, so a deleted or emptied anchor file is found. The row is chained
        and under the key like every other: removing it breaks the chain, unless every later row goes too."""
        sedan = forsta_ankring(self.rader(ANKRING))
        if sedan is not None:
            raise RegisterFel(f"registret ankras redan sedan post {sedan}: ankringen börjar bara en gång")
        rad = self.lagg_till(ANKRING, {"handelse": "ankringen börjar: verifiera kräver ankare från och med nu"})
        logg.info("ankringen börjar vid post %d", rad["lopnummer"])
        return rad

    def _kolumner(self) -> dict[str, list[str]]:
        """The columns of each of the register's tables that exists, as the database has them."""
        try:
            with self.motor.connect() as anslutning:
                granskare = sa.inspect(anslutning)
                finns = set(granskare.get_table_names())
                return {t: [k["name"] for k in granskare.get_columns(t)] for t in TABELLER if t in finns}
        except sa.exc.DatabaseError as fel:
            raise RegisterOlasligt(f"kan inte läsa registret {self.adress}: {orsak(fel)}") from None

    def _varningar(self, utan_nyckel_godtas: bool) -> list[str]:
        """The triggers missing or disabled; a register without a key that is accepted."""
        varningar = []
        if utan_nyckel_godtas:
            varningar.append(f"registret är skrivet utan nyckel ({UTAN_NYCKEL_MILJO}=1): kedjan kan räknas om av "
                             "vem som helst; bara ankaren utanför databasen skyddar den")
        saknade_triggrar = set(triggrar(self.sqlite)) - self._triggrar_som_finns_sakert()
        if saknade_triggrar:
            varningar.append("skyddet mot ändringar i databasen (triggrarna) saknas eller är avstängt: "
                             + ", ".join(sorted(saknade_triggrar)))
        return varningar

    def _triggrar_som_finns_sakert(self) -> set[str]:
        try:
            with self.motor.connect() as anslutning:
                return self._triggrar_som_finns(anslutning, aktiva=True)
        except sa.exc.DatabaseError:
            return set()
