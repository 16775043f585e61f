"""Which tables a piece of work changed, reported by the writes themselves.

Every session of the desk (the window's and sync's alike) notes the tables
each flush writes (ORM units of work and ORM-enabled bulk statements). When
the transaction commits, those names go to the change collector active on
this thread, if any; a rollback forgets them. The UI runs each operation
inside ``collect_changes()`` and broadcasts exactly what was committed, so a
clerk's action and a pull from the city refresh the same views the same way,
and nobody lists by hand what an operation changes.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session

_KEY = "changed_tables"
_collector: ContextVar[set[str] | None] = ContextVar("lingong_changes", default=None)


@contextmanager
def collect_changes() -> Iterator[set[str]]:
    """Collect the names of the tables that transactions committed in this block."""
    tables: set[str] = set()
    token = _collector.set(tables)
    try:
        yield tables
    finally:
        _collector.reset(token)


def _note(session: Session, names: Iterator[str]) -> None:
    session.info.setdefault(_KEY, set()).update(names)


def _table_of(obj: object) -> str | None:
    table = getattr(type(obj), "__table__", None)
    return getattr(table, "name", None)


def _after_flush(session: Session, _context: object) -> None:
    dirty = [o for o in session.dirty if session.is_modified(o, include_collections=False)]
    objects = [*session.new, *dirty, *session.deleted]
    _note(session, (name for o in objects if (name := _table_of(o)) is not None))


def _on_execute(state: ORMExecuteState) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        table = getattr(state.statement, "table", None)
        name = getattr(table, "name", None)
        if isinstance(name, str):
            _note(state.session, iter([name]))


def _after_commit(session: Session) -> None:
    tables = session.info.pop(_KEY, None)
    collector = _collector.get()
    if tables and collector is not None:
        collector.update(tables)


def _after_rollback(session: Session) -> None:
    session.info.pop(_KEY, None)


def install(session_class: Any) -> None:
    event.listen(session_class, "after_flush", _after_flush)
    event.listen(session_class, "do_orm_execute", _on_execute)
    event.listen(session_class, "after_commit", _after_commit)
    event.listen(session_class, "after_rollback", _after_rollback)
