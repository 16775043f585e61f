"""First-start setup and signing in."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from lingong_desk.domain.identifiers import region_name
from lingong_desk.domain.registration import DraftRejected
from lingong_desk.services.accounts import AccountService, ClerkInfo, MarketInfo, SignInError
from lingong_desk.ui.i18n import tr_text
from lingong_desk.ui.widgets.form import FieldGrid
from lingong_desk.ui.widgets.status import Banner


class SetupDialog(QDialog):
    """First start: which market this desk serves, and the first clerk (a supervisor)."""

    def __init__(self, accounts: AccountService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.accounts = accounts
        self.clerk: ClerkInfo | None = None
        self.setWindowTitle(self.tr("Set up LingGong Desk"))
        intro = QLabel(
            self.tr(
                "This desk has no market yet. Enter the market it serves and "
                "create the first clerk account (a supervisor)."
            )
        )
        intro.setWordWrap(True)
        self.banner = Banner()
        g = self.grid = FieldGrid(1)
        self.market_code = g.add("market_code", self.tr("Market code"), QLineEdit())
        self.market_code.setPlaceholderText(self.tr("2 to 6 capital letters, e.g. ZY"))
        self.market_name = g.add("market_name", self.tr("Market name"), QLineEdit())
        self.market_name.setPlaceholderText(self.tr("e.g. 左云县零工市场"))
        self.region_code = g.add("region_code", self.tr("Region code"), QLineEdit())
        self.region_code.setPlaceholderText(self.tr("6 digits, e.g. 140226"))
        self.region_label = QLabel()
        g.add_widget(self.region_label)
        self.phone = g.add("phone", self.tr("Market phone"), QLineEdit())
        self.address = g.add("address", self.tr("Market address"), QLineEdit())
        self.clerk_name = g.add("clerk_name", self.tr("Your name"), QLineEdit())
        self.password = g.add("password", self.tr("Password"), QLineEdit())
        self.repeat = g.add("repeat", self.tr("Password again"), QLineEdit())
        for edit in (self.password, self.repeat):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.region_code.textChanged.connect(
            lambda text: self.region_label.setText(region_name(text.strip()) or "")
        )
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.banner)
        layout.addWidget(g)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    def submit(self) -> None:
        market = MarketInfo(
            code=self.market_code.text().strip().upper(),
            name=self.market_name.text().strip(),
            region_code=self.region_code.text().strip(),
            phone=self.phone.text().strip(),
            address=self.address.text().strip(),
        )
        try:
            self.clerk = self.accounts.set_up(
                market, self.clerk_name.text(), self.password.text(), self.repeat.text()
            )
        except DraftRejected as exc:
            first = self.grid.show_errors(exc.problems)
            self.banner.error(self.tr("Please correct the fields marked in red."))
            if first is not None:
                first.setFocus()
            return
        self.accept()


class SignInDialog(QDialog):
    def __init__(
        self, accounts: AccountService, market_name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.accounts = accounts
        self.clerk: ClerkInfo | None = None
        self.setWindowTitle(self.tr("Sign in — {market}").format(market=market_name))
        self.banner = Banner()
        g = self.grid = FieldGrid(1)
        self.name = g.add("clerk_name", self.tr("Clerk"), QComboBox())
        self.name.setEditable(True)
        self.name.addItems(accounts.clerk_names())
        self.password = g.add("password", self.tr("Password"), QLineEdit())
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(g)
        layout.addWidget(buttons)
        self.setMinimumWidth(380)
        self.password.setFocus()

    def submit(self) -> None:
        try:
            self.clerk = self.accounts.sign_in(self.name.currentText(), self.password.text())
        except SignInError as exc:
            self.banner.error(tr_text(str(exc)))
            self.password.selectAll()
            self.password.setFocus()
            return
        self.accept()
