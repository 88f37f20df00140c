"""Bistånd till livsföring i övrigt: needs beyond försörjningsstöd, applied per case.

SoL (2025:400) 12 kap. 1 §: "En enskild som inte själv kan tillgodose sina ekonomiska behov och inte heller kan få
dem tillgodosedda på annat sätt har rätt att få ekonomiskt bistånd av socialnämnden för sin försörjning
(försörjningsstöd) och för sina levnadskostnader i övrigt." (SoL 2001:453 4 kap. 1 §: "… och sin livsföring i
övrigt.") Socialstyrelsen names the common ones: "kostnader för tandvård, hälso- och sjukvård, läkemedel, glasögon
och hemutrustning".

By rule, where a law or the municipality's taxa fixes the amount:
  - patient fees for öppen hälso- och sjukvård, up to what is left under the högkostnadsskydd (hälso- och
    sjukvårdslagen (2017:30) 17 kap. 6 §: 0,025 prisbasbelopp in twelve months, rounded down to 50 kr); children
    under 18 of the same parents share one ceiling (17 kap. 7 §);
  - medicines within the förmånerna, up to what is left under the kostnadstak (lagen (2002:160) om
    läkemedelsförmåner m.m. 5 §); for a child under 18 they are free (19 §), so a cost given for a child goes to a
    caseworker;
  - the fee for förskola or fritidshem, as the municipality's taxa charges it (the maxtaxa of förordningen
    (2001:160) caps the taxa, not the bistånd).
What is left above a ceiling is met "på annat sätt" (the frikort), so it is not a need.

To a caseworker, with the amount applied for as the proposal (skal_livsforing_bedoms): tandvård, glasögon,
hemutrustning, flytt and bredband, which the law leaves to an assessment of what is reasonable in the case, unless
the municipality's guidelines grant it up to an amount (riktlinjer.livsforing, openfisca_sweden_bistand/kommuner/) and
the cost is within it.
"""

import datetime

import numpy as np
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_sweden_bistand.entities import Hushall, Person
from openfisca_sweden_bistand.regelstod.lagrum import referenser
from openfisca_sweden_bistand.regelstod.parametrar import varde_vid
from openfisca_sweden_bistand.regelstod.poster import HUSHALL, LIVSFORING_BEDOMS, LIVSFORINGSPOSTER, PERSON, variabler

HOGKOSTNADSSKYDD = "livsforing.hogkostnadsskydd"


def _tak(hushall, period, skydd):
    """The ceiling ``skydd`` (oppen_halso_och_sjukvard or lakemedel) for the month, in kronor; 0 before the
    first month the model has the rule for (then the cost is proposed as given and goes to a caseworker)."""
    rot = hushall.simulation.tax_benefit_system.parameters
    dag = datetime.date(period.start.year, period.start.month, period.start.day)
    andel = varde_vid(rot, f"{HOGKOSTNADSSKYDD}.{skydd}", dag)
    avrundning = varde_vid(rot, f"{HOGKOSTNADSSKYDD}.avrundning", dag)
    if andel is None or avrundning is None:
        return hushall.filled_array(0)
    prisbasbelopp = varde_vid(rot, "prisbasbelopp", dag)
    return hushall.filled_array(np.floor(andel * prisbasbelopp / avrundning) * avrundning)


