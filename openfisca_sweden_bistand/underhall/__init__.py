"""Maintenance: the documentation generated from the rules (dokumentation) and the citation checks (kontroller)."""
