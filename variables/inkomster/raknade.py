"""Which incomes are counted against the need, and which are only shown.

SoL (2001:453) 4 kap. 1 § / SoL (2025:400) 12 kap. 1 §: every income of the household is counted (after tax),
less what the law disregards: a child's own work income within the limit (4 kap. 1 a § / 12 kap. 9 §), the
jobbstimulans (4 kap. 1 b § / 12 kap. 8 §), income with a basis for not counting it, a child's income above the
child's share (FB 7 kap. 1 §), and the whole income of a person who is not a household member.

    räknade inkomster = personernas inkomster + hushållets inkomster − det som inte räknas

The income types are dated lists in parameters/inkomster/raknas.yaml (the list in force in the month is summed);
what is disregarded is listed in openfisca_sweden_bistand/regelstod/poster.py.
"""

import numpy as np
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_sweden_bistand.entities import Hushall, Person
from openfisca_sweden_bistand.regelstod.lagrum import INKOMSTER, referenser
from openfisca_sweden_bistand.regelstod.poster import (
    EJ_RAKNADE_INKOMSTER,
    EJ_RAKNADE_POSTER,
    FOR_BARNET,
    HUSHALL,
    HUSHALLETS,
    PERSON,
    PERSONENS,
    inkomstslag,
    variabler,
)


class inkomster_person(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Personens inkomster efter skatt, före undantag"
    reference = referenser(*INKOMSTER)

    def formula(person, period, parameters):
        slag = inkomstslag(parameters, period, PERSONENS) + inkomstslag(parameters, period, FOR_BARNET)
        return sum(person(namn, period) for namn in slag + list(EJ_RAKNADE_INKOMSTER))


class inkomst_utanfor_hushallet(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Inkomst för en person som inte hör till hushållet (räknas inte)"
    documentation = "An adult child over the parents' duty of support is a household of their own (ar_hushallsmedlem)."
    reference = referenser("hushall", "inkomster")

    def formula(person, period):
        return np.where(person("ar_hushallsmedlem", period), 0, person("inkomster_person", period))


class ej_raknade_inkomster_person(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Personens inkomster som inte räknas"
    documentation = """
    What the law disregards (a child's work income within the limit, jobbstimulans), income given
    as not counted with its basis, a child's income above the child's share of the need, and the
    whole income of a person who is not a household member.
    """
    reference = referenser("barns_arbetsinkomst", "jobbstimulans", "inkomster")

    def formula(person, period):
        delar = sum(person(namn, period) for namn in variabler(EJ_RAKNADE_POSTER, PERSON, for_hushallsmedlem=True))
        utanfor = sum(person(namn, period) for namn in variabler(EJ_RAKNADE_POSTER, PERSON, for_hushallsmedlem=False))
        return np.where(person("ar_hushallsmedlem", period), delar, utanfor)


class ej_raknade_inkomster(Variable):
    value_type = float
    entity = Hushall
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Inkomster som inte räknas"
    documentation = """
    Each member's income that is not counted (ej_raknade_inkomster_person), and underhållsstöd above the
    children's shares.
    """
    reference = referenser("barns_arbetsinkomst", "jobbstimulans", "inkomster")

    def formula(hushall, period):
        hushallets = sum(hushall(namn, period) for namn in variabler(EJ_RAKNADE_POSTER, HUSHALL))
        return hushall.sum(hushall.members("ej_raknade_inkomster_person", period)) + hushallets


class raknade_inkomster(Variable):
    value_type = float
    entity = Hushall
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Inkomster som räknas mot behovet"
    documentation = "Every member's income after tax, plus the household's incomes, less what is not counted."
    reference = referenser(*INKOMSTER, "barns_arbetsinkomst", "jobbstimulans")

    def formula(hushall, period, parameters):
        personer = hushall.sum(hushall.members("inkomster_person", period))
        hushallets = sum(hushall(namn, period) for namn in inkomstslag(parameters, period, HUSHALLETS))
        return personer + hushallets - hushall("ej_raknade_inkomster", period)
