"""Reading YAML that may be hostile: the limits that keep a catalogue file from exhausting the server.

``las_yaml`` composes a YAML text and gives its root node and value, refusing nesting deeper than ``HOGSTA_DJUP``,
aliases that stand for more than ``HOGSTA_ANTAL_NODER`` nodes, and any explicit tag outside ``TILLATNA_TAGGAR``,
before the value is built. Used by the catalogue (``katalog.py``), the sign-off block (``granskning.py``) and the
YAML test runner (``saker.py``).

Tags: a test file is plain YAML (mappings, lists, strings, numbers, booleans, null and dates). A Python tag
(``!!python/object/apply:os.system [...]``, however it is spelled: ``!!python/…``, a ``%TAG`` directive,
``!<tag:yaml.org,2002:python/…>``) runs code or builds objects under an unsafe loader, such as the one
openfisca-core's ``openfisca test`` uses (``yaml.CLoader``); a safe loader refuses it as "not valid YAML". It
and every other tag not listed is refused here by name, with its line, in the events read before the file is
composed, so that a reader of the message knows that the file is hostile or wrong, not merely mistyped.
"""

from __future__ import annotations

from typing import Any

import yaml

from openfisca_sweden_bistand.arende.validering import ArendeFel

HOGSTA_ANTAL_NODER = 500_000  # YAML nodes in a file, each alias counted as what it stands for
HOGSTA_DJUP = 50  # nested mappings and sequences (a case is some six levels deep)
_LADDARE: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_YAML = "tag:yaml.org,2002:"
# The explicit tags a test file may carry: the safe loader's plain types, the merge key, and "!" (non-specific).
TILLATNA_TAGGAR = frozenset({"!"} | {_YAML + namn for namn in (
    "null", "bool", "int", "float", "str", "seq", "map", "timestamp", "merge")})


def _kontrollera_noder(rotnod: yaml.Node, relativ: str) -> None:
    """Refuse a file whose aliases stand for more than ``HOGSTA_ANTAL_NODER`` nodes ("billion laughs"):
    the checksum and the pages would expand every one of them."""
    stack, antal = [rotnod], 0
    while stack:
        antal += 1
        if antal > HOGSTA_ANTAL_NODER:
            raise ArendeFel("fil", f"{relativ}: filen har fler än {HOGSTA_ANTAL_NODER} YAML-noder (räknat med alias)")
        nod = stack.pop()
        if isinstance(nod, yaml.SequenceNode):
            stack.extend(nod.value)
        elif isinstance(nod, yaml.MappingNode):
            stack.extend(del_ for par in nod.value for del_ in par)


def _kontrollera_tagg(handelse: yaml.Event, relativ: str) -> None:
    """Refuse an event (a node) whose explicit tag is not in ``TILLATNA_TAGGAR``, naming the file, tag and line."""
    tagg = getattr(handelse, "tag", None)
    if tagg is None or tagg in TILLATNA_TAGGAR:
        return
    kort = "!!" + tagg.removeprefix(_YAML) if tagg.startswith(_YAML) else tagg
    kort = kort if len(kort) <= 80 else kort[:79] + "…"
    rad = f"(rad {handelse.start_mark.line + 1})"
    if tagg.startswith(_YAML + "python/"):
        raise ArendeFel("fil", f"{relativ}: Python-taggen {kort} är inte tillåten: den kan köra kod i en "
                               f"osäker YAML-läsare, och en testfil är vanlig YAML {rad}")
    raise ArendeFel("fil", f"{relativ}: taggen {kort} är inte tillåten: en testfil är vanlig YAML (mappningar, "
                           f"listor, text, tal, sanningsvärden, null och datum) utan andra taggar {rad}")


def _kontrollera_djup(text: str, relativ: str, laddare: Any = _LADDARE) -> None:
    """Refuse a file with a tag outside ``TILLATNA_TAGGAR`` (``_kontrollera_tagg``), or nested deeper than
    ``HOGSTA_DJUP``, read as a stream of events (which stops there):
    libyaml's composer recurses in C and crashes the process at some 40 000 levels (``[[[…]]]``, 80 kB),
    and takes time quadratic in the depth before it does.

    The libyaml bundled with PyYAML 6.0.4 has a limit of its own (1 000 levels), which its scanner
    enforces while reading ahead, before the events of the deep part reach this loop; it says
    ``exceeded maximum nesting depth``. That limit is far above ``HOGSTA_DJUP``, so its error is the same
    refusal, with the same message, on every PyYAML the pins allow (tested with the pure-Python loader too)."""
    djup = 0
    try:
        for handelse in yaml.parse(text, Loader=laddare):
            _kontrollera_tagg(handelse, relativ)
            if isinstance(handelse, yaml.CollectionStartEvent):
                djup += 1
                if djup > HOGSTA_DJUP:
                    raise ArendeFel("fil", _for_djup(relativ))
            elif isinstance(handelse, yaml.CollectionEndEvent):
                djup -= 1
    except yaml.MarkedYAMLError as fel:
        if fel.problem == _LIBYAMLS_DJUPGRANS:
            raise ArendeFel("fil", _for_djup(relativ)) from None
        raise


_LIBYAMLS_DJUPGRANS = "exceeded maximum nesting depth"  # libyaml's problem text when its own limit is reached


def _for_djup(relativ: str) -> str:
    return f"{relativ}: filen är nästlad djupare än {HOGSTA_DJUP} nivåer"


def las_yaml(text: str, relativ: str, laddare: Any = _LADDARE) -> tuple[yaml.Node | None, Any]:
    """The composed root node and the value of a YAML text, refusing what would exhaust the server before
    it is built: any tag outside ``TILLATNA_TAGGAR`` and nesting deeper than ``HOGSTA_DJUP`` (both read in the
    events, before the file is composed), and aliases standing for more than ``HOGSTA_ANTAL_NODER`` nodes
    (checked on the nodes, before the value: the loader copies what a merge key ``<<`` names, so a file of a few
    hundred bytes would take minutes and gigabytes to load)."""
    try:
        _kontrollera_djup(text, relativ, laddare)
        rotnod = yaml.compose(text, Loader=laddare)
        if rotnod is None:
            return None, None
        _kontrollera_noder(rotnod, relativ)
        return rotnod, yaml.load(text, Loader=laddare)
    except yaml.YAMLError as fel:
        plats = getattr(fel, "problem_mark", None)
        raise ArendeFel("fil", f"{relativ}: inte giltig YAML"
                               + (f" (rad {plats.line + 1})" if plats is not None else "")) from None
