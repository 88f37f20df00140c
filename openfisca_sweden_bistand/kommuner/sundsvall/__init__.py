"""Sundsvalls kommun: its guidelines for ekonomiskt bistånd over the national law (riktlinje.yaml, parameters/)."""
