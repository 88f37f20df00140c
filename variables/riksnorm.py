"""Riksnormen: the national norm for the costs of everyday living.

SoL (2001:453) 4 kap. 3 § första stycket 1 / SoL (2025:400) 12 kap. 7 § första stycket 1:
försörjningsstöd covers reasonable costs for livsmedel, kläder och skor, lek och fritid,
förbrukningsvaror, hälsa och hygien samt dagstidning och telefon, computed by a national norm
(riksnorm) that the government sets.

Socialtjänstförordningen (2001:937) 2 kap. 1 § (until 30 June 2025; socialtjänstförordning
(2025:468) 12 kap. 2–3 §§ from 1 July 2025):
  - the household's norm is the sum of the personal costs (personliga kostnader) of each member
    and the household's common costs (gemensamma hushållskostnader) for its size;
  - children's personal costs depend on age (under 1, 1–2, 3, 4–6, 7–10, 11–14, 15–18, 19–20 for
    hemmavarande skolungdom); for 0–6 a lower value applies when the child eats lunch outside
    the home five days a week;
  - adults: one value for an ensamstående, one combined value for sambor;
  - common costs for 1–7 persons; for each further person, the difference between 7 and 6 persons.

  - an adult who is not a sambo but is in hushållsgemenskap with several persons: the personal costs
    of an ensamstående plus the common costs of the household community divided by its number of
    members (the last stycke, in the wording of SFS 2020:1013).

From 1 July 2025 the same rules are in socialtjänstförordning (2025:468) 12 kap.: the tables in 2 §,
and in 3 § the rule for more than seven persons and, in the same words, the one for an adult in
hushållsgemenskap (e.g. 1 740 / 5 + 2 980 = 3 328 in 2017). The test is the caseworker's finding of
hushållsgemenskap (personer_i_gemensamt_boende), not a shared address.
"""

import numpy as np
from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_sweden_bistand.entities import Hushall, Person
from openfisca_sweden_bistand.regelstod.avrundning import hela_kronor
from openfisca_sweden_bistand.regelstod.dagar import HOGSTA_DAG
from openfisca_sweden_bistand.regelstod.lagrum import referenser
from openfisca_sweden_bistand.regelstod.parametrar import ar_officiell, bortom_giltighet
from openfisca_sweden_bistand.regelstod.riksnormgrupper import (
    BARNGRUPPER,
    STORSTA_TABELLRAD,
    RiksnormGrupp,
    gemensamma_vikter,
    lov_vid_stig,
    parameterstig,
)
from openfisca_sweden_bistand.regelstod.villkor import i_hushallsgemenskap_med_andra


class riksnorm_grupp(Variable):
    value_type = Enum
    possible_values = RiksnormGrupp
    default_value = RiksnormGrupp.vuxen_ensamstaende
    entity = Person
    definition_period = MONTH
    label = "Personens grupp i riksnormen"
    reference = referenser("riksnorm_belopp", "riksnorm_poster")

    def formula(person, period):
        alder = person("alder", period)
        barn = person("barn_som_ska_forsorjas", period)
        villkor = [person("ar_barn", period) * np.logical_not(barn)]
        villkor += [barn * (alder < slut) if slut is not None else barn for _, slut, _, _ in BARNGRUPPER]
        villkor.append(person.hushall("sambor", period))
        barngrupper = [grupp for grupp, _, _, _ in BARNGRUPPER]
        grupper = [RiksnormGrupp.ej_hushallsmedlem, *barngrupper, RiksnormGrupp.vuxen_sambo]
        # Indices, not Enum members: OpenFisca encodes an index array without a Python loop.
        return np.select(villkor, [g.index for g in grupper], default=RiksnormGrupp.vuxen_ensamstaende.index)


def grupptabell(parametrar, varde):
    """``varde(leaf, andel)`` of the riksnorm leaf of each (group, lunch outside the home), at ``2 × group + lunch``.

    ``parametrar`` is the parameters' root, either at an instant (leaves are numbers) or the parameter tree
    (leaves are Parameter objects); ``andel`` is a person's share of the leaf (½ of the sambor amount, 1
    otherwise). The leaf of each group is the one ``parameterstig`` names, the same that explains the line, so
    the amount and its provenance can never disagree.
    """
    tabell = [None] * (2 * len(RiksnormGrupp))
    for grupp in RiksnormGrupp:
        for lunch in (False, True):
            stig = parameterstig(grupp.name, lunch)
            andel = 0.5 if grupp == RiksnormGrupp.vuxen_sambo else 1
            tabell[2 * grupp.index + lunch] = 0 if stig is None else varde(lov_vid_stig(parametrar, stig), andel)
    return tabell


