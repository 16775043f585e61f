"""Pushing a round's pending changes: several batches in flight, one answer each.

Pushes are idempotent, so up to ``IN_FLIGHT`` batches travel at once: the link
carries the next batch while the city applies the one before. Batches may then
reach the city out of order, so an entry whose parent row is still on its way is
answered ``missing_parent`` (not remembered by the city) and stays unsent; once
every batch of the round is in, those entries go again one batch at a time, and
an entry still missing its parent then is a real rejection. A batch the city
refuses whole is halved until the entry it cannot take stands alone. The city's
numbers reused with other changes (a restored desk) start a new epoch once.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace
from typing import TYPE_CHECKING

from lingong_desk.domain.hlc import HybridClock
from lingong_desk.sync import state
from lingong_desk.sync.apply import observe
from lingong_desk.sync.errors import SyncError
from lingong_desk.sync.outbox import Batch, Recorded, make_batch, next_batch, record_results
from lingong_desk.sync.protocol import Entry

if TYPE_CHECKING:
    from lingong_desk.sync.client import SyncClient
    from lingong_desk.sync.state import SyncSessions

log = logging.getLogger(__name__)

IN_FLIGHT = 2  # batches on the link at once


class Pusher:
    def __init__(
        self,
        sessions: SyncSessions,
        client: SyncClient,
        device_id: str,
        clock: HybridClock,
        now: Callable[[], dt.datetime],
        check_cancel: Callable[[], None],
        max_bytes: int,
    ) -> None:
        self.sessions = sessions
        self.client = client
        self.device_id = device_id
        self.clock = clock
        self.now = now
        self.check_cancel = check_cancel
        self.max_bytes = max_bytes
        self.home = client.market or None  # protocol 3 leaves the desk's market off
        self.recorded = Recorded()
        self.accepted = False  # the city took at least one batch
        self.suspects: list[tuple[Entry, str]] = []  # refused whole, alone
        self._lock = threading.Lock()

    def run(self, epoch: int) -> int:
        """Push everything pending; returns the epoch the desk ends in."""
        self._pass(epoch, final=False)
        if self.recorded.reused:
            with self.sessions.writer() as s, s.begin():
                epoch = state.new_epoch(s, self.now())
            log.warning(
                "the city knows %d change numbers of this desk with other changes: "
                "sending them again under a new epoch",
                self.recorded.reused,
            )
            self._pass(epoch, final=False)
        if self.recorded.waiting:
            self._pass(epoch, final=True)  # every earlier batch is in: in order, one by one
        return epoch

    def _pass(self, epoch: int, final: bool) -> None:
        after = 0
        depth = 1 if final else IN_FLIGHT
        with ThreadPoolExecutor(depth, thread_name_prefix="push") as pool:
            flying: deque[Future[None]] = deque()
            try:
                while True:
                    self.check_cancel()
                    with self.sessions.reader() as s:
                        batch = next_batch(
                            s, self.device_id, after, self.max_bytes, epoch=epoch, home=self.home
                        )
                    if batch is None:
                        break
                    flying.append(pool.submit(self._push, batch, final))
                    after = batch.last_seq  # entries without a result wait for the next round
                    if len(flying) >= depth:
                        flying.popleft().result()  # a failed push ends the pass (and round)
                while flying:
                    flying.popleft().result()
            except BaseException:
                for rest in flying:  # the others finish before the error goes on
                    rest.exception()
                raise

    def _push(self, batch: Batch, final: bool) -> None:
        try:
            response = self.client.push(batch)
        except SyncError as exc:
            if exc.kind != "refused":
                raise
            entries = batch.request.entries
            if len(entries) == 1:
                with self._lock:
                    self.suspects.append((entries[0], exc.detail))
                return
            half = len(entries) // 2
            for part in (entries[:half], entries[half:]):
                self.check_cancel()
                self._push(make_batch(self.device_id, part, batch.request.epoch, self.home), final)
            return
        with self.sessions.writer() as s, s.begin():
            recorded = record_results(s, response.results, set(batch.seqs), self.now(), final)
        with self._lock:
            self.accepted = True
            self.recorded += replace(recorded, ignored=0)
        observe(self.clock, response.server_hlc)
