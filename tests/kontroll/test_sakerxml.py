"""The safe XML parser of the register answers: no DTD, no entities, no external references, bounded depth
and element count (counted while parsing), UTF-8 only; every refusal an ``ArendeFel`` quoting nothing."""

import subprocess
import sys
import textwrap

import pytest

from openfisca_sweden_bistand.arende.validering import ArendeFel
from openfisca_sweden_bistand.kontroll.sakerxml import (
    HOGSTA_ANTAL_ELEMENT,
    HOGSTA_DJUP,
    Elementbudget,
    las_xml,
    namnrymd_och_namn,
)
from openfisca_sweden_bistand.personnummer import innehaller_personnummer


def las(data: bytes, budget: Elementbudget | None = None):
    return las_xml(data, "ssbtek.sara", "svaret", budget or Elementbudget())


def fel(data: bytes, budget: Elementbudget | None = None) -> ArendeFel:
    with pytest.raises(ArendeFel) as info:
        las(data, budget)
    assert info.value.falt == "ssbtek.sara"
    assert not innehaller_personnummer(str(info.value))
    return info.value


def test_valid_xml_with_namespaces_comments_and_processing_instructions():
    rot = las(b'<?xml version="1.0" encoding="UTF-8"?><a xmlns="urn:x"><!-- c --><?pi x?><b>text</b></a>')
    assert namnrymd_och_namn(rot.tag) == ("urn:x", "a")
    assert [namnrymd_och_namn(barn.tag) for barn in rot] == [("urn:x", "b")]
    assert rot[0].text == "text"
    assert namnrymd_och_namn("lokal") == ("", "lokal")


def test_utf8_with_byte_order_mark():
    assert las("\ufeff<a>å</a>".encode()).text == "å"


@pytest.mark.parametrize("data, del_av_meddelandet", [
    (b'<!DOCTYPE a [<!ENTITY x "197001019876">]><a>&x;</a>', "dokumenttypsdeklaration"),
    (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">'
     b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;">]><lolz>&lol3;</lolz>', "dokumenttypsdeklaration"),
    (b'<!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>', "dokumenttypsdeklaration"),
    (b'<!DOCTYPE a SYSTEM "http://example.invalid/a.dtd"><a/>', "dokumenttypsdeklaration"),
    (b"<a>&hemlig197001019876;</a>", "inte välformad XML (rad 1, kolumn 3)"),
    (b"", "inte välformad XML"),
    (b"<a><b></a>", "inte välformad XML"),
    (b"\xff\xfe<\x00a\x00/\x00>\x00", "inte UTF-8"),
    (b"<a>\xe5</a>", "inte UTF-8"),
    (b'<?xml version="1.0" encoding="ISO-8859-1"?><a/>', "annan teckenkodning"),
    (b'<?xml version="1.0" encoding="UTF-16"?><a/>', "annan teckenkodning"),
])
def test_refused_without_quoting(data, del_av_meddelandet):
    assert del_av_meddelandet in fel(data).meddelande


def test_depth_bound():
    assert las(b"<a>" * HOGSTA_DJUP + b"</a>" * HOGSTA_DJUP).tag == "a"
    assert "djupare än" in fel(b"<a>" * (HOGSTA_DJUP + 1) + b"</a>" * (HOGSTA_DJUP + 1)).meddelande


def test_element_budget_is_shared_between_documents():
    budget = Elementbudget(10)
    las(b"<a>" + b"<b/>" * 5 + b"</a>", budget)  # 6 elements
    assert budget.kvar == 4
    assert "fler än 10 element" in fel(b"<a>" + b"<b/>" * 4 + b"</a>", budget).meddelande


def test_element_count_bound():
    meddelande = fel(b"<a>" + b"<b/>" * HOGSTA_ANTAL_ELEMENT + b"</a>").meddelande
    assert f"fler än {HOGSTA_ANTAL_ELEMENT} element" in meddelande


def test_xinclude_is_not_processed():
    rot = las(b'<a xmlns:xi="http://www.w3.org/2001/XInclude"><xi:include href="file:///etc/passwd" parse="text"/></a>')
    assert [barn.text for barn in rot] == [None]


@pytest.mark.parametrize("dokument", [
    "b'<a>' * 100_000 + b'</a>' * 100_000",  # 100 000 levels
    "b'<a>' * 1_000_000",  # a million levels, never closed
    "b'<a>' + b'<b/>' * 2_000_000 + b'</a>'",  # two million elements
])
def test_hostile_documents_are_refused_quickly_in_a_subprocess(dokument):
    kod = textwrap.dedent(f"""
        from openfisca_sweden_bistand.arende.validering import ArendeFel
        from openfisca_sweden_bistand.kontroll.sakerxml import Elementbudget, las_xml
        try:
            las_xml({dokument}, "f", "svaret", Elementbudget())
        except ArendeFel as fel:
            print(fel.meddelande)
    """)
    resultat = subprocess.run([sys.executable, "-c", kod], capture_output=True, text=True, timeout=20)
    assert resultat.returncode == 0, resultat.stderr
    assert resultat.stdout.startswith("svaret ") and resultat.stderr == ""
