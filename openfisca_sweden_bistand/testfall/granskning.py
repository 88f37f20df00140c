"""A legal reviewer's sign-off (*granskning*) of a YAML test case, stored in the case itself and signed.

OpenFisca's test runner refuses a key it does not know (``openfisca test`` builds each case with
``Test(**case)``), so the sign-off is a structured YAML *comment* block right after the case's
``name`` entry (after the end of its value), indented like the case's keys::

    - name: 'Grundfall: automatiskt bifall när inget skäl för manuell prövning finns'
      # granskning:
      #   granskad_av: Eva Jurist, jurist, socialförvaltningen
      #   datum: '2026-11-24'
      #   kommentar: Stämmer med SoF (2025:468) 12 kap. 2 §.
      #   kontrollsumma: sha256:<64 hex digits>
      #   regelversion: openfisca-sweden-bistand 0.1.0 (git <commit>)
      #   nyckel: eva.jurist
      #   signatur: ed25519:<base64>
      description: 'Lagregel: ...'

Every YAML reader and both test runners skip it. The block is the line ``# granskning:`` and every
following line that starts with the same indentation and ``#   ``; without that prefix the lines
are YAML (one ``key: value`` per line, a comment with line breaks as a double-quoted string).

The checksum (``kontrollsumma``) covers the legal claim and what the case computes and expects: ``name``,
``description``, ``period``, ``input``, ``output``, ``reforms``, ``extensions``, ``parameters`` and the error
margins, as canonical JSON. It leaves out the keywords and every comment, so a sign-off survives a reworded
comment or keyword but not a changed name, description, household or expectation.

The signature (``signatur``) is the reviewer's Ed25519 signature, by the key ``nyckel`` of the reviewers' file
(``granskare.py``), over a UTF-8 text any language can rebuild from the block (``meddelande``), every line
ending in a line feed::

    openfisca-sweden-bistand granskning 1
    fall: sha256:<hex>                     (kontrollsumma)
    nyckel: <id>
    granskad_av: <namn, roll>
    datum: YYYY-MM-DD
    regelversion: <text>
    kommentar: sha256:<hex of the comment's UTF-8>

A case is:

- ``granskad`` (reviewed): its block reads, the key is in the reviewers' file and counted on the block's
  date, ``granskad_av`` is that reviewer's ``namn, roll``, the signature verifies over the block, and
  the block's checksum matches the case;
- ``andrad_sedan_granskning`` (changed since review): all that, but the case no longer matches the
  checksum the reviewer signed (an edit after the review);
- ``ogiltig_granskning`` (not reviewed: invalid sign-off): a block that cannot be read, has no
  signature, names a key not in the file, another reviewer than the key's, or a signature that does not
  verify (a checksum recomputed, a reviewer renamed); ``orsak`` says which;
- ``ej_granskad`` (not reviewed): it has no block.

``signering.signera`` writes (or replaces) the block in one case of one file.
"""

from __future__ import annotations

import base64
import binascii
import datetime
import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any

import yaml
from cryptography.exceptions import InvalidSignature

from openfisca_sweden_bistand.arende.validering import ArendeFel
from openfisca_sweden_bistand.testfall.granskare import Granskarregister, standard
from openfisca_sweden_bistand.testfall.yamlgranser import las_yaml

GRANSKAD = "granskad"
EJ_GRANSKAD = "ej_granskad"
ANDRAD = "andrad_sedan_granskning"
OGILTIG = "ogiltig_granskning"
STATUSTEXT = {GRANSKAD: "Granskad", EJ_GRANSKAD: "Inte granskad", ANDRAD: "Ändrad sedan granskning",
              OGILTIG: "Inte granskad: ogiltig signatur"}
ANTALTEXT = {GRANSKAD: "granskade", EJ_GRANSKAD: "inte granskade", ANDRAD: "ändrade sedan granskning",
             OGILTIG: "med ogiltig signatur"}  # "granskade 3"

# The parts of a case its checksum covers: the legal claim, what it computes and what it expects.
KONTROLLERADE_NYCKLAR = (
    "name", "description", "period", "input", "output", "reforms", "extensions", "parameters",
    "absolute_error_margin", "relative_error_margin", "max_spiral_loops",
)
RUBRIK = "# granskning:"
PREFIX = "#   "
FALT = ("granskad_av", "datum", "kommentar", "kontrollsumma", "regelversion", "nyckel", "signatur")
OBLIGATORISKA = ("granskad_av", "datum", "kontrollsumma")
KONTROLLSUMMA = re.compile(r"sha256:[0-9a-f]{64}")
SIGNATUR = re.compile(r"ed25519:([A-Za-z0-9+/]{86}==)")
MEDDELANDETS_HUVUD = "openfisca-sweden-bistand granskning 1"


