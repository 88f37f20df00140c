"""Heavy work (tunga.py): in a process of its own at the lowest priority, in bounded slots, by a deadline; and the
estimate (webb.ar_tung) that sends a request there."""

from __future__ import annotations

import json
import os
import sys
import threading
import time

import pytest

from openfisca_sweden_bistand import exempel
from openfisca_sweden_bistand.arende.validering import ArendeFel
from openfisca_sweden_bistand.granssnitt import tunga, webb


def _prioritet() -> tuple[int, int]:
    return os.getpid(), os.getpriority(os.PRIO_PROCESS, 0)


def test_kors_i_en_egen_process_med_lagsta_prioritet():
    pid, prioritet = tunga.TungaBerakningar().kor(_prioritet)
    assert pid != os.getpid() and prioritet == tunga.LAG_PRIORITET
    assert not tunga.I_BARNPROCESS  # the worker itself is untouched


def test_svaret_och_felet_kommer_tillbaka():
    tunga_ = tunga.TungaBerakningar()
    assert tunga_.kor(sum, [1, 2, 3]) == 6
    with pytest.raises(ArendeFel) as fel:
        tunga_.kor(webb.las_ateransokan, {"ansokan": {}}, None)  # the reader's own error, field and all
    assert fel.value.falt == "ssbtek" and fel.value.meddelande == "saknas"


class _EgetFel(Exception):
    def __init__(self, a: str, b: str) -> None:  # cannot be rebuilt from its args
        super().__init__(a + b)


def _kasta() -> None:
    raise _EgetFel("x", "y")


def test_ett_fel_som_inte_kan_foras_over_blir_ett_internt_fel_med_sin_traceback():
    with pytest.raises(tunga._Barnfel, match="_EgetFel"):
        tunga.TungaBerakningar().kor(_kasta)


def _sov_lange(fil) -> None:
    fil.write_text(str(os.getpid()))
    time.sleep(20)


def _upptagen(cpu: float) -> float:
    """Compute for ``cpu`` seconds of CPU time; the wall-clock seconds it took."""
    start, klocka = time.process_time(), time.monotonic()
    while time.process_time() - start < cpu:
        sum(range(1000))
    return time.monotonic() - klocka


def test_processen_raknar_bara_sin_andel_av_tiden():
    """Half the time by default: 0.3 s of CPU takes about 0.6 s (it rests 0.05 s every 0.1 s); the share is kept
    roughly (a rest begins between two Python steps), so the bounds leave room."""
    assert tunga.TungaBerakningar().kor(_upptagen, 0.3) >= 0.3 / tunga.TUNG_ANDEL * 0.75
    assert tunga.TungaBerakningar(andel=0.25).kor(_upptagen, 0.2) >= 0.2 / 0.25 * 0.6
    with pytest.raises(ValueError):
        tunga.TungaBerakningar(andel=0)


def test_en_avslutad_process_avslutar_inte_arbetaren():
    with pytest.raises(tunga._Barnfel, match="SystemExit"):
        tunga.TungaBerakningar().kor(sys.exit, 3)


def test_fristen_dodar_processen(tmp_path):
    tunga_ = tunga.TungaBerakningar(frist=0.5)
    start = time.monotonic()
    with pytest.raises(tunga.TungtFel) as fel:
        tunga_.kor(_sov_lange, tmp_path / "pid")
    assert fel.value.status == 503 and time.monotonic() - start < 3
    with pytest.raises(ProcessLookupError):  # killed and reaped: no process, not even a zombie
        os.kill(int((tmp_path / "pid").read_text()), 0)


def test_fristen_raknas_fran_forfragans_borjan():
    """The wait for a slot counts: a request that came 29.9 s ago has 0.1 s left."""
    tunga_ = tunga.TungaBerakningar(frist=30)
    with pytest.raises(tunga.TungtFel) as fel:
        tunga_.kor(time.sleep, 5, start=time.monotonic() - 29.9)
    assert fel.value.status == 503


