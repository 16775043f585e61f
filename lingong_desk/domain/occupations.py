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
        self._keys = {
            o.code: " ".join(
                [o.name, *o.keywords]
                + [full_pinyin(w) for w in (o.name, *o.keywords)]
                + [initials(w) for w in (o.name, *o.keywords)]
            ).lower()
            for o in self._items
        }

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
        """Occupations whose name, keyword, pinyin or initials contain the text."""
        needle = text.strip().lower()
        if not needle:
            return list(self._items)
        return [o for o in self._items if needle in self._keys[o.code] or needle == o.code]
