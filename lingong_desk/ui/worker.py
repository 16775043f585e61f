"""Database work off the GUI thread (DESIGN.md convention 2).

One worker thread runs every operation in order (SQLite has one writer);
results come back to the GUI thread by queued signal. After a successful
operation the ``ChangeBus`` announces which kinds of record changed, and every
view that shows such records refreshes itself: views never call each other.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)


class ChangeBus(QObject):
    """Kinds of record that changed: 'person', 'employer', 'posting', 'outbox'..."""

    changed = Signal(object)  # frozenset[str]


class _Relay(QObject):
    done = Signal(object)
    failed = Signal(object)


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.fn = fn
        self.relay = relay
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self.fn()
        except Exception as exc:  # delivered to the GUI thread, logged there
            self.relay.failed.emit(exc)
        else:
            self.relay.done.emit(result)


class DbWorker(QObject):
    busy_changed = Signal(bool)

    def __init__(self, bus: ChangeBus, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.bus = bus
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._relays: set[_Relay] = set()
        self.thread_ids: set[int] = set()

    def submit(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        changes: Iterable[str] = (),
    ) -> None:
        relay = _Relay(self)  # a child: gone with the worker, with its queued results
        self._relays.add(relay)
        kinds = frozenset(changes)
        if len(self._relays) == 1:
            self.busy_changed.emit(True)

        def finish() -> None:
            self._relays.discard(relay)
            relay.deleteLater()
            if not self._relays:
                self.busy_changed.emit(False)

        def done(result: Any) -> None:
            finish()
            if on_done is not None:
                on_done(result)
            if kinds:
                self.bus.changed.emit(kinds | {"outbox"})

        def failed(exc: BaseException) -> None:
            finish()
            if on_error is not None:
                on_error(exc)
            else:
                log.error("background operation failed", exc_info=exc)

        relay.done.connect(done)
        relay.failed.connect(failed)

        def call() -> Any:
            self.thread_ids.add(threading.get_ident())
            return fn()

        self.pool.start(_Task(call, relay))

    def wait(self, msecs: int = 10_000) -> bool:
        return self.pool.waitForDone(msecs)