@dataclass(frozen=True)
class Granskning:
    """One sign-off: who, when, their comment, the checksum of the case, the rule version, the key and signature."""

    granskad_av: str
    datum: str
    kommentar: str
    kontrollsumma: str
    regelversion: str
    nyckel: str = ""
    signatur: str = ""

    def meddelande(self) -> bytes:
        """The text the reviewer signed (``meddelande``)."""
        return meddelande(self.kontrollsumma, self.nyckel, self.granskad_av, self.datum, self.regelversion,
                          self.kommentar)


def meddelande(kontrollsumma_: str, nyckel: str, granskad_av: str, datum: str, regelversion: str,
               kommentar: str) -> bytes:
    """The signed text of a sign-off, UTF-8, each line ending in a line feed (the module's docstring)."""
    rader = (MEDDELANDETS_HUVUD, f"fall: {kontrollsumma_}", f"nyckel: {nyckel}", f"granskad_av: {granskad_av}",
             f"datum: {datum}", f"regelversion: {regelversion}",
             "kommentar: sha256:" + hashlib.sha256(kommentar.encode("utf-8")).hexdigest())
    return "".join(rad + "\n" for rad in rader).encode("utf-8")


def signaturtext(signatur: bytes) -> str:
    """A signature as the block writes it: ``ed25519:<base64>``."""
    return "ed25519:" + base64.b64encode(signatur).decode("ascii")


def las_signatur(text: str) -> bytes:
    """The 64 bytes of a signature written ``ed25519:<base64>`` (or the base64 alone). ``ValueError`` otherwise."""
    if not isinstance(text, str):
        raise ValueError("signaturen ska vara text")
    text = "".join(text.split())
    traff = SIGNATUR.fullmatch(text if text.startswith("ed25519:") else "ed25519:" + text)
    if traff is None:
        raise ValueError("signaturen ska vara 64 byte i base64 (ed25519:…)")
    try:
        return base64.b64decode(traff.group(1), validate=True)
    except binascii.Error:
        raise ValueError("signaturen ska vara 64 byte i base64 (ed25519:…)") from None


def verifiera(granskning: Granskning, granskare: Granskarregister) -> str:
    """Why the sign-off's signature does not hold (in Swedish), or "" when it does: the key is in the reviewers'
    file and counted on the block's date, ``granskad_av`` is its reviewer, and the signature verifies."""
    if not granskning.nyckel or not granskning.signatur:
        return "granskningen saknar nyckel eller signatur"
    post = granskare.hitta(granskning.nyckel)
    if post is None:
        return f"nyckeln finns inte bland granskarna i {granskare.kalla}"
    if granskning.granskad_av != post.granskad_av:
        return "granskad_av är inte nyckelns granskare"
    try:
        dag = datetime.date.fromisoformat(granskning.datum)
    except ValueError:
        return "datumet ska skrivas ÅÅÅÅ-MM-DD"
    if not post.galler(dag):
        return "nyckeln gällde inte den dagen"
    try:
        post.nyckel.verify(las_signatur(granskning.signatur), granskning.meddelande())
    except (ValueError, InvalidSignature):
        return "signaturen stämmer inte"
    return ""


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
    """``sha256:<hex>`` of the case's name, description, inputs and expectations (``KONTROLLERADE_NYCKLAR`` present)."""
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


def las_granskning(rader: list[str], start: int, indrag: str, fall: dict[str, Any],
                   granskare: Granskarregister | None = None) -> tuple[Granskning | None, str, str]:
    """The sign-off of a case whose block would begin at ``rader[start]``, the case's status and, when the
    sign-off does not hold, why (in Swedish). ``granskare``: the reviewers' file (None: the packaged one)."""
    slut = blockets_slut(rader, start, indrag)
    if slut == start:
        return None, EJ_GRANSKAD, ""
    try:
        granskning = tolka_block(rader[start:slut], indrag)
    except ValueError as fel:
        return None, OGILTIG, f"granskningen kan inte läsas: {fel}"  # no sign-off of the case as it is
    orsak = verifiera(granskning, standard() if granskare is None else granskare)
    if orsak:
        return granskning, OGILTIG, orsak
    if granskning.kontrollsumma != kontrollsumma(fall):
        return granskning, ANDRAD, "testfallet har ändrats sedan granskningen"
    return granskning, GRANSKAD, ""


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


