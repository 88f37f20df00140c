"""A child's income covers only the child: the child's own share of the need.

Föräldrabalken (1949:381) 7 kap. 1 §: the parents must support the child; the child has no duty to support its
parents. SoL (2001:453) 4 kap. 1 § / SoL (2025:400) 12 kap. 1 §: the household's needs are met "på annat sätt"
by its incomes, so income paid for or earned by a child (underhållsstöd or underhållsbidrag, barnpension, the
child's studiehjälp, counted work income) is set against the child's own share of the need only, and the part
above it is not counted. The share is this package's reading (docs: Tolkningar): Malmö stad, "barn inte
försörjningsskyldiga gentemot sina föräldrar" (https://soctanter.malmo.se/fraga/8347); Lerum kommun counts "Barns
medel till den del som utgör barnets norm". Underhållsstöd belongs to the child it is paid for: a household sum
meeting more than one child goes to a caseworker (skal_underhallsstod_ej_per_barn).
"""

import numpy as np
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_sweden_bistand.entities import Hushall, Person
from openfisca_sweden_bistand.regelstod.avrundning import hela_kronor
from openfisca_sweden_bistand.regelstod.lagrum import referenser


class barnets_andel_av_behovet(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Barnets egen andel av hushållets behov"
    documentation = """
    For a child the adults must support: the child's personal costs in the riksnorm, plus a
    per-capita share of the household's common costs and of its reasonable housing cost (each
    share rounded to whole kronor). This is the package's reading (tolkning) of the principle that
    a child's income covers only the child's own needs: Malmö stad, "barn inte
    försörjningsskyldiga gentemot sina föräldrar" (https://soctanter.malmo.se/fraga/8347); Lerum
    kommun counts "Barns medel till den del som utgör barnets norm"
    (https://www.lerum.se/Omsorg-och-stod/Ekonomi-svarigheter/Socialbidrag-forsorjningsstod/Behovsprovning/).
    Socialstyrelsen's handbook was not read. 0 for everyone else.
    """
    reference = referenser("ratt_till_bistand", "inkomster", "hushall")

    def formula(person, period):
        medlemmar = np.maximum(person.hushall("antal_hushallsmedlemmar", period), 1)
        gemensamt = hela_kronor(person.hushall("riksnorm_gemensamma_hushallskostnader", period) / medlemmar)
        boende = hela_kronor(person.hushall("skalig_boendekostnad", period) / medlemmar)
        andel = person("riksnorm_personliga_kostnader", period) + gemensamt + boende
        return np.where(person("barn_som_ska_forsorjas", period), andel, 0)


class barnets_inkomster(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Barnets egna inkomster som kan räknas (före begränsningen till barnets andel)"
    documentation = """
    A child's income after tax, less what the law or its basis leaves out (work income within the limit,
    ej_raknad_inkomst).
    """
    reference = referenser("ratt_till_bistand", "inkomster", "barns_arbetsinkomst")

    def formula(person, period):
        kan_raknas = (
            person("inkomster_person", period)
            - person("barns_arbetsinkomst_ej_raknad", period)
            - person("ej_raknad_inkomst", period)
        )
        return np.where(person("barn_som_ska_forsorjas", period), kan_raknas, 0)


class barnets_inkomst_over_andel(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Barnets inkomst över barnets andel av behovet (räknas inte)"
    reference = referenser("ratt_till_bistand", "inkomster")

    def formula(person, period):
        return np.maximum(0, person("barnets_inkomster", period) - person("barnets_andel_av_behovet", period))


class underhallsstod_utrymme(Variable):
    value_type = float
    entity = Hushall
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Utrymme för hushållets underhållsstöd: barnens andelar av behovet som deras egna inkomster inte täcker"
    reference = referenser("ratt_till_bistand", "inkomster")

    def formula(hushall, period):
        kvar = hushall.members("barnets_andel_av_behovet", period) - hushall.members("barnets_inkomster", period)
        return hushall.sum(np.maximum(0, kvar) * hushall.members("barn_som_ska_forsorjas", period))


class underhallsstod_over_andel(Variable):
    value_type = float
    entity = Hushall
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Hushållets underhållsstöd över barnens andelar av behovet (räknas inte)"
    reference = referenser("ratt_till_bistand", "inkomster")

    def formula(hushall, period):
        return np.maximum(0, hushall("underhallsstod", period) - hushall("underhallsstod_utrymme", period))


class barns_inkomster_over_andel(Variable):
    value_type = float
    entity = Hushall
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Barnens inkomster över barnens andelar av behovet (räknas inte)"
    reference = referenser("ratt_till_bistand", "inkomster")

    def formula(hushall, period):
        barnens = hushall.sum(hushall.members("barnets_inkomst_over_andel", period))
        return barnens + hushall("underhallsstod_over_andel", period)
