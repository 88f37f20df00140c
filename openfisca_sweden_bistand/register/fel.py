"""The register's errors, and why a database operation failed (in words that never quote a row)."""

from __future__ import annotations

from openfisca_sweden_bistand.personnummer import maskera


class RegisterFel(ValueError):
    pass


class RegisterOtillgangligt(RegisterFel):
    """The register could not be opened or written to (not the caller's input)."""


class RegisterOlasligt(RegisterOtillgangligt):
    """The register's file or rows cannot be read (damaged, or not a register)."""


class RegisterSaknas(RegisterFel):
    """No register at this address (and the caller did not ask to create one)."""


KANDA_ORSAKER = {
    "file is not a database": "filen är inte en SQLite-databas (skadad eller utbytt)",
    "database disk image is malformed": "databasfilen är skadad",
    "could not decode": "en post går inte att avkoda (skadad)",
    "unable to open database file": "databasfilen går inte att öppna",
    "database is locked": "databasen är låst av en annan process",
    "readonly database": "databasen är skrivskyddad",
}


def orsak(fel: Exception) -> str:
    """Why a database operation failed, without the stored data (SQLite quotes the row in some errors)."""
    orig = getattr(fel, "orig", None) or fel
    text = (str(orig).splitlines() or [""])[0]
    for engelska, svenska in KANDA_ORSAKER.items():
        if engelska in text.lower():
            return svenska
    if type(orig).__module__.startswith("psycopg") and text:  # the server's message, first line: no row data
        return maskera(text)
    return f"databasfel ({type(orig).__name__})"
