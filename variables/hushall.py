"""Hushållet: who the household is (facts the rules need about its members).

Household members (Socialstyrelsens allmänna råd SOSFS 2013:1, "Medlemmar i hushållet"): spouses,
registered partners and sambor, and the children and young people under 21 whom the parents
must support. A parent's duty of support (föräldrabalken 7 kap. 1 §) lasts until the child is
18, or until 21 while the child goes to school (grundskola, gymnasieskola or comparable).
"""

from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_sweden_bistand.entities import Hushall, Person
from openfisca_sweden_bistand.regelstod.lagrum import referenser


class alder(Variable):
    value_type = int
    entity = Person
    definition_period = MONTH
    label = "Ålder i hela år under månaden"
    documentation = """
    The riksnorm's personal costs for children depend on age group (SoF 2001:937 2 kap. 1 §).
    A required fact: the calculation layer defaults it to 0, and the case reader refuses a
    case where it is missing.
    """
    reference = referenser("riksnorm_belopp", "hushall")


class skolungdom(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Går i grundskola, gymnasieskola eller jämförlig grundutbildning"
    documentation = """
    Hemmavarande skolungdom: decides whether a young person of 18–20 belongs to the household
    (the parents' duty of support) and gets the riksnorm's 19–20 value, and whether their work
    income is disregarded under SoL 4 kap. 1 a § / 12 kap. 9 §.
    """
    reference = referenser("barns_arbetsinkomst", "riksnorm_belopp", "hushall")


class lunch_utanfor_hemmet(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Barnet äter lunch utanför hemmet fem dagar i veckan"
    documentation = """
    For children 0–6 years the riksnorm has a lower value when the child eats lunch outside
    the home (e.g. in förskola) five days a week (SoF 2001:937 2 kap. 1 §). Default: no,
    which gives the standard (higher) value.
    """
    reference = referenser("riksnorm_belopp")


class ar_vuxen(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Personen är vuxen i hushållet (sökande, make, maka, registrerad partner eller sambo)"
    reference = referenser("hushall")

    def formula(person, period):
        return person.has_role(Hushall.VUXEN)


class ar_barn(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Personen är hemmavarande barn eller skolungdom i hushållet"
    reference = referenser("hushall")

    def formula(person, period):
        return person.has_role(Hushall.BARN)


class barn_som_ska_forsorjas(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Hemmavarande barn under 18 år, eller skolungdom under 21 år, som de vuxna ska försörja"
    documentation = """
    True for a person in the role barn who is under 18, or under 21 and in school (föräldrabalken
    7 kap. 1 §). A person in the role barn who is not (an adult child not in school) gets no norm
    in this household and sends the decision to a caseworker; such a person applies as a household
    of their own (personer_i_gemensamt_boende).
    """
    reference = referenser("hushall", "barns_arbetsinkomst")

    def formula(person, period):
        alder = person("alder", period)
        return person("ar_barn", period) * ((alder < 18) + person("skolungdom", period) * (alder < 21))


class ar_hushallsmedlem(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Personen hör till hushållet (vuxen, eller barn som de vuxna ska försörja)"
    documentation = """
    A person in the role barn who is over the parents' duty of support (an adult child not in
    school) lives in the home but is a household of their own: no norm here, no share of the
    common costs, no income counted here (SOSFS 2013:1, "Medlemmar i hushållet").
    """
    reference = referenser("hushall")

    def formula(person, period):
        return person("ar_vuxen", period) + person("barn_som_ska_forsorjas", period)


class antal_personer(Variable):
    value_type = int
    entity = Hushall
    definition_period = MONTH
    label = "Antal personer i hushållet"
    reference = referenser("hushall", "riksnorm_belopp")

    def formula(hushall, period):
        return hushall.nb_persons()


class antal_hushallsmedlemmar(Variable):
    value_type = int
    entity = Hushall
    definition_period = MONTH
    label = "Antal hushållsmedlemmar (vuxna och barn som de vuxna ska försörja)"
    reference = referenser("hushall", "riksnorm_belopp")

    def formula(hushall, period):
        return hushall.sum(hushall.members("ar_hushallsmedlem", period))


class antal_vuxna(Variable):
    value_type = int
    entity = Hushall
    definition_period = MONTH
    label = "Antal vuxna i hushållet"
    reference = referenser("hushall", "riksnorm_belopp")

    def formula(hushall, period):
        return hushall.nb_persons(Hushall.VUXEN)


class antal_barn_som_ska_forsorjas(Variable):
    value_type = int
    entity = Hushall
    definition_period = MONTH
    label = "Antal barn och skolungdomar som föräldrarna ska försörja (hushållsmedlemmar i rollen barn)"
    documentation = "Not an adult child over the duty of support entered as barn (antal_barn counts the role)."
    reference = referenser("hushall")

    def formula(hushall, period):
        return hushall.sum(hushall.members("barn_som_ska_forsorjas", period)).astype(int)


class antal_barn(Variable):
    value_type = int
    entity = Hushall
    definition_period = MONTH
    label = "Antal hemmavarande barn och skolungdomar i hushållet"
    reference = referenser("hushall")

    def formula(hushall, period):
        return hushall.nb_persons(Hushall.BARN)


class sambor(Variable):
    value_type = bool
    entity = Hushall
    definition_period = MONTH
    label = "Hushållet har två vuxna som är makar, registrerade partner eller sambor"
    reference = referenser("hushall", "riksnorm_belopp")

    def formula(hushall, period):
        return hushall("antal_vuxna", period) == 2


class personer_i_gemensamt_boende(Variable):
    value_type = int
    entity = Hushall
    definition_period = MONTH
    label = ("Antal personer i hushållsgemenskapen, när hushållet ingår i en hushållsgemenskap med andra än sina "
             "medlemmar (handläggarens bedömning)")
    documentation = """
    The caseworker's finding of hushållsgemenskap: the number of persons in the household community the household
    belongs to, its own members included, when that community is larger than the household (an adult child who
    lives with the parents and shares their housekeeping, friends who share food and household costs). For an
    adult who is not a sambo "men som ingår i hushållsgemenskap med flera personer" the norm is the personal costs
    of an ensamstående plus the common costs of the community divided by its number of members (SoF 2001:937
    2 kap. 1 § sista stycket, in the wording of SFS 2020:1013; SoF 2025:468 12 kap. 3 § andra stycket, from
    2025-07-01; e.g. 1 740 / 5 + 2 980 = 3 328 in 2017). The statutory test is hushållsgemenskap, not a shared
    address: a lodger (inneboende) or a flatmate who keeps a separate economy is not in it, and gets the common
    costs of a household of their own (0 here). 0 (the default): no hushållsgemenskap beyond the household.
    The variable keeps its name (personer_i_gemensamt_boende) for compatibility.
    """
    reference = referenser("riksnorm_delat_boende", "hushall")
