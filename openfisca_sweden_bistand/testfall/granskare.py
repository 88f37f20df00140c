"""The legal reviewers who may sign off a YAML test case, and their public keys (*granskare*).

A sign-off (``granskning.py``) is an Ed25519 signature by a reviewer's private key; the reviewers' public keys are
listed in ``granskare.yaml``, shipped in the package (a municipality gives its own with ``--granskare FIL``). A key is
added by a reviewed commit to that file: whoever can change it can add a key, so it is protected like the code
(code review, CODEOWNERS). Each entry::

    - id: eva.jurist                       # the key's id, written into each sign-off (a-z, 0-9, . _ -)
      namn: Eva Jurist                     # shown, with the role, as the sign-off's granskad_av
      roll: jurist, socialförvaltningen
      nyckel: ssh-ed25519 AAAAC3Nza… eva   # an OpenSSH Ed25519 public key line
      giltig_fran: 2026-01-01              # optional: the first and last day a sign-off by the key counts
      giltig_till: 2027-12-31

``las_granskare(fil)`` reads and checks the file with ``yaml.SafeLoader`` (under the catalogue's bounds); any fault is
an ``ArendeFel`` naming the entry. ``standard()`` is the packaged file, read once per process.

A reviewer's private key stays with the reviewer: ``skapa_nyckelfil`` writes a new one (PKCS#8 PEM, which the web
page's script and the command line both read; mode 0600, never over another file) and ``las_privat_nyckel`` reads
one (that, or OpenSSH's ``-----BEGIN OPENSSH PRIVATE KEY-----`` as ``ssh-keygen -t ed25519`` writes it), asking for
its passphrase only when it is encrypted. Neither ever prints or logs the key.
"""

from __future__ import annotations

import base64
import binascii
import datetime
import functools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from openfisca_sweden_bistand.arende.validering import ArendeFel
from openfisca_sweden_bistand.hemlig_fil import skriv_ny
from openfisca_sweden_bistand.personnummer import innehaller_personnummer
from openfisca_sweden_bistand.testfall.yamlgranser import las_yaml

FILNAMN = "granskare.yaml"
HOGSTA_STORLEK = 256 * 1024  # bytes of a reviewers' file
HOGSTA_TEXT = 100  # characters of a name or a role
ID = re.compile(r"[a-z0-9][a-z0-9._-]{0,63}")
NYCKELRAD = re.compile(r"ssh-ed25519 ([A-Za-z0-9+/]+={0,2})(?: [^\r\n]*)?")
FALT = ("id", "namn", "roll", "nyckel", "giltig_fran", "giltig_till")
OBLIGATORISKA = ("id", "namn", "roll", "nyckel")
OTILLATNA_KATEGORIER = {"Cc", "Cf", "Cs", "Co", "Zl", "Zp"}


@dataclass(frozen=True)
class Granskare:
    """One reviewer's key: its id, the reviewer's name and role, the public key and the days it counts."""

    id: str
    namn: str
    roll: str
    nyckel: Ed25519PublicKey
    giltig_fran: datetime.date | None = None
    giltig_till: datetime.date | None = None

    @property
    def granskad_av(self) -> str:
        """The reviewer as a sign-off names them: ``namn, roll``."""
        return f"{self.namn}, {self.roll}"

    def galler(self, dag: datetime.date) -> bool:
        """Whether a sign-off dated ``dag`` counts under this key."""
        return (self.giltig_fran is None or self.giltig_fran <= dag) and (
            self.giltig_till is None or dag <= self.giltig_till)

    def publik_rad(self) -> bytes:
        """The raw 32 bytes of the public key."""
        return self.nyckel.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


@dataclass(frozen=True)
class Granskarregister:
    """The reviewers of one file, by key id; ``kalla`` names the file (for messages)."""

    granskare: tuple[Granskare, ...]
    kalla: str = FILNAMN

    def hitta(self, id_: str) -> Granskare | None:
        return next((g for g in self.granskare if g.id == id_), None)

    def for_nyckel(self, publik: Ed25519PublicKey) -> Granskare | None:
        """The reviewer whose key is ``publik``."""
        radata = publik.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        return next((g for g in self.granskare if g.publik_rad() == radata), None)