def test_platserna_ar_begransade():
    tunga_ = tunga.TungaBerakningar(platser=1, vantetid=0.3)
    upptagen = threading.Thread(target=tunga_.kor, args=(time.sleep, 1.5))
    upptagen.start()
    time.sleep(0.3)
    try:
        start = time.monotonic()
        with pytest.raises(tunga.TungtFel) as fel:
            tunga_.kor(sum, [1])
        assert fel.value.status == 429 and fel.value.vanta >= 1 and time.monotonic() - start < 1.5
    finally:
        upptagen.join()
    assert tunga_.kor(sum, [1]) == 1  # the slot is free again


def test_tva_platser_raknar_samtidigt():
    tunga_ = tunga.TungaBerakningar(platser=2, vantetid=0.2)
    tradar = [threading.Thread(target=tunga_.kor, args=(time.sleep, 1)) for _ in range(2)]
    start = time.monotonic()
    for t in tradar:
        t.start()
    for t in tradar:
        t.join()
    assert time.monotonic() - start < 1.9


# --- the estimate ---------------------------------------------------------------------------------------------


def _kropp(data: object) -> bytes:
    return json.dumps(data).encode()


@pytest.mark.parametrize("namn", exempel.namn())
def test_exemplen_ar_latta(namn):
    """The good traffic of bench/angrepp.py: every embedded example's decision and calculation is light work."""
    assert not webb.ar_tung("beslut", _kropp(exempel.arende(namn)))
    situation = exempel.situation(namn)
    (hushall,) = situation["hushallen"].values()
    hushall["forsorjningsstod"] = {exempel.arende(namn)["period"]: None}
    assert not webb.ar_tung("calculate", _kropp(situation))


def test_tunga_forfragningar():
    situation = exempel.situation("ensamstaende_forelder")  # three persons
    (hushall,) = situation["hushallen"].values()
    hushall["forsorjningsstod"] = {"2026-01": None}
    assert not webb.ar_tung("calculate", _kropp(situation)) and webb.ar_tung("trace", _kropp(situation))
    hushall["forsorjningsstod"]["2026-02"] = None  # 2 requested values > LATT_EFTERFRAGADE
    assert webb.ar_tung("calculate", _kropp(situation))
    arende = exempel.arende("ensamstaende_2026")
    arende["personer"]["johan"]["mottog_forsorjningsstod"] = {f"20{a}-{m:02d}": True
                                                             for a in range(16, 26) for m in range(1, 13)}
    assert webb.ar_tung("beslut", _kropp(arende))  # 123 given values
    assert webb.ar_tung("beslut", b" " * (webb.LATT_BYTES + 1))  # a large body, whatever it holds
    assert not webb.ar_tung("beslut", b"[" * 1000)  # not JSON to the estimate: the strict reader refuses it at once
    form = {f"personer-{i}-alder": "30" for i in range(5)} | {"reform": "bidragstak"}
    assert webb.ar_tung("provberakning", b"", form) and not webb.ar_tung("provberakning", b"", form | {"reform": ""})


def test_tung_forfragan_besvaras_i_en_egen_process_och_fristen_ger_503(monkeypatch):
    """Through the app: a heavy /beslut is answered by its own process; past its deadline, 503 with Retry-After."""
    klient = webb.skapa_app(tung_frist=0.3).test_client()
    arende = exempel.arende("ensamstaende_2026")
    assert klient.post("/beslut", json=arende).status_code == 200  # light: in the worker
    for i in range(10):
        arende["personer"][f"p{i}"] = {"alder": 30}  # over LATT_PERSONER: heavy
    monkeypatch.setattr(webb, "las_arende", lambda *a: time.sleep(5))
    svar = klient.post("/beslut", json=arende)
    assert svar.status_code == 503 and svar.headers["Retry-After"] == "5", svar.get_json()
    assert "tog för lång tid" in svar.get_json()["meddelande"]
