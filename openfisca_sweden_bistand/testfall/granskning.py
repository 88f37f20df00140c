"""A legal reviewer's sign-off (*granskning*) of a YAML test case, stored in the case itself.

OpenFisca's test runner refuses a key it does not know (``openfisca test`` builds each case with
``Test(**case)``), so the sign-off is a structured YAML *comment* block right after the case's
``name`` entry (after the end of its value), indented like the case's keys::

    - name: 'Grundfall: automatiskt bifall när inget skäl för manuell prövning finns'
      # granskning:
      #   granskad_av: Jurist, socialförvaltningen
      #   datum: '2026-11-24'
      #   kommentar: Stämmer med SoF (2025:468) 12 kap. 2 §.
      #   kontrollsumma: sha256:<64 hex digits>
      #   regelversion: openfisca-sweden-bistand 0.1.0 (git <commit>)
      description: 'Lagregel: ...'

Every YAML reader and both test runners skip it. The block is the line ``# granskning:`` and every
following line that starts with the same indentation and ``#   ``; without that prefix the lines
are YAML (one ``key: value`` per line, a comment with line breaks as a double-quoted string).

The checksum (``kontrollsumma``) covers what the case computes and expects: ``period``, ``input``,
``output``, ``reforms``, ``extensions``, ``parameters`` and the error margins, as canonical JSON. It
leaves out the name, the description, the keywords and every comment, so a reviewer's sign-off
survives a reworded description but not a changed household or expectation. A case is:

- ``granskad`` (reviewed): it has a block whose checksum matches the case;
- ``andrad_sedan_granskning`` (changed since review): it has a block, and the case no longer
  matches its checksum (or the block cannot be read);
- ``ej_granskad`` (not reviewed): it has no block.

``signering.signera`` writes (or replaces) the block in one case of one file.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any

import yaml

from openfisca_sweden_bistand.arende.validering import ArendeFel
from openfisca_sweden_bistand.testfall.yamlgranser import las_yaml

GRANSKAD = "granskad"
EJ_GRANSKAD = "ej_granskad"
ANDRAD = "andrad_sedan_granskning"
STATUSTEXT = {GRANSKAD: "Granskad", EJ_GRANSKAD: "Inte granskad", ANDRAD: "Ändrad sedan granskning"}
ANTALTEXT = {GRANSKAD: "granskade", EJ_GRANSKAD: "inte granskade", ANDRAD: "ändrade sedan granskning"}  # "granskade 3"

# The parts of a case its checksum covers: what it computes and what it expects.
KONTROLLERADE_NYCKLAR = (
    "period", "input", "output", "reforms", "extensions", "parameters",
    "absolute_error_margin", "relative_error_margin", "max_spiral_loops",
)
RUBRIK = "# granskning:"
PREFIX = "#   "
FALT = ("granskad_av", "datum", "kommentar", "kontrollsumma", "regelversion")
OBLIGATORISKA = ("granskad_av", "datum", "kontrollsumma")
KONTROLLSUMMA = re.compile(r"sha256:[0-9a-f]{64}")


@dataclass(frozen=True)
class Granskning:
    """One sign-off: who, when, their comment, the checksum of the case and the rule version."""

    granskad_av: str
    datum: str
    kommentar: str
    kontrollsumma: str
    regelversion: str


def json_varde(varde: Any) -> Any:
    """``varde`` (read from YAML) with dates as ISO text, also as mapping keys (JSON allows only text keys)."""
    if isinstance(varde, dict):
        return {_kanonisk_nyckel(k): json_varde(v) for k, v in varde.items()}
    if isinstance(varde, list | tuple):
        return [json_varde(v) for v in varde]
    if isinstance(varde, datetime.date | datetime.datetime):
        return varde.isoformat()
    return varde


def _kanonisk_nyckel(nyckel: Any) -> str:
    if isinstance(nyckel, str):
        return nyckel
    if isinstance(nyckel, datetime.date | datetime.datetime):
        return nyckel.isoformat()
    return json.dumps(json_varde(nyckel), ensure_ascii=False, sort_keys=True)


def kanonisk_json(varde: Any) -> str:
    """Canonical JSON of a YAML value: sorted keys, UTF-8 text, no spaces, dates as ISO text."""
    return json.dumps(json_varde(varde), sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def kontrollsumma(fall: dict[str, Any]) -> str:
    """``sha256:<hex>`` of the case's inputs and expectations (``KONTROLLERADE_NYCKLAR`` present)."""
    delar = {nyckel: fall[nyckel] for nyckel in KONTROLLERADE_NYCKLAR if nyckel in fall}
    return "sha256:" + hashlib.sha256(kanonisk_json(delar).encode("utf-8")).hexdigest()


