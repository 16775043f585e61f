"""What every window of the desk is given: services, the worker, the change bus."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtWidgets import QComboBox

from lingong_desk.services.accounts import MarketInfo
from lingong_desk.services.registry import Services
from lingong_desk.settings import Settings
from lingong_desk.ui.worker import ChangeBus, DbWorker


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
        return combo
