"""The income types (inkomstslag) the model counts, in one place.

Used by the formulas that sum counted income, by the case reader, and by anything that lists
the incomes of a case line by line. Every income is a monthly amount after tax (netto).
"""

from openfisca_core.indexed_enums import Enum

# Incomes of a person (variables on ``person``).
PERSONINKOMSTER = (
    "inkomst_av_anstallning",
    "inkomst_av_naringsverksamhet",
    "arbetsloshetsersattning",
    "sjukpenning",
    "aktivitetsstod",
    "foraldrapenning",
    "pension",
    "studiebidrag",
    "ovriga_inkomster",
)

# Incomes paid for a child, given on the child (they cover only the child's share of the need).
BARNINKOMSTER = ("underhallsstod_for_barnet",)

# Income given with a basis for not counting it: shown, never counted.
EJ_RAKNADE_INKOMSTER = ("ej_raknad_inkomst",)

# Incomes of the household (variables on ``hushall``).
HUSHALLSINKOMSTER = (
    "bostadsbidrag",
    "barnbidrag",
    "underhallsstod",
)

# Own work income (inkomster av eget arbete) in the sense of SoL 4 kap. 1 a § / 12 kap. 9 §.
EGET_ARBETE = ("inkomst_av_anstallning", "inkomst_av_naringsverksamhet")


class EjRaknadInkomstGrund(Enum):
    ingen = "Ingen sådan inkomst"
    merkostnadsersattning = "Merkostnadsersättning (tidigare handikappersättning)"
    vardbidrag_omkostnadsdel = "Omkostnadsdelen av vårdbidrag eller omvårdnadsbidrag"
    ideellt_skadestand = "Ideellt skadestånd"
    csn_tillagg = "CSN:s tilläggsbidrag för merkostnader"
    annan = "Annan grund (prövas av handläggare)"
