"""The decision register: the authenticated append-only log (lagring), the report to the nämnd
(namndrapport) and the personnummer filter that keeps personal data out (personnummer)."""
