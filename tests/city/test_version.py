"""Protocol versions: a desk of another version is told to update, before anything is read."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy import func, select

from lingong_city.db import Database
from lingong_city.models import Received
from lingong_desk.sync.client import SyncClient
from lingong_desk.sync.errors import SyncError
from lingong_desk.sync.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION
from tests.city.helpers import enroll, outbox, push_body
from tests.factories import Services


def test_an_old_desk_gets_a_clear_update_message_and_nothing_changes(
    client: httpx.Client, city: Database, services: Services
) -> None:
    device = enroll(client, city, "ZY", services)
    old = dict(device.auth)  # a desk of version 1 sends no protocol header
    body = push_body(device.id, outbox(services), protocol=1)
    for method, path, content in (
        ("POST", "/v1/push", body),
        ("GET", "/v1/pull", None),
        ("POST", "/v1/enroll", b"{}"),
    ):
        with httpx.Client(base_url=str(client.base_url)) as bare:
            headers = {**old, "Content-Encoding": "gzip"} if content is body else old
            r = bare.request(method, path, content=content, headers=headers)
        assert r.status_code == 426, (path, r.text)
        assert "update LingGong Desk" in r.json()["detail"]
    with city.reading() as s:
        assert s.scalar(select(func.count()).select_from(Received)) == 0


def test_the_desk_reports_an_outdated_program_in_words_the_clerk_can_act_on() -> None:
    def city(request: httpx.Request) -> httpx.Response:
        assert request.headers[PROTOCOL_HEADER] == str(PROTOCOL_VERSION)
        return httpx.Response(426, json={"detail": "the city server speaks sync protocol 3"})

    with (
        SyncClient("http://city.invalid", "secret", transport=httpx.MockTransport(city)) as c,
        pytest.raises(SyncError) as refused,
    ):
        c.pull(0, 10)
    assert refused.value.kind == "outdated" and not refused.value.link_down
    assert "protocol 3" in refused.value.detail
