"""Analysis for policy analysts: the synthetic caseload (arendebestand) and the scenario runner (scenario)."""
