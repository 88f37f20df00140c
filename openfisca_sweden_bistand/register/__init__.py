"""The decision register: the authenticated append-only log (lagring: recording; kedja, tabeller,
nyckel, ankare, verifiering, fel: storage; delegation, pseudonym, omprovning, kontroll), the report to
the nämnd (namndrapport) and the personnummer filter that keeps personal data out (personnummer)."""
