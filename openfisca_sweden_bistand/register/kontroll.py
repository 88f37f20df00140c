"""Control of automated decisions: a reproducible random sample (*stickprov*) of a month's automated
decisions, a caseworker's review (*granskning*) of a sampled decision, and the error rate of the
reviewed decisions with a 95 % Wilson interval. Samples and reviews are rows of the chain too."""

from __future__ import annotations

import hashlib
import json
import math
from typing import Any

import numpy as np

from openfisca_sweden_bistand.personnummer import innehaller_personnummer
from openfisca_sweden_bistand.register.fel import RegisterFel
from openfisca_sweden_bistand.register.kedja import Kedja
from openfisca_sweden_bistand.register.nyckel import kanonisk


def stickprov(kedja: Kedja, andel: float, seed: int, period: str) -> dict[str, Any]:
    """Draw and record a sample of ``andel`` of the month's automated decisions (the same seed and
    register give the same sample)."""
    if not 0 < andel <= 1:
        raise RegisterFel("andelen ska vara större än 0 och högst 1")
    population = [r["lopnummer"] for r in kedja.rader("beslut", period) if r["automatiserat"]]
    if not population:
        raise RegisterFel(f"inga automatiserade beslut för {period}")
    antal = max(1, math.ceil(andel * len(population)))
    urval = sorted(int(x) for x in np.random.default_rng(seed).choice(population, size=antal, replace=False))
    innehall = {"period": period, "andel": andel, "seed": seed, "population": len(population),
                "population_sha256": hashlib.sha256(kanonisk(population).encode()).hexdigest(), "urval": urval}
    rad = kedja.lagg_till("stickprov", innehall, period=period)
    return {**innehall, "lopnummer": rad["lopnummer"]}


def granska(kedja: Kedja, beslut_lopnummer: int, resultat: str, kommentar: str = "") -> dict[str, Any]:
    """Record a caseworker's review of a sampled decision (``korrekt`` or ``felaktigt``)."""
    if resultat not in ("korrekt", "felaktigt"):
        raise RegisterFel("resultatet ska vara korrekt eller felaktigt")
    if innehaller_personnummer(kommentar):
        raise RegisterFel("kommentaren får inte innehålla ett personnummer")
    stickprov = [json.loads(r["innehall"]) | {"lopnummer": r["lopnummer"]} for r in kedja.rader("stickprov")]
    traffar = [s for s in stickprov if beslut_lopnummer in s["urval"]]
    if not traffar:
        raise RegisterFel(f"beslut {beslut_lopnummer} ingår inte i något stickprov")
    prov = traffar[-1]
    innehall = {"beslut": beslut_lopnummer, "stickprov": prov["lopnummer"], "resultat": resultat,
                "kommentar": kommentar}
    kedja.lagg_till("granskning", innehall, period=prov["period"], utfall=resultat, referens=beslut_lopnummer)
    return innehall


def felfrekvens(kedja: Kedja, period: str) -> dict[str, Any]:
    """Reviewed sampled decisions of the month: error rate with a 95 % Wilson interval."""
    granskningar = {json.loads(r["innehall"])["beslut"]: r["utfall"] for r in kedja.rader("granskning", period)}
    n = len(granskningar)
    fel = sum(1 for v in granskningar.values() if v == "felaktigt")
    lag, hog = wilson(fel, n)
    urval = {b for r in kedja.rader("stickprov", period) for b in json.loads(r["innehall"])["urval"]}
    return {"period": period, "i_stickprov": len(urval), "granskade": n, "felaktiga": fel,
            "felfrekvens": fel / n if n else None, "ki95": (lag, hog)}


def wilson(fel: int, n: int, z: float = 1.96) -> tuple[float | None, float | None]:
    """The Wilson score interval for a proportion (95 % by default)."""
    if n == 0:
        return None, None
    p = fel / n
    namnare = 1 + z * z / n
    mitt = (p + z * z / (2 * n)) / namnare
    halva = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / namnare
    return max(0.0, mitt - halva), min(1.0, mitt + halva)
