"""Citation discipline, checked: every variable cites its provision, every dated value its source.

In the OpenFisca convention, which stock clients (the Legislation Explorer, the web API) render:
a variable's ``reference`` is a list of http(s) URLs, one per provision; a parameter's
``metadata.reference`` maps each value date to ``{title, href}``. Each dated value keeps its own
``reference``, ``konfidens`` and ``kalla``, and a parameter whose latest value is not official says so
in its ``documentation``.

The test suite calls these and fails on any finding; the same functions are usable from a
maintainer's shell (``python -m openfisca_sweden_bistand.underhall.kontroller``).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from openfisca_sweden_bistand.regelstod.parametrar import KONFIDENSNIVAER

# Keys of a parameter file that are not child parameters.
_NODNYCKLAR = {"description", "documentation", "metadata", "reference", "unit"}


def ar_url(text: Any) -> bool:
    """True for an absolute http(s) address with a host (what a client can open as a link)."""
    if not isinstance(text, str) or any(tecken.isspace() for tecken in text):
        return False
    delar = urlsplit(text)
    return delar.scheme in ("http", "https") and bool(delar.netloc)


def variabler_utan_referens(system: Any) -> list[str]:
    """Variables whose ``reference`` is missing or is not a list of http(s) URLs (one per provision)."""
    fel = []
    for namn, variabel in sorted(system.variables.items()):
        referenser = variabel.reference or []
        if not referenser:
            fel.append(f"{namn}: saknar reference")
        elif not all(ar_url(ref) for ref in referenser):
            fel.append(f"{namn}: varje reference ska vara en http(s)-adress till paragrafen: {referenser}")
    return fel


def _lov_i_fil(data: dict[str, Any], stig: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """(dotted path, leaf dict) for every leaf parameter in one parsed YAML file."""
    if "values" in data:
        yield stig, data
        return
    for nyckel, barn in data.items():
        if nyckel not in _NODNYCKLAR and isinstance(barn, dict):
            yield from _lov_i_fil(barn, f"{stig}.{nyckel}" if stig else nyckel)


def parameterblad(katalog: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    """(dotted path, leaf dict: description, documentation, metadata, values) for every leaf parameter
    under ``katalog``, as written in the files."""
    for fil in sorted(Path(katalog).rglob("*.yaml")):
        if fil.name == "index.yaml":
            continue
        relativ = fil.relative_to(katalog).with_suffix("")
        with open(fil, encoding="utf-8") as handtag:
            data = yaml.safe_load(handtag)
        yield from _lov_i_fil(data, ".".join(relativ.parts))


def parameterlov(katalog: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    """(dotted path, values dict) for every leaf parameter under ``katalog``, as written in the files."""
    for stig, blad in parameterblad(katalog):
        yield stig, blad["values"]


def parametervarden_utan_kalla(katalog: Path) -> list[str]:
    """Dated values without their own reference, a valid konfidens, and a source (kalla).

    Checked in the files themselves: OpenFisca copies a parameter's metadata into each of its
    values, which would hide a value that has none of its own.
    """
    fel = []
    for stig, varden in parameterlov(katalog):
        if not varden:
            fel.append(f"{stig}: inga värden")
            continue
        for datum, varde in varden.items():
            plats = f"{stig} {datum}"
            metadata = varde.get("metadata") if isinstance(varde, dict) else None
            if not metadata:
                fel.append(f"{plats}: värdet saknar metadata (reference, konfidens, kalla)")
                continue
            if not str(metadata.get("reference") or "").strip():
                fel.append(f"{plats}: saknar reference")
            if metadata.get("konfidens") not in KONFIDENSNIVAER:
                giltiga = ", ".join(KONFIDENSNIVAER)
                fel.append(f"{plats}: konfidens ska vara en av {giltiga}, inte {metadata.get('konfidens')!r}")
            if not str(metadata.get("kalla") or "").strip():
                fel.append(f"{plats}: saknar kalla (var värdet lästes eller hur det härleddes)")
            if metadata.get("konfidens") in ("derived", "provisional") and not (
                metadata.get("anmarkning") or "Beräknat" in str(metadata.get("kalla"))
            ):
                konfidens = metadata.get("konfidens")
                fel.append(f"{plats}: ett {konfidens}-värde ska förklara hur det tagits fram (anmarkning)")
    return fel


def _referens_per_datum(stig: str, blad: dict[str, Any]) -> list[str]:
    """``metadata.reference`` of one leaf: ``{title, href}`` for each value date, and no other date."""
    referens = (blad.get("metadata") or {}).get("reference")
    if not isinstance(referens, dict):
        return [f"{stig}: metadata.reference ska vara daterade poster med title och href (som i openfisca-france)"]
    datum = {str(dag) for dag in blad.get("values") or {}}
    refdatum = {str(dag) for dag in referens}
    fel = [f"{stig}: metadata.reference saknar {dag}" for dag in sorted(datum - refdatum)]
    fel += [f"{stig}: metadata.reference {dag} är inget värdes datum" for dag in sorted(refdatum - datum)]
    for dag, post in referens.items():
        if not isinstance(post, dict) or not str(post.get("title") or "").strip():
            fel.append(f"{stig}: metadata.reference {dag} saknar title")
        elif not ar_url(post.get("href")):
            fel.append(f"{stig}: metadata.reference {dag}: href ska vara en http(s)-adress, inte {post.get('href')!r}")
    return fel


def _ej_officiellt_dokumenterat(stig: str, blad: dict[str, Any]) -> list[str]:
    """A leaf whose latest value is not official says so, with its konfidens, in ``documentation``."""
    varden = blad.get("values") or {}
    if not varden:
        return []
    senaste = varden[max(varden, key=str)]
    konfidens = (senaste.get("metadata") or {}).get("konfidens") if isinstance(senaste, dict) else None
    if konfidens in (None, "official") or f"konfidens {konfidens}" in str(blad.get("documentation") or ""):
        return []
    return [f"{stig}: senaste värdet har konfidens {konfidens}; documentation ska säga det ('konfidens {konfidens}')"]


def parametrar_utan_referens(katalog: Path) -> list[str]:
    """Leaves without ``metadata.reference`` {date: {title, href}}, or whose non-official latest value
    is not named in their documentation (the two things every stock client shows)."""
    fel = []
    for stig, blad in parameterblad(katalog):
        fel += _referens_per_datum(stig, blad) + _ej_officiellt_dokumenterat(stig, blad)
    return fel


def main() -> int:
    from openfisca_sweden_bistand import PARAMETERKATALOG
    from openfisca_sweden_bistand.system import skattesystem

    fel = (variabler_utan_referens(skattesystem()) + parametervarden_utan_kalla(PARAMETERKATALOG)
           + parametrar_utan_referens(PARAMETERKATALOG))
    for rad in fel:
        print(rad)
    print(f"{len(fel)} fel")
    return 1 if fel else 0


if __name__ == "__main__":
    sys.exit(main())
