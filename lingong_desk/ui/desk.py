"""What every window of the desk is given: services, the worker, the change bus."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QComboBox

from lingong_desk.app import Services
from lingong_desk.domain.identifiers import districts_under
from lingong_desk.services.accounts import MarketInfo
from lingong_desk.ui.worker import ChangeBus, DbWorker


@dataclass
class Desk:
    services: Services
    worker: DbWorker
    bus: ChangeBus
    market: MarketInfo

    @property
    def prefecture_code(self) -> str:
        code = self.market.region_code
        return code[:4] + "00" if len(code) == 6 else ""

    def district_combo(self, empty: str) -> QComboBox:
        """The counties and districts of the market's city, the market's own first."""
        combo = QComboBox()
        combo.addItem(empty, "")
        districts = list(districts_under(self.prefecture_code))
        districts.sort(key=lambda d: d[0] != self.market.region_code)
        for code, name in districts:
            combo.addItem(name, code)
        return combo
