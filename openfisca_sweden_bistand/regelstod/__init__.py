"""The rule support that the variables import: legal references (lagrum), the provenance of
parameter values (parametrar), the reasons for manual review (skal), the riksnorm's groups, the
income types and rounding. Imports nothing above it."""