def per_grupp(person, period, tabell):
    """For each person, the entry of ``grupptabell`` for the person's group and lunch outside the home: one
    indexing operation, whatever the number of groups."""
    grupp = np.asarray(person("riksnorm_grupp", period)).astype(np.intp)
    lunch = person("lunch_utanfor_hemmet", period)
    return np.array(tabell)[2 * grupp + lunch]


class riksnorm_personliga_kostnader(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Personliga kostnader enligt riksnormen"
    documentation = """
    The personal costs of the person's group (riksnorm_grupp). Each of two sambor is given half
    of the sambor amount (all sambor amounts are multiples of 10 kr, so halves are whole kronor). For a person
    who lives in the household part of the month (andel_av_manaden), the amount × the share, in whole kronor.
    """
    reference = referenser("riksnorm_belopp", "riksnorm_poster", "umgange", "del_av_manad")

    def formula(person, period, parameters):
        manad = per_grupp(person, period, grupptabell(parameters(period), lambda belopp, andel: belopp * andel))
        andel = person("andel_av_manaden", period)
        return np.where(andel < 1, hela_kronor(manad * andel), manad)


class personer_i_bostaden(Variable):
    value_type = int
    entity = Hushall
    definition_period = MONTH
    label = "Antal personer i hushållsgemenskapen (hushållet och de andra som ingår i den)"
    documentation = """
    Everyone in the case is in the household community, and personer_i_gemensamt_boende, when given,
    counts everyone in the whole hushållsgemenskap: the larger of the two.
    """
    reference = referenser("riksnorm_delat_boende", "hushall")

    def formula(hushall, period):
        return np.maximum(hushall("antal_personer", period), hushall("personer_i_gemensamt_boende", period))


class delat_boende(Variable):
    value_type = bool
    entity = Hushall
    definition_period = MONTH
    label = "Hushållet ingår i en hushållsgemenskap med personer som inte är hushållsmedlemmar"
    documentation = """
    True when the household community is larger than the household: others are in hushållsgemenskap with
    it (personer_i_gemensamt_boende), or a person in the role barn is over the parents' duty of support
    (an adult child not in school, who is a household of their own in the parents' home). The name is kept
    for compatibility.
    """
    reference = referenser("riksnorm_delat_boende", "hushall")

    def formula(hushall, period):
        gemenskapen = hushall("personer_i_gemensamt_boende", period)
        medlemmar = hushall("antal_hushallsmedlemmar", period)
        return i_hushallsgemenskap_med_andra(gemenskapen, hushall("antal_personer", period), medlemmar)


class storlek_for_gemensamma_kostnader(Variable):
    value_type = int
    entity = Hushall
    definition_period = MONTH
    label = "Antal personer vars gemensamma hushållskostnader riksnormen räknas på"
    documentation = "The household's own size, or the whole hushållsgemenskap's."
    reference = referenser("riksnorm_belopp", "riksnorm_fler_an_sju", "riksnorm_delat_boende")

    def formula(hushall, period):
        return hushall("personer_i_bostaden", period)


class personer_utover_sju(Variable):
    value_type = int
    entity = Hushall
    definition_period = MONTH
    label = "Antal personer utöver sju som de gemensamma hushållskostnaderna räknas på"
    documentation = """
    For each person beyond seven, the difference between the common costs of 7 and 6 persons is added
    (SoF 2001:937 2 kap. 1 §, SoF 2025:468 12 kap. 3 §); 0 for a home of at most seven persons.
    """
    reference = referenser("riksnorm_fler_an_sju")

    def formula(hushall, period):
        return np.maximum(0, hushall("storlek_for_gemensamma_kostnader", period) - STORSTA_TABELLRAD)


class riksnorm_gemensamma_hushallskostnader(Variable):
    value_type = float
    entity = Hushall
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Gemensamma hushållskostnader enligt riksnormen"
    documentation = """
    Common costs for the household's size (1–7 persons from the table; for each further person the
    difference between 7 and 6 persons is added: SoF 2001:937 2 kap. 1 §, SoF 2025:468 12 kap. 3 §).
    When the household is in hushållsgemenskap with others (delat_boende), its share is the common
    costs of the whole community × household members / persons in the community, rounded to whole
    kronor. For an adult alone this is the rule of SoF 2001:937 2 kap. 1 § sista stycket / SoF 2025:468
    12 kap. 3 § andra stycket; for a larger household in hushållsgemenskap, sharing per head is this
    model's reading (tolkning) of the same rule (docs: Tolkningar).
    """
    reference = referenser(
        "riksnorm_belopp", "riksnorm_poster", "riksnorm_fler_an_sju", "riksnorm_delat_boende", "hushall",
        "del_av_manad",
    )

    def formula(hushall, period, parameters):
        storlek = hushall("storlek_for_gemensamma_kostnader", period)
        tabell = parameters(period).riksnorm.gemensamma_hushallskostnader
        delat = hushall("delat_boende", period)
        medlemmar = hushall("antal_hushallsmedlemmar", period)

        def kostnad(personer, hushallsmedlemmar):
            hela = sum(vikt * tabell[rad] for rad, vikt in gemensamma_vikter(personer).items())
            andel = hela_kronor(hela * hushallsmedlemmar / np.maximum(personer, 1))
            return np.where(delat, andel, hela)

        manad = kostnad(storlek, medlemmar)
        if not np.any(hushall("del_av_manad", period)):
            return manad
        # Part of the month: day by day, the costs for the persons living in the household that day (variables/
        # del_av_manad.py). A person with share a of a month of D days is present on days 1 … a × D.
        dagar = hushall("dagar_per_manad", period)
        andel = hushall.members("andel_av_manaden", period)
        medlem = hushall.members("ar_hushallsmedlem", period)
        narvarodagar = np.round(andel * hushall.project(dagar))  # whole days: a share is days / D
        summa = np.zeros_like(manad, dtype=float)
        for dag in range(1, HOGSTA_DAG + 1):
            franvarande = narvarodagar < dag
            borta_personer = hushall.sum(franvarande)
            borta_medlemmar = hushall.sum(franvarande * medlem)
            idag = kostnad(storlek - borta_personer, medlemmar - borta_medlemmar)
            summa += np.where((dag <= dagar) * (storlek - borta_personer > 0), idag, 0)
        return np.where(hushall("del_av_manad", period), hela_kronor(summa / np.maximum(dagar, 1)), manad)


class riksnorm(Variable):
    value_type = float
    entity = Hushall
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Riksnorm för hushållet"
    documentation = """
    The sum of every member's personal costs and the household's common costs, a norm computed higher in the
    individual case (riksnorm_hogre_niva, variables/hogre_norm.py) and a municipality's local supplement
    (kommunalt_tillagg_till_riksnormen, variables/kommunalt_tillagg.py). A fritidskort does not lower the norm
    (SoL 2025:400 12 kap. 7 a §, from 2025-09-08): the model has no input that could.
    """
    reference = referenser(
        "riksnorm_belopp", "riksnorm_poster", "riksnorm_annan_niva", "kommunalt_tillagg", "fritidskort",
    )

    def formula(hushall, period):
        personliga = hushall.sum(hushall.members("riksnorm_personliga_kostnader", period))
        tillagg = hushall.sum(hushall.members("riksnorm_hogre_niva", period)
                              + hushall.members("kommunalt_tillagg_till_riksnormen", period))
        return personliga + hushall("riksnorm_gemensamma_hushallskostnader", period) + tillagg


class riksnorm_provisorisk(Variable):
    value_type = bool
    entity = Hushall
    definition_period = MONTH
    label = "Riksnormen för hushållet bygger på belopp som inte lästs i en officiell text"
    documentation = """
    True when any riksnorm amount this household's norm is built from, for this month, is not
    marked konfidens: official in parameters/riksnorm (a reprint, a derived or a provisional value),
    or when the month is after the last year whose norm has been entered (riksnorm metadata
    giltig_till), so that last year's amounts are carried forward without a legal basis.
    A decision built on such a norm must say so. (The totals the government publishes,
    riksnorm.officiella_totalbelopp, are a check on the tables in the tests, not a basis here.)
    """
    reference = referenser("riksnorm_belopp")

    def formula(hushall, period):
        parametrar = hushall.simulation.tax_benefit_system.parameters
        dag = period.start

        def ej_officiell(lov, andel):
            return not ar_officiell(lov, dag)

        bortom = bortom_giltighet(parametrar.riksnorm, dag)
        gemensamma = parametrar.riksnorm.gemensamma_hushallskostnader
        ej_officiella_rader = {rad for rad in gemensamma_vikter(1) if ej_officiell(gemensamma.children[rad], 1)}
        ej_officiella_lov = grupptabell(parametrar, ej_officiell)
        if not ej_officiella_rader and not any(ej_officiella_lov):
            return np.full(hushall.count, bortom)  # every amount of the month official, whatever the household
        personligt = per_grupp(hushall.members, period, ej_officiella_lov)
        vikter = gemensamma_vikter(hushall("storlek_for_gemensamma_kostnader", period))
        gemensamt = sum((vikter[rad] != 0) for rad in ej_officiella_rader) > 0
        return hushall.any(personligt) | gemensamt | bortom

