"""What every window of the desk is given: services, the worker, the change bus."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtWidgets import QComboBox

from lingong_desk.services.accounts import MarketInfo
from lingong_desk.services.registry import Services
from lingong_desk.settings import Settings
from lingong_desk.ui.worker import ChangeBus, DbWorker

UNTOUCHED = "untouched"  # a county combo still at its default


@dataclass
class Desk:
    services: Services
    worker: DbWorker
    bus: ChangeBus
    market: MarketInfo
    districts: list[tuple[str, str]] = field(default_factory=list)
    settings: Settings = field(default_factory=Settings)
    settings_path: Path | None = None  # None: the user's config folder

    def district_combo(self, empty: str) -> QComboBox:
        """The counties and districts of the market's city, the market's own first."""
        combo = QComboBox()
        combo.addItem(empty, "")
        districts = list(self.districts)
        districts.sort(key=lambda d: d[0] != self.market.region_code)
        for code, name in districts:
            combo.addItem(name, code)
        # a new record starts in the market's own county, the first form after
        # start as much as one after Ctrl+N; until the clerk picks one, a county
        # read from an ID number or credit code may replace it
        self.reset_district(combo)
        combo.activated.connect(lambda _i: combo.setProperty(UNTOUCHED, False))
        return combo

    def reset_district(self, combo: QComboBox) -> None:
        """Back to the market's county, as for a new record."""
        combo.setCurrentIndex(max(0, combo.findData(self.market.region_code)))
        combo.setProperty(UNTOUCHED, True)

    @staticmethod
    def show_district(combo: QComboBox, code: str) -> None:
        """A stored record's county: the clerk's (or an earlier) choice, kept."""
        index = combo.findData(code)
        combo.setCurrentIndex(index if index >= 0 else 0)
        combo.setProperty(UNTOUCHED, False)

    @staticmethod
    def suggest_district(combo: QComboBox, region_code: str) -> None:
        """Take the county of ``region_code`` if the clerk has not chosen one yet."""
        index = combo.findData(region_code)
        if index >= 0 and combo.property(UNTOUCHED):
            combo.setCurrentIndex(index)
