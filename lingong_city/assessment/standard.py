"""The assessment standard (a versioned TOML file shipped with the package) and scoring.

Each of the 15 indicators belongs to one of 4 areas, scores 0-100 from its
value (linear between two bounds, or by thresholds) and weighs a number of
points of 100. A computed indicator takes its value from the synced data
(``metrics``); an entered one from an assessor (``AssessmentEntry``). A market's
area score is the sum of its indicators' weighted points, its total the sum of
its areas; an indicator without a value scores 0.
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DEFAULT = "2026.1"


class BadStandard(ValueError):
    """A standard file that does not hold together (weights, areas, scoring)."""


@dataclass(frozen=True)
class Area:
    key: str
    zh: str
    en: str


@dataclass(frozen=True)
class Indicator:
    key: str
    area: str
    zh: str
    en: str
    source: str  # "computed" or "entered"
    weight: float
    scoring: dict[str, Any]
    metric: str = ""

    def score(self, value: float | None) -> float:
        """0 to 100."""
        if value is None:
            return 0.0
        kind = self.scoring["kind"]
        if kind == "linear":
            low, high = float(self.scoring["low"]), float(self.scoring["high"])
            share = (value - low) / (high - low)
            return 100.0 * min(1.0, max(0.0, share))
        points = 0.0
        for at, worth in sorted(self.scoring["steps"]):
            if value >= at:
                points = float(worth)
        return points

    def points(self, value: float | None) -> float:
        return self.score(value) * self.weight / 100.0

    def name(self, language: str) -> str:
        return self.zh if language == "zh_CN" else self.en


@dataclass(frozen=True)
class Standard:
    version: str
    title_zh: str
    title_en: str
    areas: tuple[Area, ...]
    indicators: tuple[Indicator, ...]

    def indicator(self, key: str) -> Indicator:
        for i in self.indicators:
            if i.key == key:
                return i
        raise KeyError(key)

    def of_area(self, area: str) -> list[Indicator]:
        return [i for i in self.indicators if i.area == area]


def parse(data: dict[str, Any]) -> Standard:
    areas = tuple(Area(a["key"], a["zh"], a["en"]) for a in data["area"])
    known = {a.key for a in areas}
    indicators = []
    for raw in data["indicator"]:
        i = Indicator(
            raw["key"], raw["area"], raw["zh"], raw["en"], raw["source"], float(raw["weight"]),
            dict(raw["scoring"]), raw.get("metric", ""),
        )  # fmt: skip
        if i.area not in known:
            raise BadStandard(f"{i.key}: unknown area {i.area!r}")
        if i.source not in ("computed", "entered") or (i.source == "computed") != bool(i.metric):
            raise BadStandard(
                f"{i.key}: a computed indicator names its metric, an entered one none"
            )
        if i.scoring.get("kind") not in ("linear", "thresholds"):
            raise BadStandard(f"{i.key}: scoring is linear or thresholds")
        indicators.append(i)
    total = sum(i.weight for i in indicators)
    if abs(total - 100.0) > 1e-9:
        raise BadStandard(f"the weights add up to {total}, not 100")
    if len({i.key for i in indicators}) != len(indicators):
        raise BadStandard("two indicators share a key")
    return Standard(
        str(data["version"]), data["title_zh"], data["title_en"], areas, tuple(indicators)
    )


@functools.cache
def load(version: str = DEFAULT) -> Standard:
    path = HERE / f"standard-{version}.toml"
    with path.open("rb") as f:
        return parse(tomllib.load(f))
