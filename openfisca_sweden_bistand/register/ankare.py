"""Anchors: chain heads kept outside the database.

The chain alone cannot show that its last rows were deleted, that it was wiped, or that the whole
register was replaced. Its head and row count, printed in the report to the nämnd and appended to an
anchor file (one JSON line per anchor, only ever appended to), let ``verifiera`` find that.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from openfisca_sweden_bistand.register.fel import RegisterFel
from openfisca_sweden_bistand.register.tabeller import nu

ANKARE_MILJO = "BISTAND_REGISTER_ANKARE"  # the anchor file


def skriv_ankare(fil: str | Path, huvud: dict[str, Any], register_id: str | None) -> dict[str, Any]:
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


def las_ankare(fil: str | Path) -> list[dict[str, Any]]:
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
            ankare.append(_ankare(json.loads(rad)))
        except (ValueError, TypeError, KeyError):
            raise RegisterFel(f"ankarfilen {fil}, rad {i}: inte ett ankare (väntade JSON med poster, lopnummer, "
                              "kedjehuvud)") from None
    return ankare


def _ankare(post: dict[str, Any]) -> dict[str, Any]:
    return {"tid": str(post["tid"]), "register_id": post.get("register_id"), "poster": int(post["poster"]),
            "lopnummer": int(post["lopnummer"]), "kedjehuvud": _hex(post["kedjehuvud"])}


def forvantat_huvud(text: str) -> dict[str, Any]:
    """``--forvantat-huvud``: ``LOPNUMMER:KONTROLLSUMMA`` as the report prints it (at least 16 hex digits
    of the checksum), or the checksum alone."""
    nummer, _, summa = text.strip().rpartition(":")
    try:
        return {"tid": "--forvantat-huvud", "register_id": None, "lopnummer": int(nummer) if nummer else None,
                "poster": int(nummer) if nummer else None, "kedjehuvud": _hex(summa)}
    except ValueError:
        raise RegisterFel("--forvantat-huvud skrivs LOPNUMMER:KONTROLLSUMMA (minst 16 hexadecimala tecken), "
                          "som i rapporten till nämnden") from None


def _hex(varde: Any) -> str:
    text = str(varde).strip().lower()
    if not 16 <= len(text) <= 64 or any(t not in "0123456789abcdef" for t in text):
        raise ValueError(text)
    return text
