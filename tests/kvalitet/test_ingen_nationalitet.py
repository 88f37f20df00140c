"""No nationality, citizenship, country of birth or ethnicity anywhere in the rules (the lesson of the Dutch
toeslagenaffaire, where nationality was a risk factor: Autoriteit Persoonsgegevens, "Belastingdienst/Toeslagen:
De verwerking van de nationaliteit van aanvragers van kinderopvangtoeslag", 2020)."""

import re

from openfisca_sweden_bistand.regelstod.parametrar import lov

FORBJUDET = re.compile(
    r"nationalitet|medborgar|f(ö|o)delseland|ursprungsland|etnic|etnisk|nationality|citizen|country.of.birth|ethnic",
    re.IGNORECASE,
)


def test_inga_variabler_om_nationalitet(system):
    traffar = [
        namn for namn, variabel in system.variables.items()
        if FORBJUDET.search(namn) or FORBJUDET.search(variabel.label or "")
    ]
    assert traffar == []


def test_inga_parametrar_om_nationalitet(system):
    traffar = [
        parameter.name for parameter in lov(system.parameters)
        if FORBJUDET.search(parameter.name) or FORBJUDET.search(parameter.description or "")
    ]
    assert traffar == []


def test_inga_entiteter_eller_roller_om_nationalitet(system):
    for entitet in system.entities:
        assert not FORBJUDET.search(entitet.key + entitet.label + (entitet.doc or ""))
        for roll in getattr(entitet, "roles", []):
            assert not FORBJUDET.search(roll.key + (roll.label or ""))


def test_monstret_hittar_det_det_ska():
    for ord_ in ("medborgarskap", "fodelseland", "Födelseland", "nationality", "country_of_birth"):
        assert FORBJUDET.search(ord_)
