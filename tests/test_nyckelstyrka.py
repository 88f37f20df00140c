"""The key strength estimate (nyckelstyrka.py): random keys pass, repeated and patterned ones do not."""

import secrets

import pytest

from openfisca_sweden_bistand.nyckelstyrka import MINSTA_ENTROPI, for_svag, uppskattad_entropi


@pytest.mark.parametrize("svag", [
    "a" * 32, "ab" * 20, "Passw0rd!" * 4, "abcdefghijklmnopqrstuvwxyzABCDEFGH", "0123456789abcdef" * 2,
    "correcthorsebatterystaplecorrecthorse", "hunter2" * 6, b"k" * 32, bytes(range(32)), b"\x00\xff" * 16,
])
def test_upprepade_och_monster_ar_for_svaga(svag):
    assert uppskattad_entropi(svag) < MINSTA_ENTROPI
    assert for_svag(svag) is not None and for_svag(svag) < MINSTA_ENTROPI


def test_slumpade_nycklar_racker():
    """A key as the docs say to make it passes, every time (the estimate of 32 random bytes is about 155
    bits at the lowest, of token_urlsafe(32) about 195)."""
    for _ in range(2000):
        assert for_svag(secrets.token_urlsafe(32)) is None
        assert for_svag(secrets.token_bytes(32)) is None
        assert for_svag(secrets.token_hex(32)) is None


def test_kort_och_tom():
    assert uppskattad_entropi("") == 0 and uppskattad_entropi("x") == 0 and uppskattad_entropi(b"") == 0
