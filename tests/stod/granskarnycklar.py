"""Reviewers' keys for the tests of the sign-off: a key pair in a PKCS#8 PEM file, a reviewers' file with the public
keys, and the signed text and the case's checksum rebuilt here, independently of the package, from the format
docs/skriva_testfall.rst describes (so that a change of the format in the package alone fails the tests)."""

from __future__ import annotations

import base64
import datetime
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

KONTROLLERADE = ("name", "description", "period", "input", "output", "reforms", "extensions", "parameters",
                 "absolute_error_margin", "relative_error_margin", "max_spiral_loops")


@dataclass
class Granskarnyckel:
    """A reviewer of the tests: id, name, role, private key and its PEM file."""

    id: str
    namn: str
    roll: str
    privat: Ed25519PrivateKey
    fil: Path

    @property
    def granskad_av(self) -> str:
        return f"{self.namn}, {self.roll}"

    def publik_rad(self) -> str:
        return self.privat.public_key().public_bytes(serialization.Encoding.OpenSSH,
                                                     serialization.PublicFormat.OpenSSH).decode("ascii")

    def post(self, **extra: Any) -> dict[str, Any]:
        return {"id": self.id, "namn": self.namn, "roll": self.roll, "nyckel": f"{self.publik_rad()} {self.id}",
                **extra}

    def signera(self, text: bytes) -> str:
        """The base64 of the signature of ``text``."""
        return base64.b64encode(self.privat.sign(text)).decode("ascii")


def ny_nyckel(katalog: Path, id_: str = "eva.jurist", namn: str = "Eva Jurist",
              roll: str = "jurist, socialförvaltningen") -> Granskarnyckel:
    """A new key pair; the private key in ``katalog/<id>.pem`` (PKCS#8 PEM, unencrypted, mode 0600)."""
    katalog.mkdir(parents=True, exist_ok=True)
    privat = Ed25519PrivateKey.generate()
    fil = katalog / f"{id_}.pem"
    fil.write_bytes(privat.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                         serialization.NoEncryption()))
    fil.chmod(0o600)
    return Granskarnyckel(id_, namn, roll, privat, fil)


def skriv_granskare(fil: Path, *nycklar: Granskarnyckel) -> Path:
    """A reviewers' file with the public keys of ``nycklar``."""
    fil.write_text(yaml.safe_dump([n.post() for n in nycklar], allow_unicode=True, sort_keys=False), encoding="utf-8")
    return fil


def kontrollsumma(fall: dict[str, Any]) -> str:
    """The checksum of a case as the docs define it: SHA-256 of the canonical JSON of its covered keys."""

    def json_varde(v: Any) -> Any:
        if isinstance(v, dict):
            return {(k.isoformat() if isinstance(k, datetime.date) else str(k)): json_varde(x) for k, x in v.items()}
        if isinstance(v, list):
            return [json_varde(x) for x in v]
        return v.isoformat() if isinstance(v, datetime.date) else v

    delar = {k: fall[k] for k in KONTROLLERADE if k in fall}
    text = json.dumps(json_varde(delar), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def meddelande(kontrollsumma_: str, nyckel: str, granskad_av: str, datum: str, regelversion: str,
               kommentar: str) -> bytes:
    """The signed text, as the docs define it."""
    return (f"openfisca-sweden-bistand granskning 1\nfall: {kontrollsumma_}\nnyckel: {nyckel}\n"
            f"granskad_av: {granskad_av}\ndatum: {datum}\nregelversion: {regelversion}\n"
            f"kommentar: sha256:{hashlib.sha256(kommentar.encode('utf-8')).hexdigest()}\n").encode()


def block(text: str, namn: str) -> dict[str, str]:
    """The sign-off block of the case ``namn`` in a file's text, read as YAML (the lines after ``# granskning:``)."""
    rader = text.splitlines()
    i = rader.index(f"- name: {namn}") + 1
    assert rader[i] == "  # granskning:", rader[i]
    slut = i + 1
    while slut < len(rader) and rader[slut].startswith("  #   "):
        slut += 1
    return yaml.safe_load("\n".join(r[6:] for r in rader[i + 1:slut]))
