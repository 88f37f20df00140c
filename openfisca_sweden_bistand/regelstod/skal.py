"""Reasons (*skäl*) that send a case to a caseworker (*manuell prövning*), with their basis.

Each reason is a boolean variable on the household (``variables/beslut/skal_*.py``,
``variables/kontroll.py``), so ``/calculate`` returns it; this table gives each one its Swedish
explanation and the provisions or policy it rests on, for decisions and documentation. Keep it in
the order a caseworker reads it.
"""

from __future__ import annotations

from dataclasses import dataclass

from openfisca_sweden_bistand.regelstod.lagrum import referenser


@dataclass(frozen=True)
class Skal:
    variabel: str
    text: str  # shown in the decision, in Swedish
    grund: tuple[str, ...]  # keys in lagrum.LAGRUM
    policy: str = ""  # the policy basis, where the reason is (also) a municipal choice


SKAL: tuple[Skal, ...] = (
    Skal("skal_automatisering_ej_tillaten",
         "En nämnd fick inte delegera beslut till en automatiserad beslutsfunktion på beslutsdagen "
         "(tillåtet från 1 juli 2022).",
         ("kommunal_automatisering",)),
    Skal("skal_ingen_delegation",
         "Nämnden har ingen giltig delegation till en automatiserad beslutsfunktion på beslutsdagen.",
         ("kommunal_automatisering",)),
    Skal("skal_saknade_uppgifter",
         "Uppgifter som beslutet behöver saknas; ärendet ska utredas i den omfattning det kräver.",
         ("utredning",)),
    Skal("skal_motstridig_historik",
         "Uppgifterna om föregående månad motsäger varandra eller beslutsregistret (stöd föregående månad men inget "
         "belopp, eller tvärtom, eller en annan historik än registrets).",
         ("utredning",)),
    Skal("skal_motstridigt_boende",
         "Antalet personer i hushållsgemenskapen är färre än hushållets medlemmar.",
         ("riksnorm_delat_boende", "utredning")),
    Skal("skal_registeruppgift_okontrollerad",
         "En uppgift som ett register har (en utbetalning från Försäkringskassan, Pensionsmyndigheten, CSN eller en "
         "a-kassa) är inte kontrollerad: registret tillfrågades inte, svarade med fel eller kunde inte läsas, eller "
         "utbetalningen kan inte hänföras till en inkomst automatiskt.",
         ("uppgiftsskyldighet", "utredning")),
    Skal("skal_registeruppgift_avviker",
         "Registren visar ett annat belopp än ansökan, utöver nämndens tolerans, eller en utbetalning som ansökan inte "
         "tar upp.",
         ("uppgiftsskyldighet", "utredning", "inkomstprincipen"),
         "Tolerans: parameters/kontroll/granser.yaml, tolerans."),
    Skal("skal_registerupplysning",
         "Registren visar något som en handläggare ska bedöma (t.ex. inte inskriven på Arbetsförmedlingen, studiestöd, "
         "ett fordon, ett uppehållstillstånd som upphör, kapitalinkomst, en retroaktiv utbetalning eller en inkomst "
         "som ändrats sedan månaden före).",
         ("uppgiftsskyldighet", "utredning"), "Gränser: parameters/kontroll/granser.yaml."),
    Skal("skal_uppgift_utan_kontroll",
         "En uppgift som beslutet bygger på och som inget register har (t.ex. hyra, el, lön eller tillgångar) är bara "
         "sökandens egen uppgift, eller oförändrad sedan förra beslutet när nämnden inte godtar det; en handläggare "
         "bekräftar den.",
         ("utredning",), "parameters/automatisering/kallkrav.yaml."),
    Skal("skal_uppgifter_utanfor_manaden",
         "Ärendet anger värden för månader som det inte gäller (en månad efter ärendets, eller en inkomst för en "
         "annan månad).",
         ("utredning",)),
    Skal("skal_over_ansokt_belopp",
         "Reglerna ger mer än det belopp som hushållet har ansökt om; ett beslut beviljar aldrig mer än ansökan.",
         ("ratt_till_bistand", "utredning"),
         "parameters/automatisering/granser.yaml, bevilja_ansokt_belopp_nar_reglerna_ger_mer."),
    Skal("skal_forsta_ansokan",
         "Första ansökan (inget försörjningsstöd föregående månad): behovet utreds vid ett personligt möte.",
         ("utredning",), "Nämndens delegationsordning: nyansökan prövas av handläggare."),
    Skal("skal_hushallets_sammansattning",
         "Hushållets sammansättning stämmer inte med reglerna om vem som hör till hushållet (ett barn över "
         "försörjningsplikten, eller en vuxen under 18 år).",
         ("hushall",)),
    Skal("skal_andrat_hushall",
         "Hushållets sammansättning har ändrats sedan föregående månad.",
         ("hushall", "utredning")),
    Skal("skal_stor_forandring",
         "Beloppet avviker mer än tillåtet från föregående månads försörjningsstöd.",
         ("utredning",), "Gräns: parameters/automatisering/granser.yaml, stor_forandring_andel."),
    Skal("skal_tillgangar",
         "Hushållet har tillgångar över gränsen; om de ska användas är en individuell bedömning.",
         ("ratt_till_bistand", "tillgangar"), "Gräns: parameters/automatisering/granser.yaml, tillgangar."),
    Skal("skal_naringsverksamhet",
         "Inkomst av näringsverksamhet kräver en bedömning av verksamheten.",
         ("ratt_till_bistand", "inkomster")),
    Skal("skal_arbetsmarknadsplanering",
         "En vuxen som kan arbeta har ingen aktiv arbetsmarknadsplanering; om han eller hon står till "
         "arbetsmarknadens förfogande bedöms av en handläggare.",
         ("arbetsmarknadens_forfogande",)),
    Skal("skal_nedsatt_arbetsformaga",
         "En vuxen bedöms inte kunna arbeta (t.ex. av hälsoskäl); beslut som bygger på hälsouppgifter fattas "
         "inte automatiskt.",
         ("arbetsmarknadens_forfogande", "automatiserat_enskilt_beslut")),
    Skal("skal_delat_boende",
         "Hushållet ingår i en hushållsgemenskap med andra, och det är inte angivet att boendekostnaden är "
         "hushållets egen andel av kostnaden för bostaden.",
         ("riksnorm_delat_boende", "boendekostnad", "utredning")),
    Skal("skal_barns_inkomst_over_andel",
         "Ett barns inkomst (t.ex. underhållsstöd, barnpension, studiehjälp eller arbetsinkomst) är större än barnets "
         "egen andel av behovet; barn är inte försörjningsskyldiga mot sina föräldrar, så överskottet har inte räknats "
         "in. Beräkningen av barnets andel prövas av en handläggare.",
         ("ratt_till_bistand", "inkomster")),
    Skal("skal_underhallsstod_ej_per_barn",
         "Underhållsstöd har angetts som en summa för flera barn. Det tillhör det barn det betalas för och räknas bara "
         "mot det barnets andel av behovet; förslaget räknar summan mot de barn vars andelar har utrymme, vilket kan "
         "ge för lite. En handläggare anger beloppet per barn.",
         ("inkomster", "hushall")),
    Skal("skal_barns_arbetsinkomst_over_gransen",
         "Ett barns eller en skolungdoms arbetsinkomst överstiger ett prisbasbelopp för året; den överskjutande delen "
         "får räknas in efter en individuell prövning.",
         ("barns_arbetsinkomst",),
         "parameters/inkomster/barns_arbetsinkomst.yaml, overskjutande_del (handlaggare)."),
    Skal("skal_livsforing_bedoms",
         "Hushållet ansöker om bistånd till livsföring i övrigt som kräver en bedömning av vad som är skäligt "
         "(tandvård, glasögon, hemutrustning eller flytt, läkemedel för ett barn, eller vård eller läkemedel en månad "
         "då modellen saknar högkostnadsskyddet). Förslaget tar upp det belopp som har angetts.",
         ("livsforing_i_ovrigt",)),
    Skal("skal_hogre_norm",
         "Kostnaderna enligt riksnormen ska beräknas till en högre nivå om det finns särskilda skäl (t.ex. dyrare kost "
         "av medicinska skäl); skälet och beloppet prövas av en handläggare. Förslaget tar upp det belopp som har "
         "angetts.",
         ("riksnorm_annan_niva", "hogre_niva")),
    Skal("skal_studerande",
         "En vuxen studerar med studiemedel eller har studiebidrag; den som studerar ska i första hand försörja sig "
         "genom studiemedlen, och om behovet kan tillgodoses på annat sätt (t.ex. mellan terminerna) prövas av en "
         "handläggare.",
         ("ratt_till_bistand", "studerande")),
    Skal("skal_aterkrav",
         "En retroaktiv förmån har betalats ut för en tid då bistånd lämnades som förskott på förmånen. Den del som "
         "motsvarar förskottet har inte räknats som inkomst; om biståndet ska krävas tillbaka beslutar en "
         "handläggare.",
         ("forskott_aterkrav",)),
    Skal("skal_inkomst_ej_raknad_utan_grund",
         "En inkomst har angetts som en inkomst som inte ska räknas in, utan en grund som modellen känner; om den "
         "ska räknas in prövas av en handläggare.",
         ("ratt_till_bistand", "inkomster")),
    Skal("skal_beslut_efter_manaden",
         "Beslutet fattas efter den månad det gäller (bistånd för förfluten tid ges bara om behovet kvarstår).",
         ("ratt_till_bistand", "utredning")),
    Skal("skal_provisorisk_riksnorm",
         "Riksnormen för månaden bygger på belopp som inte lästs i en officiell text.",
         ("riksnorm_belopp", "utredning")),
    Skal("skal_provisorisk_riktlinje",
         "Ett belopp i kommunens riktlinjer som beräkningen bygger på är inte bekräftat (en odaterad sida eller en "
         "tolkning); en handläggare bekräftar det.",
         ("utredning",), "Kommunens riktlinjer: openfisca_sweden_bistand/kommuner/."),
    Skal("skal_utfall_ej_automatiserbart",
         "Utfallet får enligt nämndens delegation inte beslutas automatiskt (standard: endast bifall).",
         ("kommunal_automatisering", "automatiserat_enskilt_beslut"),
         "parameters/automatisering/automatiska_utfall.yaml"),
)

SKAL_PER_VARIABEL = {skal.variabel: skal for skal in SKAL}


def etikett(variabel: str) -> str:
    """A reason variable's label: its text in the table."""
    return SKAL_PER_VARIABEL[variabel].text


def referens(variabel: str) -> list[str]:
    """A reason variable's ``reference``: the URL of every provision its basis names."""
    return referenser(*SKAL_PER_VARIABEL[variabel].grund)
