"""The idle lock and switching clerk without closing the program.

After a configurable time without keyboard or mouse input (10 minutes by
default) the main window shows the sign-in page in place of the service
windows; the windows stay as they were, with whatever a clerk had typed and
not saved. The same clerk or another one signs in to go on; "Lock / switch
clerk" (Ctrl+L) does the same at once.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lingong_desk.services.accounts import AccountService, ClerkInfo, SignInError
from lingong_desk.ui.i18n import tr_text
from lingong_desk.ui.widgets.form import FieldGrid
from lingong_desk.ui.widgets.status import Banner
from lingong_desk.ui.worker import DbWorker

# what counts as someone at the desk
_INPUT = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.InputMethod,
    }
)


class IdleWatcher(QObject):
    """Emits ``idle`` after ``minutes`` without input anywhere in the program."""

    idle = Signal()

    def __init__(self, minutes: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.idle.emit)
        self.set_minutes(minutes)
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)

    def set_minutes(self, minutes: int) -> None:
        self.timer.setInterval(max(1, minutes) * 60_000)
        if self.timer.isActive():
            self.timer.start()

    def start(self) -> None:
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT and self.timer.isActive():
            self.timer.start()  # from the beginning again
        return False


class LockPage(QWidget):
    """Sign in to go on: the clerk who locked, or another (switching clerk)."""

    unlocked = Signal(object)  # ClerkInfo

    def __init__(
        self,
        accounts: AccountService,
        worker: DbWorker,
        market_name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.accounts = accounts
        self.worker = worker
        title = QLabel(self.tr("The desk is locked"))
        title.setStyleSheet("font-size: 18pt; font-weight: bold;")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint = QLabel(
            self.tr(
                "{market}: sign in to go on. What was typed and not saved is kept. "
                "Another clerk can sign in here too."
            ).format(market=market_name)
        )
        hint.setWordWrap(True)
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.banner = Banner()
        g = FieldGrid(1)
        self.name = g.add("clerk_name", self.tr("Clerk"), QComboBox())
        self.name.setEditable(True)
        self.password = g.add("password", self.tr("Password"), QLineEdit())
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.returnPressed.connect(self.submit)
        self.sign_in = QPushButton(self.tr("Sign in"))
        self.sign_in.setObjectName("unlock")
        self.sign_in.setDefault(True)
        self.sign_in.clicked.connect(self.submit)
        box = QWidget()
        box.setMaximumWidth(420)
        inner = QVBoxLayout(box)
        inner.addWidget(title)
        inner.addWidget(hint)
        inner.addWidget(self.banner)
        inner.addWidget(g)
        inner.addWidget(self.sign_in)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(box, 2)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)

    def prepare(self, clerk_name: str) -> None:
        self.banner.clear()
        self.password.clear()
        self.sign_in.setEnabled(True)

        def fill(names: list[str]) -> None:
            self.name.clear()
            self.name.addItems(names)
            self.name.setCurrentText(clerk_name)
            self.password.setFocus()

        self.worker.submit(self.accounts.clerk_names, fill)

    def submit(self) -> None:
        name, password = self.name.currentText(), self.password.text()
        self.sign_in.setEnabled(False)

        def failed(exc: BaseException) -> None:
            self.sign_in.setEnabled(True)
            self.banner.error(tr_text(str(exc)) if isinstance(exc, SignInError) else str(exc))
            self.password.selectAll()
            self.password.setFocus()

        def done(clerk: ClerkInfo) -> None:
            self.password.clear()
            self.unlocked.emit(clerk)

        self.worker.submit(lambda: self.accounts.sign_in(name, password), done, failed)
