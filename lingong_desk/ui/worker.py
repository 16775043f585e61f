"""Database work off the GUI thread (DESIGN.md convention 2).

One worker thread runs every operation in order (SQLite has one writer);
results come back to the GUI thread by a queued signal of the worker itself,
which lives in the GUI thread. Each operation runs inside ``collect_changes``:
the tables its transactions committed (reported by the writes themselves)
are announced on the ``ChangeBus``, and every view that shows such records
refreshes itself: views never call each other, and no caller lists by hand
what an operation changes.
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, SignalInstance

from lingong_desk.services.changes import collect_changes

log = logging.getLogger(__name__)


class ChangeBus(QObject):
    """Tables whose rows changed: 'person', 'job_posting', 'outbox'... (see services/changes)."""

    changed = Signal(object)  # frozenset[str]
    # a clerk signed in after the lock (the same or another): ClerkInfo
    clerk_changed = Signal(object)


def run_collecting(fn: Callable[[], Any]) -> tuple[bool, Any, frozenset[str]]:
    """Run ``fn``; return whether it succeeded, its result or exception, and the
    tables it committed (also when it failed after an earlier commit)."""
    with collect_changes() as tables:
        try:
            result = fn()
        except Exception as exc:  # delivered to the GUI thread, logged there
            return False, exc, frozenset(tables)
    return True, result, frozenset(tables)


class _Task(QRunnable):
    def __init__(self, task_id: int, fn: Callable[[], Any], finished: SignalInstance) -> None:
        super().__init__()
        self.task_id = task_id
        self.fn = fn
        self.finished = finished
        self.setAutoDelete(True)

    def run(self) -> None:
        ok, payload, tables = run_collecting(self.fn)
        self.finished.emit(self.task_id, ok, (payload, tables))


Pending = tuple[Callable[[Any], None] | None, Callable[[BaseException], None] | None]


def deliver(
    callbacks: Pending, ok: bool, delivered: Any, changed: SignalInstance, what: str
) -> None:
    """Hand an operation's result (or error) to its callbacks, then announce the
    tables it committed on ``changed``; an error nobody asked for is logged."""
    on_done, on_error = callbacks
    payload, tables = delivered
    if not ok:
        if on_error is not None:
            on_error(payload)
        else:
            log.error("%s failed", what, exc_info=payload)
    elif on_done is not None:
        on_done(payload)
    if tables:
        changed.emit(tables)


class DbWorker(QObject):
    busy_changed = Signal(bool)
    _finished = Signal(int, bool, object)  # task id, succeeded, (result or exception, tables)

    def __init__(self, bus: ChangeBus, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.bus = bus
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._ids = itertools.count(1)
        self._pending: dict[int, Pending] = {}
        self.thread_ids: set[int] = set()
        # queued: emitted on the pool thread, delivered on the worker's (GUI) thread
        self._finished.connect(self._deliver)

    def submit(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        task_id = next(self._ids)
        self._pending[task_id] = (on_done, on_error)
        if len(self._pending) == 1:
            self.busy_changed.emit(True)

        def call() -> Any:
            self.thread_ids.add(threading.get_ident())
            return fn()

        self.pool.start(_Task(task_id, call, self._finished))

    def _deliver(self, task_id: int, ok: bool, delivered: Any) -> None:
        on_done, on_error = self._pending.pop(task_id)
        if not self._pending:
            self.busy_changed.emit(False)
        deliver((on_done, on_error), ok, delivered, self.bus.changed, "background operation")

    @property
    def busy(self) -> bool:
        """Work submitted whose result has not been delivered yet."""
        return bool(self._pending)

    def wait(self, msecs: int = 10_000) -> bool:
        return self.pool.waitForDone(msecs)
