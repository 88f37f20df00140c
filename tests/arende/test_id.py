"""Ids of persons and households: a key of the case and part of every field path (personer.<id>.<variabel>). An id
with "." (or "/", a control or an invisible format character) is refused at its field everywhere: never a 500 on
POST /beslut, POST / or bistand beslut (the review's S1), and the fuzz below draws ids from the whole alphabet."""

import copy
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from openfisca_sweden_bistand import exempel
from openfisca_sweden_bistand.arende.las import ArendeFel, giltigt_id, las_arende
from openfisca_sweden_bistand.forklaring.beslut import fatta_beslut
from openfisca_sweden_bistand.granssnitt.webbsida import formular as f

GRUND = exempel.arende("ensamstaende_2026")


def med_id(person_id=None, hushall_id=None, utan=("hushallsel",)):
    data = copy.deepcopy(GRUND)
    if person_id is not None:
        data["personer"][person_id] = data["personer"].pop("johan")
        data["hushallen"]["hushallet"]["vuxna"] = [person_id]
    if hushall_id is not None:
        data["hushallen"][hushall_id] = data["hushallen"].pop("hushallet")
    for namn in utan:  # a missing fact: its field path is built from the ids
        for hushall in data["hushallen"].values():
            hushall.pop(namn, None)
    return data


@pytest.mark.parametrize("id_", ["a.b", "anna.", ".", "jo\u200bhan", "an\u00adna", "x\u202ey", "a/b", "a\x00"])
def test_ogiltigt_id_avvisas_vid_faltet(app_klient, id_):
    for data, falt in ((med_id(person_id=id_), "personer"), (med_id(hushall_id=id_), "hushallen")):
        with pytest.raises(ArendeFel) as fel:
            las_arende(data)
        assert fel.value.falt == falt
        svar = app_klient.post("/beslut", json=data)
        assert svar.status_code == 400 and svar.get_json()["falt"] == falt


def test_formularet_visar_felet_vid_idfaltet(app_klient):
    falt = f.som_falt(f.fran_arende(GRUND))
    falt.pop("hushall-hushallsel", None)
    svar = app_klient.post("/", data={**falt, "personer-0-id": "a.b", "atgard": "berakna"})
    assert svar.status_code == 422 and 'id="fel-personer-0-id"' in svar.get_data(as_text=True)
    svar = app_klient.post("/", data={**falt, "hushall-id": "h.1", "atgard": "berakna"})  # a hidden field: the summary
    assert svar.status_code == 422 and 'data-falt="hushall-id"' in svar.get_data(as_text=True)


def test_cli_ger_kod_2(tmp_path):
    import json

    fil = tmp_path / "a.json"
    fil.write_text(json.dumps(med_id(person_id="a.b")), encoding="utf-8")
    svar = subprocess.run([sys.executable, "-m", "openfisca_sweden_bistand", "beslut", str(fil)],
                          capture_output=True, text=True, timeout=120)
    assert svar.returncode == 2 and "Traceback" not in svar.stderr and "id nr 1" in svar.stderr


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(min_size=1, max_size=12))
def test_varje_id_ger_ett_beslut_eller_ett_fel_vid_faltet(id_):
    """Ids from the whole alphabet: a decision with the missing fact named in a path that splits back into the id,
    or an error at the id's field; never an exception."""
    data = med_id(person_id=id_)
    try:
        arende = las_arende(data)
    except ArendeFel as fel:
        assert not giltigt_id(id_) or fel.falt, id_
        return
    assert giltigt_id(id_)
    beslut = fatta_beslut(arende)
    assert "hushallen.hushallet.hushallsel" in beslut.saknade_uppgifter
    assert all(s.split(".")[0] in ("personer", "hushallen") and len(s.split(".")) >= 3
               for s in beslut.saknade_uppgifter)
