"""Database work off the GUI thread (DESIGN.md convention 2).

One worker thread runs every operation in order (SQLite has one writer);
results come back to the GUI thread by a queued signal of the worker itself,
which lives in the GUI thread. After a successful operation the ``ChangeBus``
announces which kinds of record changed, and every view that shows such
records refreshes itself: views never call each other.
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, SignalInstance

log = logging.getLogger(__name__)


class ChangeBus(QObject):
    """Kinds of record that changed: 'person', 'employer', 'posting', 'outbox'..."""

    changed = Signal(object)  # frozenset[str]


class _Task(QRunnable):
    def __init__(self, task_id: int, fn: Callable[[], Any], finished: SignalInstance) -> None:
        super().__init__()
        self.task_id = task_id
        self.fn = fn
        self.finished = finished
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self.fn()
        except Exception as exc:  # delivered to the GUI thread, logged there
            self.finished.emit(self.task_id, False, exc)
        else:
            self.finished.emit(self.task_id, True, result)


Pending = tuple[
    Callable[[Any], None] | None, Callable[[BaseException], None] | None, frozenset[str]
]


class DbWorker(QObject):
    busy_changed = Signal(bool)
    _finished = Signal(int, bool, object)  # task id, succeeded, result or exception

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
        changes: Iterable[str] = (),
    ) -> None:
        task_id = next(self._ids)
        self._pending[task_id] = (on_done, on_error, frozenset(changes))
        if len(self._pending) == 1:
            self.busy_changed.emit(True)

        def call() -> Any:
            self.thread_ids.add(threading.get_ident())
            return fn()

        self.pool.start(_Task(task_id, call, self._finished))

    def _deliver(self, task_id: int, ok: bool, payload: Any) -> None:
        on_done, on_error, kinds = self._pending.pop(task_id)
        if not self._pending:
            self.busy_changed.emit(False)
        if not ok:
            if on_error is not None:
                on_error(payload)
            else:
                log.error("background operation failed", exc_info=payload)
            return
        if on_done is not None:
            on_done(payload)
        if kinds:
            self.bus.changed.emit(kinds | {"outbox"})

    @property
    def busy(self) -> bool:
        """Work submitted whose result has not been delivered yet."""
        return bool(self._pending)

    def wait(self, msecs: int = 10_000) -> bool:
        return self.pool.waitForDone(msecs)
