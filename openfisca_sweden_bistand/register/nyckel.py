"""The register's secret key and the checksum of a row (an HMAC-SHA256 under that key).

The key is kept outside the database, in a key file (``bistand register nyckel --ut FIL``) that the
environment setting ``BISTAND_REGISTER_NYCKEL`` names; someone who can write to the database but
does not hold the key cannot recompute the chain.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import stat
from pathlib import Path
from typing import Any

from openfisca_sweden_bistand.hemlig_fil import skriv_ny
from openfisca_sweden_bistand.nyckelstyrka import MINSTA_ENTROPI, for_svag
from openfisca_sweden_bistand.register.fel import RegisterFel
from openfisca_sweden_bistand.register.tabeller import KOLUMNER

NYCKEL_MILJO = "BISTAND_REGISTER_NYCKEL"  # the key file
UTAN_NYCKEL_MILJO = "BISTAND_REGISTER_UTAN_NYCKEL"  # "1": write without a key (tests, development)
MINSTA_NYCKEL = 32  # bytes
UTAN_NYCKEL = "utan nyckel"


def kanonisk(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def kontrollsumma(rad: dict[str, Any], nyckel: bytes | None = None, register_id: str = "") -> str:
    """HMAC-SHA256 under ``nyckel`` (plain SHA-256 without a key) over the register's identity and
    every column of the row but the checksum itself."""
    text = (register_id + "\n" + kanonisk({k: rad.get(k) for k in KOLUMNER})).encode("utf-8")
    if nyckel is None:
        return hashlib.sha256(text).hexdigest()
    return hmac.new(nyckel, text, hashlib.sha256).hexdigest()


def nyckel_id(nyckel: bytes | None) -> str:
    """A short public name of a key (it reveals nothing of the key), stored in the register."""
    if nyckel is None:
        return UTAN_NYCKEL
    return hmac.new(nyckel, b"bistand-register:nyckel-id", hashlib.sha256).hexdigest()[:16]


def angiven_nyckel(nyckel: bytes | str | Path | None) -> bytes | None:
    """The key given (bytes, or its key file), else the file named by ``$BISTAND_REGISTER_NYCKEL``."""
    if nyckel is None and os.environ.get(NYCKEL_MILJO):
        nyckel = os.environ[NYCKEL_MILJO]
    varde = nyckel if isinstance(nyckel, bytes | None) else las_nyckel(nyckel)
    if varde is not None:
        _kontrollera(varde, "registernyckeln")
    return varde


def _kontrollera(nyckel: bytes, vad: str) -> None:
    """Refuse a key shorter than ``MINSTA_NYCKEL`` bytes or with an estimated entropy below ``MINSTA_ENTROPI``
    bits (``b"k" * 32``, a pattern; nyckelstyrka.py). Never quotes the key."""
    if len(nyckel) < MINSTA_NYCKEL:
        raise RegisterFel(f"{vad} är för kort: {len(nyckel)} byte, minst {MINSTA_NYCKEL}")
    if (bitar := for_svag(nyckel)) is not None:
        raise RegisterFel(f"{vad} är för lätt att gissa (uppskattat {bitar} bitar, minst {MINSTA_ENTROPI}: "
                          "upprepade byte eller ett mönster); skapa en slumpad nyckel med bistand register nyckel "
                          "--ut FIL")


def skrivs_utan_nyckel(utan_nyckel: bool | None) -> bool:
    """Whether to write without a key: as asked, else ``$BISTAND_REGISTER_UTAN_NYCKEL=1``."""
    return (os.environ.get(UTAN_NYCKEL_MILJO) == "1") if utan_nyckel is None else utan_nyckel


def nyckelproblem(info: dict[str, str], nyckel: bytes | None) -> tuple[bytes | None, str | None]:
    """The key to check and write the register's rows with (``info``: its registerinfo), or what is wrong."""
    if not info:
        return None, ("registret saknar sin identitet och nyckelmarkering (tabellen registerinfo): "
                      "det är skrivet av en äldre version eller har ändrats")
    lagrat = info.get("nyckel_id")
    if lagrat == UTAN_NYCKEL:
        if nyckel is not None:
            return None, ("registret är skrivet utan nyckel, men en nyckel är angiven: vem som helst kan ha räknat "
                          "om kedjan")
        return None, None
    if nyckel is None:
        return None, f"registret är skrivet med en nyckel: ange nyckelfilen med ${NYCKEL_MILJO} eller --nyckel"
    if lagrat != nyckel_id(nyckel):
        return None, ("nyckeln stämmer inte med registrets nyckel (fel nyckelfil, eller ett register skrivet med en "
                      "annan nyckel)")
    return nyckel, None


def skapa_nyckelfil(fil: str | Path) -> Path:
    """Write a new random key (32 bytes, hex) to ``fil`` with mode 0600; never overwrites a file."""
    fil = Path(fil).expanduser()
    fil.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        skriv_ny(fil, (secrets.token_bytes(MINSTA_NYCKEL).hex() + "\n").encode("ascii"))
    except FileExistsError:
        raise RegisterFel(f"nyckelfilen {fil} finns redan: en ny nyckel skulle göra registret omöjligt att "
                          "verifiera") from None
    except OSError as fel:
        raise RegisterFel(f"kan inte skapa nyckelfilen {fil}: {fel.strerror}") from None
    return fil


def las_nyckel(fil: str | Path) -> bytes:
    """The key in ``fil`` (hex, at least 32 bytes that are not a pattern); the file must be readable by its owner
    only."""
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
        raise RegisterFel(f"registernyckeln {fil} ska vara hexadecimal (skapa den med bistand register nyckel "
                          "--ut FIL)") from None
    _kontrollera(nyckel, f"registernyckeln {fil}")
    return nyckel
