"""The occupation catalogue: gig job types with national classification codes."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass

from lingong_desk.domain.search_keys import full_pinyin, initials


@dataclass(frozen=True)
class Occupation:
    code: str  # e.g. 4-10-01-06
    name: str
    group_code: str  # e.g. 4-10-01
    group_name: str
    keywords: tuple[str, ...]

    def same_group(self, other: Occupation) -> bool:
        return self.group_code == other.group_code


class Catalogue:
    def __init__(self, occupations: list[Occupation]) -> None:
        self._items = list(occupations)
        self._by_code = {o.code: o for o in self._items}
        self._name_keys: dict[str, list[str]] = {}
        self._word_keys: dict[str, list[str]] = {}

    def prepare(self) -> None:
        """Compute the pinyin keys (loads pypinyin); done on first search or warm-up."""
        if self._name_keys:
            return
        self._word_keys = {o.code: [k for w in o.keywords for k in _keys(w)] for o in self._items}
        self._name_keys = {o.code: _keys(o.name) for o in self._items}

    @classmethod
    def from_csv(cls, text: str) -> Catalogue:
        rows = csv.DictReader(io.StringIO(text))
        return cls(
            [
                Occupation(
                    code=r["code"].strip(),
                    name=r["name"].strip(),
                    group_code=r["group_code"].strip(),
                    group_name=r["group_name"].strip(),
                    keywords=tuple(r["keywords"].split()),
                )
                for r in rows
            ]
        )

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[Occupation]:
        return iter(self._items)

    def get(self, code: str) -> Occupation | None:
        return self._by_code.get(code)

    def name(self, code: str) -> str:
        occ = self._by_code.get(code)
        return occ.name if occ else code

    def find(self, text: str) -> list[Occupation]:
        """Occupations for what a clerk typed, best first.

        The occupation's own name beats an everyday keyword, and a prefix beats a
        match inside: "jz" finds 家政服务员 before 收银员 (keyword 结账).
        """
        needle = text.strip().lower().replace(" ", "")
        if not needle:
            return list(self._items)
        self.prepare()
        scored = []
        for index, occ in enumerate(self._items):
            score = _score(needle, occ.code, self._name_keys[occ.code], self._word_keys[occ.code])
            if score is not None:
                scored.append((score, index, occ))
        return [occ for _s, _i, occ in sorted(scored)]


def _keys(word: str) -> list[str]:
    return [word.lower(), full_pinyin(word), initials(word)]


def _score(needle: str, code: str, name_keys: list[str], word_keys: list[str]) -> int | None:
    if code.startswith(needle):
        return 0
    if any(k.startswith(needle) for k in name_keys):
        return 1
    if any(k.startswith(needle) for k in word_keys):
        return 2
    if any(needle in k for k in name_keys):
        return 3
    if any(needle in k for k in word_keys):
        return 4
    return None
