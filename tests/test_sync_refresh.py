"""What a pull brings refreshes the windows that show it, without a click.

Two desks of one market: the second receives and lends a personnel file,
records a guidance session with a follow-up date and writes a knowledge
article; the first desk's window, with windows 2, 4 and 5 open, syncs and
shows all three on its own. The tables come from the writes of the pull
itself, not from a list kept by hand.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pytestqt.qtbot import QtBot

from lingong_desk.domain.enums import GuidanceKind
from lingong_desk.services.changes import collect_changes
from lingong_desk.services.guidance import GuidanceDraft
from lingong_desk.services.information import ArticleDraft
from lingong_desk.services.registry import Services
from lingong_desk.ui.guidance.window import GuidanceWindow
from lingong_desk.ui.information.window import InformationWindow
from lingong_desk.ui.personnel.window import PersonnelWindow
from tests.test_sync_city import city, second  # noqa: F401  (fixtures)
from tests.test_sync_support import City, register
from tests.test_sync_ui import open_window, wait_for

ARTICLE = "新就业形态职业伤害保障怎么参加"


def test_a_pull_reports_the_tables_it_wrote(
    services: Services,
    second: Services,  # noqa: F811
    city: City,  # noqa: F811
) -> None:
    person = register(second, "14022619800301123", "张三")
    second.guidance.record(GuidanceDraft(person, GuidanceKind.CAREER, notes="想做家政"))
    services.sync.enroll(city.url, city.code(), "desk one")
    second.sync.enroll(city.url, city.code(), "desk two")
    assert second.sync.sync_once().ok
    with collect_changes() as tables:
        assert services.sync.sync_once().ok
    assert {"person", "person_occupation", "guidance_session"} <= tables
    with collect_changes() as tables:  # nothing new: nothing reported but sync's own state
        assert services.sync.sync_once().ok
    assert not tables & {"person", "guidance_session"}


def test_a_pull_refreshes_windows_2_4_and_5_without_a_click(
    qtbot: QtBot,
    services: Services,
    second: Services,  # noqa: F811
    city: City,  # noqa: F811
    tmp_path: Path,
) -> None:
    person = register(second, "14022619800301123", "张三")
    services.sync.enroll(city.url, city.code(), "desk one")
    second.sync.enroll(city.url, city.code(), "desk two")
    assert second.sync.sync_once().ok
    w = open_window(qtbot, services, tmp_path, city.url)
    wait_for(qtbot, w, lambda: w.sync.syncer.last_report is not None)
    personnel = w.personnel.materialize()
    guidance = w.guidance.materialize()
    information = w.information.materialize()
    assert isinstance(personnel, PersonnelWindow)
    assert isinstance(guidance, GuidanceWindow)
    assert isinstance(information, InformationWindow)
    wait_for(qtbot, w, lambda: information.knowledge.results.count() > 0)  # seeded answers
    titles = lambda: [  # noqa: E731
        information.knowledge.results.item(i).text()
        for i in range(information.knowledge.results.count())
    ]
    assert personnel.all_files.rowCount() == 0
    assert guidance.follow_up_model.rowCount() == 0
    assert ARTICLE not in titles()

    # meanwhile at the other window of the market
    received = second.personnel.receive(person, "左云县第一中学", ["学籍表"], "A-01-03")
    second.personnel.lend(received.id, "县人社局", second.ctx.today() + dt.timedelta(days=7))
    second.guidance.record(
        GuidanceDraft(
            person, GuidanceKind.CAREER, notes="想做家政", follow_up_on=second.ctx.today()
        )
    )
    second.information.save_article(ArticleDraft(ARTICLE, "按当地规定参加。", "职业伤害"))
    assert second.sync.sync_once().ok

    before = w.sync.syncer.last_report
    assert w.sync.syncer.sync_now()  # what the two-minute timer does
    wait_for(qtbot, w, lambda: w.sync.syncer.last_report is not before)
    assert w.sync.syncer.last_report is not None and w.sync.syncer.last_report.ok
    wait_for(qtbot, w, lambda: personnel.all_files.rowCount() == 1)
    wait_for(qtbot, w, lambda: guidance.follow_up_model.rowCount() == 1)
    wait_for(qtbot, w, lambda: ARTICLE in titles())
