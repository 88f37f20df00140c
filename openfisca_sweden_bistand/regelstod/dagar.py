"""Days of a month, shared by the rules on part of a month (variables/del_av_manad.py) and the case reader."""

HOGSTA_DAG = 31  # the most days a month has; a person's days not given is the whole month
DAGVARIABLER = ("stod_fran_dag", "dagar_i_hushallet")  # the inputs that are days of a month (0 or 1 … 31)
