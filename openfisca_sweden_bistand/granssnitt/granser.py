"""The web API's default limits, in a module of their own: ``bistand``'s argument parser reads them without
importing the web stack (``webb.py``: Flask, OpenFisca's web API), which a command like ``bistand beslut`` does not
use."""

STANDARD_MAX_BYTES = 256 * 1024  # a case is a few kilobytes; 256 KiB leaves room for a batch
STANDARD_MAX_PERSONER = 100
STANDARD_MAX_VARDEN = 5000  # values (variable × month) in one request: bounds the work asked for
# Persons × requested values (variable-months) in one /calculate or /trace: bounds what one request
# computes (a month of the decision for one household is about 10–15 ms; 200 is a few seconds at most).
STANDARD_MAX_KOSTNAD = 200
