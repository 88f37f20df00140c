"""The register's tables, the triggers that make them refuse changes, and the time stamp of a row."""

from __future__ import annotations

import datetime

import sqlalchemy as sa

FORMAT = "2"
NOLLHASH = "0" * 64  # the link of the first row

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
INFORADER = ("format", "register_id", "nyckel_id", "skapad")  # the rows of registerinfo
ANKRING = "ankring"  # the event that records that anchoring began (bistand register ankra --forsta)
# The columns a row's checksum covers (all but the checksum itself).
KOLUMNER = ("lopnummer", "typ", "tidpunkt", "period", "utfall", "automatiserat", "hushallstyp", "referens",
            "innehall", "foregaende")

_PG_FUNKTION = (
    "CREATE OR REPLACE FUNCTION bistand_vagra_andring() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "RAISE EXCEPTION USING MESSAGE = 'beslutsregistret tar bara emot nya poster: ' || TG_OP || ' vägras'; "
    "END $$"
)


def nu() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


def triggrar(sqlite: bool) -> dict[str, list[str]]:
    """The triggers that make the tables refuse changes (by name: the statements that create each)."""
    return _sqlite_triggrar() if sqlite else _postgres_triggrar()


def _sqlite_triggrar() -> dict[str, list[str]]:
    return {f"{tabell}_vagra_{namn}": [
        f"CREATE TRIGGER IF NOT EXISTS {tabell}_vagra_{namn} BEFORE {sats} ON {tabell} "
        f"BEGIN SELECT RAISE(ABORT, 'beslutsregistret tar bara emot nya poster: {sats} vägras'); END"]
        for tabell in TABELLER for namn, sats in (("andring", "UPDATE"), ("radering", "DELETE"))}


def _postgres_triggrar() -> dict[str, list[str]]:
    ut: dict[str, list[str]] = {}
    for tabell in TABELLER:
        ut[f"{tabell}_vagra_andring"] = [_PG_FUNKTION, (
            f"CREATE OR REPLACE TRIGGER {tabell}_vagra_andring BEFORE UPDATE OR DELETE ON {tabell} "
            "FOR EACH ROW EXECUTE FUNCTION bistand_vagra_andring()")]
        ut[f"{tabell}_vagra_tomning"] = [_PG_FUNKTION, (
            f"CREATE OR REPLACE TRIGGER {tabell}_vagra_tomning BEFORE TRUNCATE ON {tabell} "
            "FOR EACH STATEMENT EXECUTE FUNCTION bistand_vagra_andring()")]
    return ut
