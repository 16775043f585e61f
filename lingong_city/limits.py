"""A small token bucket per client address (enrolment guesses are rate-limited).

Each address may make ``burst`` requests at once and then one every
``every`` seconds. The buckets live in the process: with several workers each
keeps its own, so the limit per address is at most ``workers`` times as high,
which still makes guessing a 15-character code hopeless. The clock is the
app's, so tests drive it.
"""

from __future__ import annotations

import datetime as dt
import math
import threading
from collections import OrderedDict
from collections.abc import Callable


class TokenBuckets:
    def __init__(
        self,
        burst: int,
        every: float,
        clock: Callable[[], dt.datetime],
        max_keys: int = 10_000,
    ) -> None:
        self.burst = burst
        self.every = every
        self.clock = clock
        self.max_keys = max_keys
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()  # tokens, at
        self._lock = threading.Lock()

    def take(self, key: str) -> int:
        """0 when ``key`` may go on (a token is taken), else whole seconds to wait."""
        now = self.clock().timestamp()
        with self._lock:
            tokens, at = self._buckets.pop(key, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + max(0.0, now - at) / self.every)
            if tokens >= 1.0:
                self._buckets[key] = (tokens - 1.0, now)
                wait = 0
            else:
                self._buckets[key] = (tokens, now)
                wait = max(1, math.ceil((1.0 - tokens) * self.every))
            while len(self._buckets) > self.max_keys:  # forget the longest idle
                self._buckets.popitem(last=False)
            return wait
