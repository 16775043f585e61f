"""Sync in the background, on its own thread (never the window's database worker).

A round runs when the window starts, every two minutes, on demand (F9), and
as soon as the link returns: while the city cannot be reached, a cheap probe
asks every 30 seconds. Requests made while a round runs are folded into one
more round after it. Enrolment and bundle files run on the same thread, so
the window never waits for the network or a USB stick.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from lingong_desk.sync.engine import SyncEngine, SyncReport
from lingong_desk.ui.worker import Pending, deliver, run_collecting

log = logging.getLogger(__name__)

SYNC_EVERY_MS = 2 * 60 * 1000
PROBE_EVERY_MS = 30 * 1000
STOP_WAIT_MS = 40 * 1000  # a request in flight ends within its timeouts (5 s + 30 s)


class _Runner(QObject):
    """Lives on the sync thread; runs what it is handed, in order."""

    finished = Signal(int, bool, object)  # task id, succeeded, (result or exception, tables)

    @Slot(int, object)
    def run(self, task_id: int, fn: Any) -> None:
        ok, payload, tables = run_collecting(fn)
        self.finished.emit(task_id, ok, (payload, tables))


Callbacks = Pending


class BackgroundSyncer(QObject):
    report_ready = Signal(object)  # SyncReport
    changed = Signal(object)  # frozenset[str]: the tables a sync operation committed
    running_changed = Signal(bool)
    online_changed = Signal(bool)
    _run = Signal(int, object)

    def __init__(self, engine: SyncEngine, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.enrolled = False
        self.running = False
        self.online = True
        self.last_report: SyncReport | None = None
        self._again = False
        self._stopped = False
        self._thread: QThread | None = None
        self._runner: _Runner | None = None
        self._ids = itertools.count(1)
        self._pending: dict[int, Callbacks] = {}
        self.periodic = QTimer(self)
        self.periodic.setInterval(SYNC_EVERY_MS)
        self.periodic.timeout.connect(self._tick)
        self.prober = QTimer(self)
        self.prober.setInterval(PROBE_EVERY_MS)
        self.prober.timeout.connect(self._probe)

    # ---- the thread -------------------------------------------------------------------
    def _ensure_thread(self) -> None:
        """The thread starts on first use: a desk that never syncs never has one."""
        if self._thread is not None:
            return
        self._thread = QThread(self)
        self._thread.setObjectName("sync")
        self._runner = _Runner()
        self._runner.moveToThread(self._thread)
        self._run.connect(self._runner.run)  # queued: the runner lives on the thread
        self._runner.finished.connect(self._deliver)  # queued back to this (GUI) thread
        self._thread.finished.connect(self._runner.deleteLater)
        self._thread.start()

    def submit(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        if self._stopped:
            return
        self._ensure_thread()
        task_id = next(self._ids)
        self._pending[task_id] = (on_done, on_error)
        self._run.emit(task_id, fn)

    def _deliver(self, task_id: int, ok: bool, delivered: Any) -> None:
        callbacks = self._pending.pop(task_id, (None, None))
        if not self._stopped:
            deliver(callbacks, ok, delivered, self.changed, "background sync operation")

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def stop(self, wait_ms: int = STOP_WAIT_MS) -> bool:
        """Stop the timers and the thread (the program is closing)."""
        self._stopped = True
        self.periodic.stop()
        self.prober.stop()
        self.engine.cancel()
        if self._thread is None:
            return True
        self._thread.quit()
        done = self._thread.wait(wait_ms)
        if not done:
            log.warning("the sync thread did not stop within %d ms", wait_ms)
        return bool(done)

    # ---- rounds -----------------------------------------------------------------------
    def start(self, enrolled: bool) -> None:
        """Begin syncing (now, then every two minutes) once the desk is enrolled."""
        self.enrolled = enrolled
        if enrolled and not self._stopped:
            self.periodic.start()
            self.sync_now()

    def sync_now(self) -> bool:
        """Run a round now, or right after the one running; False when not enrolled."""
        if not self.enrolled or self._stopped:
            return False
        if self.running:
            self._again = True
            return True
        self.running = True
        self.running_changed.emit(True)
        self.submit(self.engine.sync_once, self._finished, self._crashed)
        return True

    def _finished(self, report: SyncReport) -> None:
        self.running = False
        self.last_report = report
        self._set_online(report.error is None or not report.error.link_down)
        self.running_changed.emit(False)
        self.report_ready.emit(report)
        if self._again:
            self._again = False
            self.sync_now()

    def _crashed(self, exc: BaseException) -> None:  # sync_once reports its errors itself
        log.error("a sync round failed", exc_info=exc)
        self.running = False
        self.running_changed.emit(False)

    def _tick(self) -> None:
        if self.online:
            self.sync_now()

    def _set_online(self, online: bool) -> None:
        if online == self.online:
            return
        self.online = online
        if online:
            self.prober.stop()
        else:
            self.prober.start()
        self.online_changed.emit(online)

    def _probe(self) -> None:
        if self.running or self._stopped:
            return

        def answered(reachable: bool) -> None:
            if reachable:
                self.sync_now()

        self.submit(self.engine.probe, answered)
