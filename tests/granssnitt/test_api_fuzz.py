"""Fuzzing the running API with hypothesis: whatever is sent, the answer is never a 5xx.

Random JSON, raw bytes, and valid situations and cases with one part replaced by something
random are posted to /calculate, /trace and /beslut; renewals with their SSBTEK answer mutated
(bench/fuzz.py's mutations of the XML) or one part of the body replaced to /ateransokan; random paths
are asked for. The count of requests and of 5xx answers is printed at the end of the test run (must
be 0). Then 1 000 raw HTTP requests from bench/fuzz.py (hostile framing, headers and methods, and
/ateransokan bodies, as well).
"""

import copy
import json
import random
import sys
from pathlib import Path

import pytest
from api_server import LivServer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from openfisca_sweden_bistand import exempel
from openfisca_sweden_bistand.system import skattesystem

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
import fuzz  # noqa: E402  (bench/fuzz.py: the raw-HTTP fuzzer, and the places of a case it mutates)

RAPPORT = {"forfragningar": 0, "2xx": 0, "4xx": 0, "5xx": 0, "fel": []}
INSTALLNINGAR = settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))

json_varden = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**12), 10**12) | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12),
    lambda barn: st.lists(barn, max_size=4) | st.dictionaries(st.text(max_size=10), barn, max_size=4),
    max_leaves=25,
)
variabelnamn = st.sampled_from(sorted(skattesystem().variables))
manader = st.one_of(
    st.builds(lambda a, m: f"{a}-{m:02d}", st.integers(1990, 2200), st.integers(0, 13)),
    st.text(max_size=8),
)


@st.composite
def muterad(draw, grund):
    """``grund`` with one randomly chosen place replaced, removed or given a new key."""
    data = copy.deepcopy(grund)
    vag = draw(st.sampled_from(fuzz.platser(data)))
    nod = data
    for nyckel in vag[:-1]:
        nod = nod[nyckel]
    handling = draw(st.sampled_from(["ersatt", "ta_bort", "ny_variabel", "ny_manad"]))
    if not vag:
        return draw(json_varden)
    if handling == "ersatt":
        nod[vag[-1]] = draw(json_varden)
    elif handling == "ta_bort":
        del nod[vag[-1]]
    elif handling == "ny_variabel" and isinstance(nod[vag[-1]], dict):
        varde = st.one_of(json_varden, st.dictionaries(manader, json_varden, max_size=3))
        nod[vag[-1]][draw(variabelnamn)] = draw(varde)
    elif isinstance(nod[vag[-1]], dict):
        nod[vag[-1]][draw(manader)] = draw(json_varden)
    return data


@pytest.fixture(scope="module")
def server():
    s = LivServer("--max-bytes", "65536")
    yield s
    s.stoppa()


def skicka(server, metod, sokvag, kropp=None):
    status, svar = server.anropa(metod, sokvag, kropp)
    RAPPORT["forfragningar"] += 1
    RAPPORT[f"{status // 100}xx"] = RAPPORT.get(f"{status // 100}xx", 0) + 1
    if status >= 500:
        RAPPORT["fel"].append((sokvag, kropp if isinstance(kropp, bytes) else json.dumps(kropp)[:300], svar))
    assert status < 500, (sokvag, kropp, svar)
    if status >= 400:
        assert isinstance(svar, dict) and svar.get("error"), svar
    return status


SITUATION = exempel.situation("ensamstaende_forelder")
ARENDE = exempel.arende("ensamstaende_forelder")


@INSTALLNINGAR
@given(kropp=json_varden, sokvag=st.sampled_from(["/calculate", "/trace", "/beslut"]))
def test_slumpad_json(server, kropp, sokvag):
    skicka(server, "POST", sokvag, kropp)


@INSTALLNINGAR
@given(kropp=st.binary(max_size=300), sokvag=st.sampled_from(["/calculate", "/beslut"]))
def test_slumpade_byte(server, kropp, sokvag):
    skicka(server, "POST", sokvag, kropp)


@INSTALLNINGAR
@given(kropp=muterad(SITUATION), sokvag=st.sampled_from(["/calculate", "/trace"]))
def test_muterad_situation(server, kropp, sokvag):
    skicka(server, "POST", sokvag, kropp)


@INSTALLNINGAR
@given(kropp=muterad(ARENDE))
def test_muterat_arende(server, kropp):
    skicka(server, "POST", "/beslut", kropp)


@st.composite
def muterat_svar(draw):
    """The example renewal with its answer's XML changed one to three times (bench/fuzz.py's muterad_xml)."""
    xml = fuzz.SVAR
    for _ in range(draw(st.integers(1, 3))):
        xml = fuzz.muterad_xml(random.Random(draw(st.integers(0, 2**32))), xml)
    return {**fuzz.ATERANSOKAN, "ssbtek": {"sara": xml}}


@INSTALLNINGAR
@given(kropp=st.one_of(muterat_svar(), muterad(fuzz.ATERANSOKAN)))
def test_muterad_ateransokan(server, kropp):
    skicka(server, "POST", "/ateransokan", kropp)


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(del_=st.text(alphabet=st.characters(codec="ascii", exclude_characters="?#/"), min_size=1, max_size=30),
       bas=st.sampled_from(["/parameter/", "/variable/", "/", "/spec/"]))
def test_slumpade_sokvagar(server, bas, del_):
    from urllib.parse import quote

    skicka(server, "GET", bas + quote(del_))


def test_ra_http_fuzz():
    """bench/fuzz.py's raw-HTTP fuzzer, 1 000 requests (random and hostile bodies, ids, periods, headers,
    methods and framing) against its own server: no 5xx, no connection dropped without an answer."""
    s = LivServer("--las-timeout", str(fuzz.LAS_TIMEOUT), "--atkomstlogg", "-")
    try:
        resultat = fuzz.fuzza(s.port, 1000, seed=12, samtidiga=8, max_sekunder=300)
        assert s.anropa("GET", "/spec")[0] == 200
    finally:
        s.stoppa()
    print("\nRå HTTP-fuzz: " + fuzz.rapport(resultat))
    assert resultat["skickade"] == 1000
    ateransokningar = sum(b" /ateransokan " in fuzz.forfragan(random.Random(f"12-{nummer}"))[1][:40]
                          for nummer in range(1000))
    assert ateransokningar >= 50, ateransokningar  # the renewals are part of the run
    assert resultat["fel"] == [], resultat["fel"][:5]
    assert "Traceback" not in s.logg()


def test_rapport():
    """Runs last in this file: the fuzzing above must have sent requests and seen no 5xx."""
    assert RAPPORT["forfragningar"] > 0
    assert RAPPORT["5xx"] == 0, RAPPORT["fel"][:3]
