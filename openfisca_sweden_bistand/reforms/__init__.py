"""Reforms: changes to the rules or policies, as OpenFisca reforms, for what-if scenarios."""
