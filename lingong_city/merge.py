"""Field-by-field merge of a pushed row into the city's copy (pure functions).

Each field of a record carries the hybrid-logical-clock stamp of the write
that set it. A pushed entry writes the fields it changed (all of them for a
new row) with its own stamp; a field is taken when that stamp is newer than
the one the city holds for it, else the city's newer value is kept. Identity
fields of a person are never overwritten with a different value: the city's
value stays and the disagreement is returned as a conflict.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from lingong_desk.domain.hlc import Stamp

# set once, by the write that created the row (for shared rows: the first
# market to register it)
ORIGIN_FIELDS = frozenset({"id", "market_code", "created_at", "created_by"})
# written by every change, whatever it changed
META_FIELDS = frozenset({"updated_at", "updated_by"})


@lru_cache(maxsize=4096)
def stamp_key(text: str) -> Stamp:
    return Stamp.decode(text)


def newer(a: str, b: str | None) -> bool:
    """Is stamp ``a`` newer than ``b`` (no stamp at all is oldest)?"""
    return b is None or stamp_key(a) > stamp_key(b)


def newest(a: str, b: str) -> str:
    return a if stamp_key(a) >= stamp_key(b) else b


@dataclass
class Merge:
    data: dict[str, Any]
    stamps: dict[str, str]
    kept: list[str] = field(default_factory=list)  # older than the city's value
    conflicts: list[tuple[str, Any, Any]] = field(default_factory=list)  # field, city, incoming
    changed: bool = False  # the row's data differs from before


def new_row(payload: dict[str, Any], stamp: str) -> Merge:
    data = dict(payload)
    data["hlc"] = stamp
    stamps = {k: stamp for k in data if k not in ORIGIN_FIELDS and k != "hlc"}
    return Merge(data, stamps, changed=True)


def written_fields(op: str, changed: tuple[str, ...], payload: dict[str, Any]) -> set[str]:
    """The fields an entry writes: all of a new row, else those it names as changed."""
    if op == "insert":
        names = set(payload)
    else:
        names = set(changed) | META_FIELDS
        if op == "delete":
            names.add("deleted_at")
    return (names & set(payload)) - ORIGIN_FIELDS - {"hlc"}


def merge_row(
    data: dict[str, Any],
    stamps: dict[str, str],
    payload: dict[str, Any],
    written: set[str],
    stamp: str,
    identity: frozenset[str] = frozenset(),
) -> Merge:
    """Merge ``payload``'s ``written`` fields, stamped ``stamp``, into a copy of ``data``."""
    out = Merge(dict(data), dict(stamps))
    protected: set[str] = set()
    for name in sorted(written & identity):
        held, incoming = data.get(name), payload[name]
        if held not in (None, "") and incoming != held:
            out.conflicts.append((name, held, incoming))
            protected.add(name)
    for name in sorted(written - protected - META_FIELDS):
        incoming = payload[name]
        if newer(stamp, stamps.get(name)):
            out.stamps[name] = stamp
            if out.data.get(name) != incoming or name not in out.data:
                out.data[name] = incoming
                out.changed = True
        elif data.get(name) != incoming:
            out.kept.append(name)
    if out.changed:  # who changed the row last, and when, follow its newest change
        for name in sorted(written & META_FIELDS):
            if newer(stamp, stamps.get(name)):
                out.stamps[name] = stamp
                out.data[name] = payload[name]
        out.data["hlc"] = newest(stamp, str(data.get("hlc") or stamp))
    return out
