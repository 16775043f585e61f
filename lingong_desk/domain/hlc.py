"""Hybrid logical clock stamps (Kulkarni et al.), encoded as sortable text.

A stamp is ``"<wall ms, 13 digits>-<counter, 4 hex>-<node>"``; comparing the
strings compares the stamps. A remote stamp more than ``MAX_DRIFT_MS`` ahead of
the local wall clock is not adopted, so one desk with a clock set to next year
cannot win every merge from then on.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

MAX_DRIFT_MS = 5 * 60 * 1000


@dataclass(frozen=True, order=True)
class Stamp:
    wall_ms: int
    counter: int
    node: str

    def encode(self) -> str:
        return f"{self.wall_ms:013d}-{self.counter:04x}-{self.node}"

    @staticmethod
    def decode(text: str) -> Stamp:
        wall, counter, node = text.split("-", 2)
        return Stamp(int(wall), int(counter, 16), node)


class ClockDriftError(ValueError):
    pass


class HybridClock:
    def __init__(self, node: str, wall: Callable[[], int], last: Stamp | None = None) -> None:
        self.node = node
        self._wall = wall
        self._last = last or Stamp(0, 0, node)
        self._lock = threading.Lock()

    @property
    def last(self) -> Stamp:
        return self._last

    def now(self) -> Stamp:
        with self._lock:
            wall = self._wall()
            if wall > self._last.wall_ms:
                stamp = Stamp(wall, 0, self.node)
            else:
                stamp = Stamp(self._last.wall_ms, self._last.counter + 1, self.node)
            self._last = stamp
            return stamp

    def observe(self, remote: Stamp) -> Stamp:
        """Merge a received stamp; refuse one too far in the future."""
        with self._lock:
            wall = self._wall()
            if remote.wall_ms - wall > MAX_DRIFT_MS:
                raise ClockDriftError(f"stamp {remote.encode()} is ahead of the local clock")
            top = max(wall, self._last.wall_ms, remote.wall_ms)
            if top == self._last.wall_ms == remote.wall_ms:
                counter = max(self._last.counter, remote.counter) + 1
            elif top == self._last.wall_ms:
                counter = self._last.counter + 1
            elif top == remote.wall_ms:
                counter = remote.counter + 1
            else:
                counter = 0
            self._last = Stamp(top, counter, self.node)
            return self._last
