"""Reading a case (las) and checking it against what a decision needs (underlag)."""
