"""The JSON Schema of a case (granssnitt/schema.py): generated from the rules, served in /spec, and it
accepts every embedded example and refuses what the case reader refuses."""

import copy

import jsonschema
import pytest

from openfisca_sweden_bistand import exempel
from openfisca_sweden_bistand.arende.las import las_arende
from openfisca_sweden_bistand.arende.validering import ArendeFel
from openfisca_sweden_bistand.granssnitt.schema import arende_schema, openapi_schema
from openfisca_sweden_bistand.granssnitt.webb import skapa_app
from openfisca_sweden_bistand.system import skattesystem


@pytest.fixture(scope="module")
def schema():
    s = arende_schema(skattesystem())
    jsonschema.Draft202012Validator.check_schema(s)
    return s


@pytest.fixture(scope="module")
def spec():
    svar = skapa_app().test_client().get("/spec")
    assert svar.status_code == 200
    return svar.get_json()


def _fel(schema, arende):
    return [f.message for f in jsonschema.Draft202012Validator(schema).iter_errors(arende)]


@pytest.mark.parametrize("namn", exempel.namn())
def test_exemplen_foljer_schemat(schema, namn):
    assert _fel(schema, exempel.arende(namn)) == []


@pytest.mark.parametrize("namn", exempel.namn())
def test_exemplen_foljer_openapi_formen(spec, namn):
    """The OpenAPI 3.0 form in /spec (month keys not checked) accepts the examples too."""
    assert _fel(spec["components"]["schemas"]["Arende"], exempel.arende(namn)) == []


def _trasigt(andring):
    arende = copy.deepcopy(exempel.arende("ensamstaende_2026"))
    andring(arende)
    return arende


TRASIGA = {
    "negativt_belopp": lambda a: a["hushallen"]["hushallet"].update(boendekostnad=-100),
    "okand_variabel": lambda a: a["personer"]["johan"].update(skostorlek=44),
    "fel_enumvarde": lambda a: a["personer"]["johan"].update(
        {_enumvariabel("person"): "finns_inte"}),
    "fel_manadsnyckel": lambda a: a["personer"]["johan"].update(mottog_forsorjningsstod={"2025-1": True}),
    "berakningsvariabel": lambda a: a["hushallen"]["hushallet"].update(riksnorm=5000),
    "satts_av_beslutsfunktionen": lambda a: a["hushallen"]["hushallet"].update(uppgifter_kompletta=True),
    "for_stort_belopp": lambda a: a["hushallen"]["hushallet"].update(boendekostnad=10_000_001),
    "tre_vuxna": lambda a: a["hushallen"]["hushallet"].update(vuxna=["johan", "a", "b"]),
}


def _enumvariabel(entitet):
    from openfisca_core.indexed_enums import Enum

    system = skattesystem()
    return next(v.name for v in system.variables.values()
                if v.entity.key == entitet and v.value_type is Enum and not v.formulas)


@pytest.mark.parametrize("fall", sorted(TRASIGA))
def test_trasiga_arenden_refuseras_av_schemat_och_lasaren(schema, fall):
    arende = _trasigt(TRASIGA[fall])
    assert _fel(schema, arende) != []
    with pytest.raises(ArendeFel):
        las_arende(arende)


def test_variabeltyper(schema):
    person = schema["properties"]["personer"]["additionalProperties"]["properties"]
    hushall = schema["properties"]["hushallen"]["additionalProperties"]["properties"]
    assert person["alder"]["oneOf"][0] == {"type": "integer", "minimum": 0, "maximum": 130}
    assert hushall["boendekostnad"]["oneOf"][0] == {"type": "number", "minimum": 0, "maximum": 10_000_000}
    assert hushall["tillgangar_sparande"]["oneOf"][0]["maximum"] == 1_000_000_000
    assert person["aktiv_arbetsmarknadsplanering"]["oneOf"][0] == {"type": "boolean"}
    assert hushall["barnbidrag"]["description"]  # a computed variable a case may still give
    assert "riksnorm" not in hushall and "uppgifter_kompletta" not in hushall and "beslutsdatum" not in hushall
    per_manad = person["alder"]["oneOf"][1]
    assert per_manad["patternProperties"] == {"^[0-9]{4}-[0-9]{2}$": person["alder"]["oneOf"][0]}
    enumvariabel = _enumvariabel("person")
    giltiga = [p.name for p in skattesystem().variables[enumvariabel].possible_values]
    assert person[enumvariabel]["oneOf"][0] == {"type": "string", "enum": giltiga}


def test_spec_bar_det_genererade_schemat(spec, schema):
    arende = spec["components"]["schemas"]["Arende"]
    assert arende["x-json-schema"] == schema
    assert arende == openapi_schema(skattesystem())
    kropp = spec["paths"]["/beslut"]["post"]["requestBody"]["content"]["application/json"]
    assert kropp["schema"] == {"$ref": "#/components/schemas/Arende"}


def test_spec_ar_giltig_openapi(spec):
    from openapi_spec_validator import validate

    validate(spec)


def test_schemats_titlar_ar_ascii_for_genererade_klienter(system):
    """A generated client (openapi-generator, datamodel-code-generator) makes class names of titles: ASCII only."""
    from openfisca_sweden_bistand.granssnitt.schema import arende_schema

    def titlar(nod):
        if isinstance(nod, dict):
            for nyckel, varde in nod.items():
                if nyckel == "title" and isinstance(varde, str):
                    yield varde
                else:
                    yield from titlar(varde)
        elif isinstance(nod, list):
            for varde in nod:
                yield from titlar(varde)

    alla = list(titlar(arende_schema(system)))
    assert alla and all(t.isascii() for t in alla), [t for t in alla if not t.isascii()]