def kontrollera_text(varde: Any, falt: str, langst: int = HOGSTA_TEXT) -> str:
    """A name, a role or an id as one line of text: 1–``langst`` characters, no control character or personnummer."""
    if not isinstance(varde, str) or not varde.strip():
        raise ArendeFel(falt, "ska vara text")
    text = varde.strip()
    if len(text) > langst:
        raise ArendeFel(falt, f"får vara högst {langst} tecken långt")
    if any(unicodedata.category(t) in OTILLATNA_KATEGORIER for t in text):
        raise ArendeFel(falt, "innehåller styrtecken eller radbrytningar")
    if innehaller_personnummer(text):
        raise ArendeFel(falt, "får inte innehålla ett personnummer eller samordningsnummer")
    return text


def kontrollera_id(varde: Any, falt: str) -> str:
    if not isinstance(varde, str) or not ID.fullmatch(varde):
        raise ArendeFel(falt, "ett id skrivs med a–z, 0–9, punkt, _ och - (högst 64 tecken, t.ex. eva.jurist)")
    return varde


def las_publik_nyckel(rad: Any, falt: str) -> Ed25519PublicKey:
    """An OpenSSH Ed25519 public key line, ``ssh-ed25519 AAAA… kommentar``."""
    if not isinstance(rad, str) or not NYCKELRAD.fullmatch(rad.strip()):
        raise ArendeFel(falt, "ska vara en publik Ed25519-nyckel på en rad: ssh-ed25519 AAAA… (ur NYCKEL.pub)")
    try:
        base64.b64decode(rad.split()[1], validate=True)
        nyckel = serialization.load_ssh_public_key(rad.strip().encode("ascii"))
    except (ValueError, binascii.Error, UnicodeEncodeError):
        raise ArendeFel(falt, "nyckeln kan inte läsas") from None
    if not isinstance(nyckel, Ed25519PublicKey):
        raise ArendeFel(falt, "nyckeln är ingen Ed25519-nyckel")
    return nyckel


def _datum(varde: Any, falt: str) -> datetime.date | None:
    if varde is None:
        return None
    if isinstance(varde, datetime.date) and not isinstance(varde, datetime.datetime):
        return varde
    raise ArendeFel(falt, "ett datum skrivs ÅÅÅÅ-MM-DD")


def _post(data: Any, nummer: int, kalla: str) -> Granskare:
    falt = f"{kalla}: granskare {nummer}"
    if not isinstance(data, dict):
        raise ArendeFel(falt, "ska vara id, namn, roll och nyckel (en mappning)")
    okanda = sorted(str(k) for k in data if k not in FALT)
    if okanda:
        raise ArendeFel(falt, f"okända fält {okanda} (tillåtna: {', '.join(FALT)})")
    saknade = [f for f in OBLIGATORISKA if data.get(f) is None]
    if saknade:
        raise ArendeFel(falt, f"saknar {', '.join(saknade)}")
    id_ = kontrollera_id(data["id"], f"{falt}.id")
    falt = f"{kalla}: granskare {nummer} ({id_})"
    granskare = Granskare(id_, kontrollera_text(data["namn"], f"{falt}.namn"),
                          kontrollera_text(data["roll"], f"{falt}.roll"),
                          las_publik_nyckel(data["nyckel"], f"{falt}.nyckel"),
                          _datum(data.get("giltig_fran"), f"{falt}.giltig_fran"),
                          _datum(data.get("giltig_till"), f"{falt}.giltig_till"))
    if granskare.giltig_fran and granskare.giltig_till and granskare.giltig_till < granskare.giltig_fran:
        raise ArendeFel(f"{falt}.giltig_till", "ligger före giltig_fran")
    return granskare


def tolka_granskare(text: str, kalla: str = FILNAMN) -> Granskarregister:
    """The reviewers of a file's text (an empty file, or one of only comments: none)."""
    data = las_yaml(text, kalla, yaml.SafeLoader)[1]
    if data is None:
        data = []
    if not isinstance(data, list):
        raise ArendeFel(kalla, "granskarfilen är en lista av granskare (id, namn, roll, nyckel)")
    granskare = tuple(_post(post, nummer, kalla) for nummer, post in enumerate(data, start=1))
    for i, g in enumerate(granskare):
        for tidigare in granskare[:i]:
            if g.id == tidigare.id:
                raise ArendeFel(f"{kalla}: granskare {i + 1} ({g.id})", "samma id finns redan")
            if g.publik_rad() == tidigare.publik_rad():
                raise ArendeFel(f"{kalla}: granskare {i + 1} ({g.id})", f"samma nyckel som {tidigare.id}")
    return Granskarregister(granskare, kalla)