class patientavgifter(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Patientavgifter för öppen hälso- och sjukvård som betalas under månaden"
    reference = referenser("livsforing_i_ovrigt", "hogkostnadsskydd_oppen_vard")


class patientavgifter_tidigare(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Patientavgifter som personen redan har betalat under högkostnadsskyddets tolvmånadersperiod"
    documentation = "Needed when patientavgifter is given: what is left under the ceiling depends on it."
    reference = referenser("hogkostnadsskydd_oppen_vard")


class lakemedelskostnad(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Kostnad för läkemedel inom läkemedelsförmånerna som betalas under månaden"
    reference = referenser("livsforing_i_ovrigt", "hogkostnadsskydd_lakemedel")


class lakemedelskostnad_tidigare(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Kostnad för läkemedel som personen redan har betalat under förmånens ettårsperiod"
    documentation = "Needed when lakemedelskostnad is given: what is left under the kostnadstak depends on it."
    reference = referenser("hogkostnadsskydd_lakemedel")


class barnomsorgsavgift(Variable):
    value_type = float
    entity = Hushall
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Avgift för förskola eller fritidshem enligt kommunens taxa"
    reference = referenser("livsforing_i_ovrigt", "maxtaxa")


class kostnad_tandvard(Variable):
    value_type = float
    entity = Hushall
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Kostnad för tandvård som hushållet ansöker om (prövas av handläggare)"
    reference = referenser("livsforing_i_ovrigt")


class kostnad_glasogon(Variable):
    value_type = float
    entity = Hushall
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Kostnad för glasögon som hushållet ansöker om (prövas av handläggare)"
    reference = referenser("livsforing_i_ovrigt")


class kostnad_hemutrustning(Variable):
    value_type = float
    entity = Hushall
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Kostnad för hemutrustning som hushållet ansöker om (prövas av handläggare)"
    reference = referenser("livsforing_i_ovrigt")


class kostnad_flytt(Variable):
    value_type = float
    entity = Hushall
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Kostnad för flytt som hushållet ansöker om (prövas av handläggare)"
    reference = referenser("livsforing_i_ovrigt")


class kostnad_bredband(Variable):
    value_type = float
    entity = Hushall
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Avgift för bredband per månad som hushållet ansöker om"
    documentation = """
    Not in the riksnorm (which has telefon); a municipality may meet it up to an amount in its guidelines
    (riktlinjer.livsforing.bredband, or a share of the prisbasbelopp, e.g. Lerum). Above it, or without such a rule,
    a caseworker assesses it.
    """
    reference = referenser("livsforing_i_ovrigt")


class kostnad_bredband_hogst(Variable):
    value_type = float
    entity = Hushall
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Bredband: högsta belopp per månad som riktlinjerna beviljar utan särskild bedömning (0 = ingen regel)"
    documentation = """
    The larger of riktlinjer.livsforing.bredband and riktlinjer.livsforing.bredband_andel_av_prisbasbelopp × the
    prisbasbelopp, in whole kronor.
    """
    reference = referenser("livsforing_i_ovrigt", "prisbasbelopp")

    def formula(hushall, period, parameters):
        p = parameters(period)
        andel = p.riktlinjer.livsforing.bredband_andel_av_prisbasbelopp * p.prisbasbelopp
        return hushall.filled_array(max(p.riktlinjer.livsforing.bredband, round(float(andel))))


class hogkostnadsskydd_oppen_vard(Variable):
    value_type = float
    entity = Hushall
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Högkostnadsskyddet för öppen hälso- och sjukvård (högsta patientavgifter per tolvmånadersperiod)"
    documentation = "floor(0,025 × prisbasbeloppet / 50) × 50 (HSL 17 kap. 6 §, from 2020-01-01); 0 (unknown) before."
    reference = referenser("hogkostnadsskydd_oppen_vard", "prisbasbelopp")

    def formula(hushall, period):
        return _tak(hushall, period, "oppen_halso_och_sjukvard")


class hogkostnadsskydd_lakemedel(Variable):
    value_type = float
    entity = Hushall
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Kostnadstaket för läkemedel inom förmånerna (högsta kostnad per ettårsperiod)"
    documentation = "floor(andel × prisbasbeloppet / 50) × 50 (LMF 5 §: 0,05; 0,06463 from July 2025); 0 = unknown."
    reference = referenser("hogkostnadsskydd_lakemedel", "prisbasbelopp")

    def formula(hushall, period):
        return _tak(hushall, period, "lakemedel")


def _inom_tak(kostnad, tidigare, tak):
    """The part of ``kostnad`` that fits under ``tak`` after ``tidigare`` (the whole cost when tak is 0: unknown)."""
    return np.where(tak > 0, np.minimum(kostnad, np.maximum(0, tak - tidigare)), kostnad)


class godtagbara_patientavgifter(Variable):
    value_type = float
    entity = Hushall
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Patientavgifter upp till högkostnadsskyddet"
    documentation = """
    Each adult's fees up to what is left of the ceiling after the fees paid earlier in the period; the children
    under 18 together, up to one ceiling (HSL 17 kap. 7 §: "får barnen gemensamt avgiftsbefrielse").
    """
    reference = referenser("livsforing_i_ovrigt", "hogkostnadsskydd_oppen_vard")

    def formula(hushall, period):
        tak = hushall("hogkostnadsskydd_oppen_vard", period)
        avgift = hushall.members("patientavgifter", period)
        tidigare = hushall.members("patientavgifter_tidigare", period)
        barn = hushall.members("alder", period) < 18
        vuxnas = hushall.sum(np.logical_not(barn) * _inom_tak(avgift, tidigare, hushall.project(tak)))
        barnens = _inom_tak(hushall.sum(barn * avgift), hushall.sum(barn * tidigare), tak)
        return vuxnas + barnens


class godtagbar_lakemedelskostnad(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Kostnad för läkemedel upp till kostnadstaket"
    documentation = """
    An adult's cost up to what is left of the kostnadstak after the cost paid earlier in the period. A child under
    18 gets the förmånernas medicines free (LMF 19 §): a cost given for a child is proposed as given and goes to a
    caseworker (skal_livsforing_bedoms).
    """
    reference = referenser("livsforing_i_ovrigt", "hogkostnadsskydd_lakemedel")

    def formula(person, period):
        kostnad = person("lakemedelskostnad", period)
        tak = person.hushall("hogkostnadsskydd_lakemedel", period)
        inom = _inom_tak(kostnad, person("lakemedelskostnad_tidigare", period), tak)
        return np.where(person("alder", period) < 18, kostnad, inom)


class livsforing_i_ovrigt(Variable):
    value_type = float
    entity = Hushall
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Bistånd till livsföring i övrigt (levnadskostnader i övrigt)"
    documentation = """
    The items of the part livsforing_i_ovrigt in openfisca_sweden_bistand/regelstod/poster.py: patient fees and
    medicines up to the ceilings, the childcare fee, and the costs a caseworker assesses (proposed as applied for).
    """
    reference = referenser("livsforing_i_ovrigt")

    def formula(hushall, period):
        hushallets = sum(hushall(namn, period) for namn in variabler(LIVSFORINGSPOSTER, HUSHALL))
        personliga = hushall.sum(sum(hushall.members(namn, period) for namn in variabler(LIVSFORINGSPOSTER, PERSON)))
        return hushallets + personliga


class livsforing_ansokt(Variable):
    value_type = float
    entity = Hushall
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Kostnader för livsföring i övrigt som hushållet har angett (före högkostnadsskydden)"
    documentation = "When more is given than the rules meet (a fee above a ceiling), the decision is a delvis bifall."
    reference = referenser("livsforing_i_ovrigt")

    def formula(hushall, period):
        angivna = hushall.members("patientavgifter", period) + hushall.members("lakemedelskostnad", period)
        personliga = hushall.sum(angivna)
        hushallets = sum(hushall(namn, period) for namn in ("barnomsorgsavgift", *LIVSFORING_BEDOMS))
        return personliga + hushallets
