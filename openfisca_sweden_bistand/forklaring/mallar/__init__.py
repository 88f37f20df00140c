"""The templates of the texts the package writes: the decision letter, the calculation and the report
to the nämnd (Jinja2, package data in this directory).

A municipality adapts a text without touching the code: it copies a template (e.g. ``beslut.txt.j2``)
to a directory of its own, edits it, and points the environment variable ``BISTAND_MALLAR`` at the
directory; a template found there replaces the package's own, the others are still read from the
package. Every template gets the Swedish formatting of ``text.py`` as filters (``kr``,
``heltal``, ``decimal``, ``procent``, ``procentenheter``, ``forandring``, ``manad``, ``datum``,
``stycke``) and the functions ``tabellrad`` and ``stycke``.
"""

from __future__ import annotations

import functools
import os
import textwrap
from collections.abc import Callable
from importlib import resources
from typing import Any

import jinja2

from openfisca_sweden_bistand import text
from openfisca_sweden_bistand.forklaring import falt
from openfisca_sweden_bistand.mellanlager import egen_katalog

MILJO = "BISTAND_MALLAR"  # a directory with the municipality's own templates

TABELLBREDD = 64  # the width of a line's text in the calculation; the amount takes 13 more columns
BELOPPSBREDD = 13


def _paketets_mall(namn: str) -> tuple[str, str | None, Callable[[], bool]] | None:
    fil = resources.files(__name__).joinpath(namn)
    if not fil.is_file():
        return None
    return fil.read_text(encoding="utf-8"), None, lambda: True


def tabellrad(post: str, belopp: str, markering: str = "") -> str:
    """A line of the calculation: the text wrapped to 64 columns, the amount right-aligned after it."""
    delar = textwrap.wrap(post, TABELLBREDD, subsequent_indent="    ") or [""]
    rader = [f"  {d}" for d in delar[:-1]]
    rader.append(f"  {delar[-1]:<{TABELLBREDD}}{belopp:>{BELOPPSBREDD}}{markering}")
    return "\n".join(rader)


def stycke(varde: str, indrag: str = "", bredd: int = 96, hang: str | None = None) -> str:
    """A paragraph wrapped to ``bredd`` columns (``text.stycke``), as one string."""
    return "\n".join(text.stycke(varde, bredd, indrag, hang))


@functools.lru_cache(maxsize=8)
def miljo(katalog: str | None) -> jinja2.Environment:
    """The template environment: ``katalog`` (the municipality's templates) first, then the package's."""
    laddare: list[jinja2.BaseLoader] = [jinja2.FunctionLoader(_paketets_mall)]
    if katalog:
        laddare.insert(0, jinja2.FileSystemLoader(katalog, encoding="utf-8"))
    kompilerade = egen_katalog("mallar")  # the compiled templates, kept between processes
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(laddare),
        bytecode_cache=jinja2.FileSystemBytecodeCache(str(kompilerade)) if kompilerade else None,
        autoescape=False,  # plain text and Markdown, never HTML
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters.update({
        "kr": text.kr, "heltal": text.heltal, "decimal": text.decimal, "procent": text.procent,
        "procentenheter": text.procentenheter, "forandring": text.forandring, "manad": text.manad,
        "datum": text.datum, "stycke": stycke, "etikett": falt.etikett,
    })
    env.globals.update({"tabellrad": tabellrad, "stycke": stycke})
    return env


def rendera(namn: str, **data: Any) -> str:
    """The template ``namn`` filled in with ``data`` (the municipality's copy when BISTAND_MALLAR has one)."""
    return miljo(os.environ.get(MILJO) or None).get_template(namn).render(**data)