def regelversion_text() -> str:
    """The package version and the commit of the rules: ``openfisca-sweden-bistand 0.1.0 (git abc…)``."""
    from openfisca_sweden_bistand import __version__, kallkodens_commit

    return f"openfisca-sweden-bistand {__version__} (git {kallkodens_commit() or 'okänd'})"


# --- reading a block -------------------------------------------------------------------------------


def blockets_slut(rader: list[str], start: int, indrag: str) -> int:
    """The line after a sign-off block that begins at ``rader[start]``, or ``start`` if none begins there.

    ``rader`` are the file's lines without their line breaks; ``indrag`` the case's key indentation.
    """
    if start >= len(rader) or rader[start].rstrip() != indrag + RUBRIK:
        return start
    slut = start + 1
    while slut < len(rader) and rader[slut].startswith(indrag + PREFIX):
        slut += 1
    return slut


def tolka_block(rader: list[str], indrag: str) -> Granskning:
    """The sign-off in a block's lines (the heading first). ``ValueError`` if it cannot be read."""

    text = "\n".join(rad[len(indrag + PREFIX):] for rad in rader[1:])
    try:  # under the catalogue's bounds: a block, too, may hold a YAML bomb
        data = las_yaml(text, "granskningen", yaml.SafeLoader)[1]
    except ArendeFel as fel:
        raise ValueError(fel.meddelande) from None
    if not isinstance(data, dict):
        raise ValueError("granskningen ska vara nyckel: värde, en per rad")
    okanda = sorted(str(k) for k in data if k not in FALT)
    saknade = [f for f in OBLIGATORISKA if data.get(f) in (None, "")]
    if okanda or saknade:
        raise ValueError(f"granskningen har okända fält {okanda} eller saknar {saknade}")
    if isinstance(data["datum"], datetime.date):
        data["datum"] = data["datum"].isoformat()
    varden = {f: data.get(f, "") for f in FALT}
    if not all(isinstance(v, str) for v in varden.values()):
        raise ValueError("varje fält i granskningen ska vara text")
    if not KONTROLLSUMMA.fullmatch(varden["kontrollsumma"]):
        raise ValueError("kontrollsumman ska skrivas sha256:<64 hexadecimala tecken>")
    return Granskning(**varden)


def las_granskning(rader: list[str], start: int, indrag: str, fall: dict[str, Any]) -> tuple[Granskning | None, str]:
    """The sign-off of a case whose block would begin at ``rader[start]``, and the case's status."""
    slut = blockets_slut(rader, start, indrag)
    if slut == start:
        return None, EJ_GRANSKAD
    try:
        granskning = tolka_block(rader[start:slut], indrag)
    except ValueError:
        return None, ANDRAD  # a block nobody can read is no sign-off of the case as it is
    return granskning, GRANSKAD if granskning.kontrollsumma == kontrollsumma(fall) else ANDRAD


# --- writing a block -------------------------------------------------------------------------------


def _yaml_rad(falt: str, varde: str) -> str:
    """``falt: varde`` as one line of YAML (a value with a line break as a double-quoted string)."""
    rad = str(yaml.safe_dump({falt: varde}, allow_unicode=True, width=1_000_000, default_flow_style=False))
    rad = rad.rstrip("\n")
    if "\n" in rad:
        rad = f"{falt}: {json.dumps(varde, ensure_ascii=False)}"
    return rad


def blockrader(granskning: Granskning, indrag: str) -> list[str]:
    """The lines of a sign-off block (without line breaks)."""
    return [indrag + RUBRIK] + [indrag + PREFIX + _yaml_rad(f, getattr(granskning, f)) for f in FALT]


