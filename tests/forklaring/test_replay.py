"""Replay: stored decisions for past months (golden files) are recomputed and must be unchanged,
also after later parameter years are added.

The cases are the embedded examples (openfisca_sweden_bistand/situation_examples/, a renewal decided against
its SSBTEK answers) and the past months in tests/golden/arenden/*.json; tests/golden/beslut/*.json are the
decisions made for them
(without the package version, git commit and rule-file hash, which change with every release even
when no decision does; the hash of the parameters in force in the month is kept and compared). After an intended
rule change, regenerate with ``BISTAND_UPPDATERA_GOLDEN=1 python -m pytest tests/forklaring/test_replay.py``
and review the diff like a legal change: it lists every decision the change alters.
"""

import json
import os
from pathlib import Path

import pytest
from openfisca_core import periods
from openfisca_core.reforms import Reform

from openfisca_sweden_bistand import exempel
from openfisca_sweden_bistand.arende.las import las_arende
from openfisca_sweden_bistand.forklaring.beslut import fatta_beslut
from openfisca_sweden_bistand.kontroll.ssbtek import las_svar
from openfisca_sweden_bistand.regelstod.parametrar import lov
from openfisca_sweden_bistand.system import skattesystem

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
EXEMPEL = Path(exempel.__file__).resolve().parent / "situation_examples"
ARENDEN = sorted([*(GOLDEN / "arenden").glob("*.json"), *EXEMPEL.glob("*.json")], key=lambda f: f.name)


def beslut_som_sparas(arende, system=None):
    """The decision on a stored case; an example with SSBTEK answers is decided against them, as a renewal."""
    svar = exempel.ssbtek(arende.stem) if arende.parent == EXEMPEL else {}
    ssbtek = {person: las_svar(fil.read_bytes(), person) for person, fil in svar.items()} or None
    data = fatta_beslut(las_arende(arende, system), system, ssbtek=ssbtek).som_dict()
    data["regelversion"] = {k: v for k, v in data["regelversion"].items()
                            if k not in ("paket", "git", "variabler_sha256")}
    return data


class SenareAr(Reform):
    """Every parameter gets a new value from 2031-01-01 (numbers doubled, booleans flipped, words kept)."""

    name = "Ett senare parameterår"

    def apply(self):
        def andra(parametrar):
            for parameter in lov(parametrar):
                senaste = parameter.values_list[0].value
                ny = senaste * 2
                if isinstance(senaste, bool):
                    ny = not senaste
                elif isinstance(senaste, str):
                    ny = senaste  # a policy word (regelstod/riktlinjer.py): doubling it would be no policy
                parameter.update(start=periods.instant("2031-01-01"), value=ny)
            return parametrar

        self.modify_parameters(modifier_function=andra)


def test_det_finns_sparade_beslut():
    assert len(ARENDEN) >= 10
    if os.environ.get("BISTAND_UPPDATERA_GOLDEN") == "1":
        for fil in ARENDEN:
            ut = GOLDEN / "beslut" / fil.name
            ut.write_text(json.dumps(beslut_som_sparas(fil), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


@pytest.mark.parametrize("fil", ARENDEN, ids=lambda f: f.stem)
def test_sparat_beslut_ar_oforandrat(fil):
    sparat = json.loads((GOLDEN / "beslut" / fil.name).read_text(encoding="utf-8"))
    assert beslut_som_sparas(fil) == sparat


@pytest.mark.parametrize("fil", ARENDEN, ids=lambda f: f.stem)
def test_sparat_beslut_ar_oforandrat_nar_ett_senare_ar_laggs_till(fil):
    sparat = json.loads((GOLDEN / "beslut" / fil.name).read_text(encoding="utf-8"))
    reformerat = SenareAr(skattesystem())
    assert beslut_som_sparas(fil, reformerat) == sparat
