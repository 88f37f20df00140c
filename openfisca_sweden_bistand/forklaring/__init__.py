"""The explanation of a case: the calculation line by line (berakning), the decision and its letter
(beslut), and the rule version that lets it be replayed (regelversion)."""
