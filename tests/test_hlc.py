import pytest

from lingong_desk.domain.hlc import MAX_DRIFT_MS, ClockDriftError, HybridClock, Stamp


def test_stamps_increase_even_when_the_wall_clock_stands_still_or_goes_back() -> None:
    walls = iter([1000, 1000, 900, 1001])
    clock = HybridClock("a", lambda: next(walls))
    stamps = [clock.now() for _ in range(4)]
    assert stamps == sorted(stamps)
    assert len(set(stamps)) == 4
    encoded = [s.encode() for s in stamps]
    assert encoded == sorted(encoded)  # text order is stamp order
    assert Stamp.decode(encoded[2]) == stamps[2]


def test_observing_a_remote_stamp_moves_the_clock_past_it() -> None:
    clock = HybridClock("a", lambda: 1000)
    after = clock.observe(Stamp(5000, 3, "b"))
    assert after > Stamp(5000, 3, "b")
    assert clock.now() > after


def test_far_future_stamp_is_refused() -> None:
    clock = HybridClock("a", lambda: 1000)
    with pytest.raises(ClockDriftError):
        clock.observe(Stamp(1000 + MAX_DRIFT_MS + 1, 0, "b"))
    assert clock.last.wall_ms <= 1000