def las_granskare(fil: Path | str | None = None) -> Granskarregister:
    """The reviewers of the file ``fil`` (None: the packaged ``granskare.yaml``)."""
    if fil is None:
        return standard()
    sokvag = Path(fil)
    try:
        with open(sokvag, "rb") as handtag:
            data = handtag.read(HOGSTA_STORLEK + 1)
    except OSError as fel:
        raise ArendeFel("--granskare", f"kan inte läsa {sokvag.name}: {fel.strerror}") from None
    return _avkoda(data, sokvag.name)


def _avkoda(data: bytes, kalla: str) -> Granskarregister:
    if len(data) > HOGSTA_STORLEK:
        raise ArendeFel("--granskare", f"{kalla} är större än {HOGSTA_STORLEK // 1024} KiB")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise ArendeFel("--granskare", f"{kalla} är inte UTF-8") from None
    return tolka_granskare(text, kalla)


@functools.cache
def standard() -> Granskarregister:
    """The packaged reviewers (``openfisca_sweden_bistand/testfall/granskare.yaml``), read once per process."""
    return _avkoda(resources.files(__package__).joinpath(FILNAMN).read_bytes(), FILNAMN)


def post_yaml(id_: str, namn: str, roll: str, publik: Ed25519PublicKey) -> str:
    """The entry of a new reviewer, as YAML to add to ``granskare.yaml``."""
    rad = publik.public_bytes(serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH).decode("ascii")
    text = yaml.safe_dump([{"id": id_, "namn": namn, "roll": roll, "nyckel": f"{rad} {id_}"}],
                          allow_unicode=True, sort_keys=False, width=1_000_000)
    tolka_granskare(text)  # what is printed reads back
    return str(text)


HOGSTA_NYCKELFIL = 64 * 1024  # bytes of a private key file
OPENSSH = b"-----BEGIN OPENSSH PRIVATE KEY-----"


def las_privat_nyckel(fil: Path, losenord: Callable[[], str]) -> Ed25519PrivateKey:
    """The Ed25519 private key in ``fil`` (PKCS#8 PEM or OpenSSH); ``losenord()`` gives the passphrase of an
    encrypted one. ``ArendeFel("--nyckel")`` for anything else, never quoting the file."""
    try:
        with open(fil, "rb") as handtag:
            data = handtag.read(HOGSTA_NYCKELFIL + 1)
    except OSError as fel:
        raise ArendeFel("--nyckel", f"kan inte läsa nyckelfilen: {fel.strerror}") from None
    if len(data) > HOGSTA_NYCKELFIL:
        raise ArendeFel("--nyckel", "nyckelfilen är för stor för att vara en nyckel")

    def las(losen: bytes | None) -> Any:
        if data.lstrip().startswith(OPENSSH):
            return serialization.load_ssh_private_key(data, losen)
        return serialization.load_pem_private_key(data, losen)

    try:
        try:
            nyckel = las(None)
        except TypeError:  # encrypted: a passphrase is needed
            nyckel = las(losenord().encode("utf-8"))
    except UnsupportedAlgorithm:
        raise ArendeFel("--nyckel", "en krypterad OpenSSH-nyckel kräver paketet bcrypt; installera det, eller "
                                    "använd en PKCS#8-nyckel (bistand granskning nyckel)") from None
    except (ValueError, TypeError):
        raise ArendeFel("--nyckel", "nyckelfilen kan inte läsas: ingen privat nyckel i PEM- eller OpenSSH-format, "
                                    "eller fel lösenord") from None
    if not isinstance(nyckel, Ed25519PrivateKey):
        raise ArendeFel("--nyckel", "nyckeln är ingen Ed25519-nyckel")
    return nyckel


def skapa_nyckelfil(ut: Path, losenord: str | None = None) -> Ed25519PrivateKey:
    """A new Ed25519 private key, written to the new file ``ut`` (PKCS#8 PEM, mode 0600; encrypted with
    ``losenord`` if given). Refuses a file that exists."""
    nyckel = Ed25519PrivateKey.generate()
    kryptering: serialization.KeySerializationEncryption = (
        serialization.BestAvailableEncryption(losenord.encode("utf-8")) if losenord
        else serialization.NoEncryption())
    data = nyckel.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, kryptering)
    try:
        skriv_ny(Path(ut), data)
    except FileExistsError:
        raise ArendeFel("--ut", f"{Path(ut).name} finns redan; nyckelfilen skrivs aldrig över") from None
    except OSError as fel:
        raise ArendeFel("--ut", f"kan inte skapa nyckelfilen: {fel.strerror}") from None
    return nyckel
