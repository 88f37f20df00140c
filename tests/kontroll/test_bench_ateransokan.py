"""bench/ateransokan.py runs: one round, one decision per case and way (seconds), so that the benchmark
cannot rot while the reader, the comparison or the decision change. No timing is asserted: a test machine
is no benchmark machine."""

import subprocess
import sys
from pathlib import Path

import pytest

SKRIPT = Path(__file__).resolve().parents[2] / "bench" / "ateransokan.py"


@pytest.mark.parametrize("val", [[], ["--periodcache"]])
def test_benchmark_for_ateransokan_kor(val):
    ut = subprocess.run([sys.executable, str(SKRIPT), "--rounds", "1", "--n", "1", *val], capture_output=True,
                        text=True, timeout=300)
    assert ut.returncode == 0, ut.stderr[-2000:]
    rader = ut.stdout.splitlines()
    for fall in ("ateransokan_2026 (1 vuxen)", "sambor (2 vuxna, 2 svar)", "ett års utbetalningar (1 vuxen)"):
        assert any(rad.startswith(fall) for rad in rader), ut.stdout
    assert "registerkontrollen kostar" in rader[-1] and "goal ≤ +20 %" in rader[-1], ut.stdout


def test_benchmark_vagrar_orimliga_rundor():
    ut = subprocess.run([sys.executable, str(SKRIPT), "--rounds", "0"], capture_output=True, text=True, timeout=120)
    assert ut.returncode == 2 and "--rounds" in ut.stderr
