"""Parsing untrusted XML (*säker XML*): a register answer and the documents carried inside it.

``las_xml`` parses UTF-8 bytes with defusedxml's parser: no document type declaration at all (so no
entities, internal or external, and no "billion laughs"), no external references, no network. Its element
handlers count while the parser runs, so a document nested deeper than ``HOGSTA_DJUP`` levels or with more
than a budget of elements (``Elementbudget``, shared by an answer and the documents decoded from it) is
refused at the element that crosses the bound, before the rest is read; nothing here recurses on depth.
Comments and processing instructions are dropped; XInclude is never processed (an ``xi:include`` is just
an element nobody reads).

Every refusal is an ``ArendeFel`` naming the field given by the caller; its message says what is wrong
without quoting the document (the parser's own messages can quote names from it, so only the line and
column of a syntax error are kept).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.ElementTree import DefusedXMLParser

from openfisca_sweden_bistand.arende.validering import ArendeFel

# Nesting levels of one document: an SSBTEK answer is some 12 levels deep (envelope, body, answer,
# svarsdata, agency, data and the agency's own elements), the CSN answer inside it 13.
HOGSTA_DJUP = 40
# Elements of one answer, with every document decoded from it: an answer with 10 000 payments (the reader's
# bound) has some 100 000 elements at most.
HOGSTA_ANTAL_ELEMENT = 100_000
# The XML declaration, to refuse a document that says it is in another encoding than the UTF-8 it is read as.
_DEKLARATION = re.compile(rb"\A(?:\xef\xbb\xbf)?<\?xml\s[^>]{0,200}?\bencoding\s*=\s*[\"']([^\"']{0,40})[\"']")


class Elementbudget:
    """How many more elements may be read: one budget for an answer and the documents inside it."""

    def __init__(self, hogsta: int = HOGSTA_ANTAL_ELEMENT) -> None:
        self.hogsta = hogsta
        self.kvar = hogsta


class _Granspasserad(Exception):  # noqa: N818 (internal signal, never escapes las_xml)
    def __init__(self, meddelande: str) -> None:
        super().__init__(meddelande)
        self.meddelande = meddelande


class _RaknandeParser(DefusedXMLParser):  # type: ignore[misc]
    """defusedxml's parser (no DTD, entities or external references) whose element handlers refuse depth and
    element count as the parser runs, and hand each element straight to ElementTree's tree builder (in C).

    It replaces the handlers ``_start`` and ``_end`` of the stdlib's Python ``XMLParser`` (which defusedxml
    builds on), counting first and then doing what they do (``_fixname``, its memo looked up first; the
    attributes as a dict): one Python frame per element instead of three through a counting tree builder.
    Text goes to the tree builder with no Python frame at all (``XMLParser`` hands expat the target's
    ``data``)."""

    def __init__(self, budget: Elementbudget, hogsta_djup: int) -> None:
        byggare = ET.TreeBuilder()
        super().__init__(target=byggare, encoding="utf-8", forbid_dtd=True, forbid_entities=True,
                         forbid_external=True)
        self._budget = budget
        self._hogsta_djup = hogsta_djup
        self._djup = 0
        self._bygg_start = byggare.start
        self._bygg_slut = byggare.end

    def _start(self, tagg: str, attributlista: list[str]) -> ET.Element:
        self._djup += 1
        if self._djup > self._hogsta_djup:
            raise _Granspasserad(f"är nästlat djupare än {self._hogsta_djup} nivåer")
        self._budget.kvar -= 1
        if self._budget.kvar < 0:
            raise _Granspasserad(f"har fler än {self._budget.hogsta} element")
        fixname = self._fixname
        attribut = {}
        for i in range(0, len(attributlista), 2):
            attribut[fixname(attributlista[i])] = attributlista[i + 1]
        element: ET.Element = self._bygg_start(self._names.get(tagg) or fixname(tagg), attribut)
        return element

    def _end(self, tagg: str) -> ET.Element:
        self._djup -= 1
        element: ET.Element = self._bygg_slut(self._names.get(tagg) or self._fixname(tagg))
        return element


def kontrollera_utf8(data: bytes, falt: str, vad: str) -> None:
    """Refuse bytes that are not UTF-8, or whose XML declaration names another encoding."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        raise ArendeFel(falt, f"{vad} är inte UTF-8-kodad text") from None
    deklaration = _DEKLARATION.match(data)
    if deklaration and deklaration.group(1).lower() != b"utf-8":
        raise ArendeFel(falt, f"{vad} anger en annan teckenkodning än UTF-8 i sin XML-deklaration")


