"""The income types (inkomstslag) the model counts, in one place.

Used by the formulas that sum counted income, by the case reader, and by anything that lists
the incomes of a case line by line. Every income is a monthly amount after tax (netto).
"""

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

# Incomes of the household (variables on ``hushall``).
HUSHALLSINKOMSTER = (
    "bostadsbidrag",
    "barnbidrag",
    "underhallsstod",
)

# Own work income (inkomster av eget arbete) in the sense of SoL 4 kap. 1 a § / 12 kap. 9 §.
EGET_ARBETE = ("inkomst_av_anstallning", "inkomst_av_naringsverksamhet")
