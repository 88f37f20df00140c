"""Checking a case's facts (*kontroll*): each fact with its source, and a renewal against the registers.

Between reading a case (``arende/``) and computing and explaining it (``forklaring/``): the register
answers (SSBTEK) read safely (``ssbtek.py``, its XML parsed by ``sakerxml.py``, into ``registersvar.py``),
compared with what the applicant declared (``jamforelse.py``, by the benefit codes of ``formankoder.yaml``),
and the facts a decision needs checked for completeness and given their sources (``underlag.py``). Its
output is the case the rules compute, with every fact's source and every check: nothing here builds a
simulation.
"""