def las_xml(data: bytes, falt: str, vad: str, budget: Elementbudget, hogsta_djup: int = HOGSTA_DJUP) -> ET.Element:
    """The root element of the XML document ``data`` (UTF-8), parsed safely; ``vad`` names the document in
    messages, a neuter noun ("svaret", "CSN:s svar"). ``ArendeFel(falt, …)`` for anything refused.

    A document with no document type declaration and no more ``<`` than the budget has elements left (every
    element takes one) is parsed by ElementTree's parser in C (``_las_utan_dtd``), checked for depth and
    counted afterwards: without a DTD there is no entity to expand or resolve, and the budget bounds what it
    can build. Any other document goes through defusedxml's parser, which refuses as it reads."""
    kontrollera_utf8(data, falt, vad)
    if b"<!DOCTYPE" not in data and data.count(b"<") <= budget.kvar:
        return _las_utan_dtd(data, falt, vad, budget, hogsta_djup)
    parser = _RaknandeParser(budget, hogsta_djup)
    try:
        parser.feed(data)
        rot: ET.Element = parser.close()
    except _Granspasserad as fel:
        raise ArendeFel(falt, f"{vad} {fel.meddelande}") from None
    except DTDForbidden:
        raise ArendeFel(falt, f"{vad} innehåller en dokumenttypsdeklaration (DTD), vilket inte tillåts") from None
    except EntitiesForbidden:
        raise ArendeFel(falt, f"{vad} deklarerar entiteter, vilket inte tillåts") from None
    except ExternalReferenceForbidden:
        raise ArendeFel(falt, f"{vad} hänvisar till en extern resurs, vilket inte tillåts") from None
    except ET.ParseError as fel:
        raise _syntaxfel(fel, falt, vad) from None
    return rot


def _syntaxfel(fel: ET.ParseError, falt: str, vad: str) -> ArendeFel:
    rad, kolumn = getattr(fel, "position", (0, 0))
    return ArendeFel(falt, f"{vad} är inte välformad XML (rad {rad}, kolumn {kolumn})")


def _las_utan_dtd(data: bytes, falt: str, vad: str, budget: Elementbudget, hogsta_djup: int) -> ET.Element:
    """A document without a DTD and within the element budget (``las_xml``), parsed in C: the encoding forced
    to UTF-8, comments and processing instructions dropped, an entity other than XML's five an error. Then
    its depth is checked and its elements counted, without recursion."""
    parser = ET.XMLParser(encoding="utf-8")
    try:
        parser.feed(data)
        rot: ET.Element = parser.close()
    except ET.ParseError as fel:
        raise _syntaxfel(fel, falt, vad) from None
    antal, djup, niva = 0, 0, [rot]
    while niva:  # level by level
        djup += 1
        if djup > hogsta_djup:
            raise ArendeFel(falt, f"{vad} är nästlat djupare än {hogsta_djup} nivåer")
        antal += len(niva)
        niva = [barn for element in niva for barn in element]
    budget.kvar -= antal  # never below 0: every element took one of the ``<`` counted
    return rot


def namnrymd_och_namn(tagg: str) -> tuple[str, str]:
    """ElementTree's ``{namespace}local`` split in (namespace, local name); no namespace is ``""``."""
    if tagg.startswith("{"):
        namnrymd, _, namn = tagg[1:].partition("}")
        return namnrymd, namn
    return "", tagg
