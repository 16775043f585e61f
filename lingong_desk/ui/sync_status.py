"""Sync in the status bar: the oldest unsent change, the last sync, what needs attention."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from lingong_desk.domain.calendar import clock_text, market_day, time_text
from lingong_desk.sync.engine import SyncStatus
from lingong_desk.sync.errors import SyncError


class SyncStatusWidget(QWidget):
    attention_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sync_status")
        self.status: SyncStatus | None = None
        self.running = False
        self.online = True
        self.error = ""
        self.label = QLabel()
        self.label.setObjectName("sync_state")
        self.attention = QPushButton()
        self.attention.setObjectName("sync_attention")
        self.attention.setFlat(True)
        self.attention.setStyleSheet("color: #8c1d18; font-weight: bold;")
        self.attention.clicked.connect(self.attention_clicked)
        self.attention.hide()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label)
        row.addWidget(self.attention)

    def show_status(self, status: SyncStatus) -> None:
        self.status = status
        self.update_text()

    def set_running(self, running: bool) -> None:
        self.running = running
        self.update_text()

    def set_online(self, online: bool) -> None:
        self.online = online
        self.update_text()

    def set_error(self, text: str) -> None:
        self.error = text
        self.setToolTip(text)
        self.update_text()

    def age_text(self, age: dt.timedelta) -> str:
        minutes = int(age.total_seconds() // 60)
        if minutes < 60:
            return self.tr("%n min", "", max(minutes, 1))
        if minutes < 48 * 60:
            return self.tr("%n h", "", minutes // 60)
        return self.tr("%n day(s)", "", minutes // (24 * 60))

    def moment_text(self, moment: dt.datetime, now: dt.datetime) -> str:
        if market_day(moment) == market_day(now):
            return clock_text(moment)
        return time_text(moment)

    def update_text(self, now: dt.datetime | None = None) -> None:
        now = now or dt.datetime.now(dt.UTC)
        s = self.status
        parts = []
        if s is not None and not s.enrolled:
            parts.append(self.tr("Not enrolled with the city"))
        elif self.running:
            parts.append(self.tr("Syncing…"))
        elif not self.online:
            parts.append(self.tr("City server not reachable"))
        elif self.error:
            parts.append(self.tr("Last sync failed"))
        if s is not None and s.oldest_pending_at is not None:
            parts.append(
                self.tr("oldest unsent: {age}").format(age=self.age_text(now - s.oldest_pending_at))
            )
        if s is not None and s.enrolled:
            if s.last_sync_at is None:
                parts.append(self.tr("never synced"))
            else:
                parts.append(
                    self.tr("last sync: {time}").format(time=self.moment_text(s.last_sync_at, now))
                )
        self.label.setText(" · ".join(parts))
        count = s.attention if s is not None else 0
        self.attention.setText(self.tr("Needs attention: %n", "", count))
        self.attention.setVisible(count > 0)


class SyncTexts(QObject):
    """What a sync error means, in the clerk's language (the detail, if any, is
    the city server's own words and stays as it came)."""

    def error(self, exc: BaseException) -> str:
        if not isinstance(exc, SyncError):
            return self.tr("Something went wrong: {error}").format(error=exc)
        texts = {
            "offline": self.tr(
                "The city server cannot be reached. Check the network and the address."
            ),
            "timeout": self.tr("The city server did not answer in time. Sync will try again."),
            "auth": self.tr("The city server no longer accepts this desk. Enroll it again."),
            "code": self.tr(
                "The enrollment code is unknown, used or expired. Ask the city for a new one."
            ),
            "market": self.tr("This enrollment code is for another market. Nothing was changed."),
            "not_enrolled": self.tr("This desk is not enrolled yet: System → Enroll this desk…"),
            "signature": self.tr(
                "The bundle's signature does not match: the file was changed or does not come from the city. Nothing was imported."
            ),
            "bundle": self.tr("This file cannot be used as a sync bundle."),
            "cancelled": self.tr("Sync was stopped."),
            "certificate": self.tr(
                "The city server's certificate is not the one this desk trusts (its fingerprint differs). Nothing was sent. Check the fingerprint with the city bureau."
            ),
            "insecure": self.tr(
                "The city server's address is unencrypted http:// to another computer. Use its https:// address, or allow http when enrolling (only inside a trusted network)."
            ),
            "outdated": self.tr(
                "The city server needs a newer LingGong Desk: install the current version. Your changes are kept and will be sent then."
            ),
        }
        text = texts.get(exc.kind, self.tr("The city server refused the request."))
        quiet = (
            "offline",
            "timeout",
            "not_enrolled",
            "cancelled",
            "code",
            "signature",
            "outdated",
            "certificate",
            "insecure",
        )
        if exc.kind in quiet:
            return text
        return f"{text} ({exc.detail})"
