"""One round of sync, the desk's sync status, enrolment and bundle files.

The engine runs on its own thread (the UI's background syncer) with its own
engine and sessions on the desk's file, never on the window's database
worker: a slow link must not hold up a clerk's work. SQLite in WAL mode lets
readers go on during its short write transactions, and ``BEGIN IMMEDIATE``
plus ``busy_timeout`` make the two writers take turns.
"""

from __future__ import annotations

import datetime as dt
import logging
import queue
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from sqlalchemy.orm import Session

from lingong_desk.db.engine import Database
from lingong_desk.db.models import Market
from lingong_desk.domain.hlc import HybridClock
from lingong_desk.domain.server_address import (
    is_server_address,
    needs_permission,
    normalise_fingerprint,
    normalise_server_address,
)
from lingong_desk.sync import attention, state
from lingong_desk.sync.apply import apply_pull
from lingong_desk.sync.bundles import Imported, import_pull_bundle, push_bundles, write_files
from lingong_desk.sync.errors import SyncError
from lingong_desk.sync.outbox import (
    Recorded,
    oldest_pending_at,
    pending_count,
    reject_locally,
)
from lingong_desk.sync.protocol import MAX_BATCH_BYTES, Entry, PullResponse
from lingong_desk.sync.pusher import Pusher

if TYPE_CHECKING:
    from lingong_desk.sync.client import Enrollment, SyncClient

log = logging.getLogger(__name__)

PULL_LIMIT = 5000  # feed rows a page, the most the city allows (it also ends a page by size)
PULL_AHEAD = 3  # pages on their way or waiting to be written


class DeskClock(Protocol):
    """What the engine needs of the service context: the device's clock (read
    at each use: ``start_device`` replaces it)."""

    @property
    def clock(self) -> HybridClock: ...

    @property
    def market_code(self) -> str: ...


ClientFactory = Callable[[str, str], "SyncClient"]  # (server url, credential)


def http_client(url: str, credential: str, pin: str = "") -> SyncClient:
    """The real client (httpx is loaded on first use, not at the program's start);
    ``pin``: the city's certificate fingerprint, when the desk pinned one."""
    from lingong_desk.sync.client import SyncClient

    return SyncClient(url, credential, pin=pin)


INSECURE = (
    "the city server's address is plain http:// to another computer: personal data would "
    "travel unencrypted. Use its https:// address, or allow http in this desk's settings "
    "(only inside a trusted network)"
)


@dataclass(frozen=True)
class SyncReport:
    started_at: dt.datetime
    finished_at: dt.datetime | None = None
    applied: int = 0  # pushed entries the city applied
    merged: int = 0  # ... merged with newer fields it had
    rejected: int = 0  # ... refused (now on the "needs attention" list)
    pulled: int = 0  # changes received from the city
    stored: int = 0  # of which written to this desk's tables
    entities: frozenset[str] = frozenset()  # tables written by the pull
    error: SyncError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def pushed(self) -> int:
        return self.applied + self.merged + self.rejected


@dataclass(frozen=True)
class SyncStatus:
    enrolled: bool
    pending: int
    oldest_pending_at: dt.datetime | None
    last_sync_at: dt.datetime | None
    rejected: int  # rejected and not dismissed
    notes: int  # conflict notes not dismissed
    parked: int  # pulled changes waiting for their parent row

    @property
    def attention(self) -> int:
        return self.rejected + self.notes

    def oldest_age(self, now: dt.datetime) -> dt.timedelta | None:
        return None if self.oldest_pending_at is None else now - self.oldest_pending_at


@dataclass
class _Tally:
    recorded: Recorded = field(default_factory=Recorded)
    pulled: int = 0
    stored: int = 0
    entities: set[str] = field(default_factory=set)
    accepted: bool = False  # the city took at least one batch in this round
    suspects: list[tuple[Entry, str]] = field(default_factory=list)


class SyncEngine:
    def __init__(
        self,
        db: Database,
        desk: DeskClock,
        client_factory: ClientFactory | None = None,
        pull_limit: int = PULL_LIMIT,
        max_batch_bytes: int = MAX_BATCH_BYTES,
        now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
    ) -> None:
        self.db = db
        self.desk = desk
        self.sessions = state.open_sessions(db.path, db.key)
        self.client_factory: ClientFactory = client_factory or http_client
        self.pull_limit = pull_limit
        self.max_batch_bytes = max_batch_bytes
        self.now = now
        self._round = threading.Lock()  # one round at a time
        self._cancel = threading.Event()

    def close(self) -> None:
        self.cancel()
        self.sessions.close()

    def cancel(self) -> None:
        """Stop for good (the program is closing): a running round stops between
        two requests (the one in flight ends by itself: it answers or times
        out), and no new round starts."""
        self._cancel.set()

    def state(self) -> state.SyncState:
        with self.sessions.reader() as s:
            return state.read_state(s)

    # ---- status -------------------------------------------------------------------
    def pending_changes(self) -> int:
        """Changes made here that the city has not confirmed (the one count of them)."""
        with self.sessions.reader() as s:
            return pending_count(s)

    def status(self) -> SyncStatus:
        with self.sessions.reader() as s:
            st = state.read_state(s)
            rejected, notes, parked = attention.counts(s)
            return SyncStatus(
                enrolled=st.enrolled,
                pending=pending_count(s),
                oldest_pending_at=oldest_pending_at(s),
                last_sync_at=st.last_sync_at,
                rejected=rejected,
                notes=notes,
                parked=parked,
            )

    def attention_items(self) -> list[attention.AttentionItem]:
        with self.sessions.reader() as s:
            return attention.items(s)

    def dismiss(self, chosen: Iterable[tuple[str, int]]) -> int:
        with self.sessions.writer() as s, s.begin():
            return attention.dismiss(s, chosen, self.now())

    # ---- enrolment ----------------------------------------------------------------
    def _client(self, url: str, credential: str, pin: str) -> SyncClient:
        if self.client_factory is http_client:  # tests may put another in its place
            client = http_client(url, credential, pin)
        else:
            client = self.client_factory(url, credential)
        client.market = self.desk.market_code or ""  # what protocol 3 leaves off
        return client

    def enroll(
        self,
        url: str,
        code: str,
        device_name: str,
        fingerprint: str = "",
        allow_http: bool | None = None,
    ) -> Enrollment:
        """Enrol this desk with a one-time code; store what the city gives back.

        ``fingerprint``: the SHA-256 of the city's certificate, printed beside the
        code: from now on this desk trusts that certificate only. ``allow_http``:
        the desk's setting for plain http:// to another computer (None: keep it).
        The desk's key is stored before the request, so the key the city
        records is never lost; the rest after it, in one transaction.
        """
        url = normalise_server_address(url)
        if not is_server_address(url):
            raise SyncError("http", "the city server address is not a web address")
        if not code.strip():
            raise SyncError("refused", "enter the one-time code from the city")
        pin = normalise_fingerprint(fingerprint)
        if pin is None:
            raise SyncError("refused", "the certificate fingerprint is not 64 hexadecimal digits")
        with self.sessions.writer() as s, s.begin():
            if allow_http is not None:
                state.put(s, state.ALLOW_HTTP, "1" if allow_http else "0")
            allowed = state.read_state(s).allow_http
            key = state.private_key(s, create=True)
        assert key is not None
        if needs_permission(url) and not allowed:
            raise SyncError("insecure", INSECURE)
        client = self._client(url, "", pin)
        try:
            enrollment = client.enroll(
                code.strip(),
                device_name.strip(),
                state.public_key_text(key),
                self.desk.market_code or None,
            )
        finally:
            client.close()
        with self.sessions.writer() as s, s.begin():
            self._store_enrollment(s, url, enrollment)
            state.put(s, state.PIN, pin)
        log.info("desk enrolled with %s as device %s", url, enrollment.device_id)
        return enrollment

    def _store_enrollment(self, s: Session, url: str, e: Enrollment) -> None:
        code = str(e.market["code"])
        local = state.get(s, "market_code")
        if local is not None and local != code:
            raise SyncError(
                "market",
                f"the code is for market {code}, but this desk serves market {local}; "
                "nothing was changed on this desk",
            )
        if state.get(s, state.SERVER_URL) not in (None, url):
            # another city server: its change log is not the one the cursor counts
            state.put(s, state.CURSOR, "0")
        state.put(s, state.SERVER_URL, url)
        state.put(s, state.DEVICE_ID, e.device_id)
        state.put(s, state.CREDENTIAL, e.credential)
        state.put(s, state.CITY_PUBLIC_KEY, e.city_public_key)
        if local is None:
            state.put(s, "market_code", code)
        market = s.get(Market, code)
        if market is None:
            market = Market(code=code, name=str(e.market.get("name") or code))
            s.add(market)
        for key in ("name", "region_code", "phone", "address"):
            value = e.market.get(key)
            if isinstance(value, str) and value.strip():
                setattr(market, key, value.strip())
        if e.desk_number is not None and 1 <= e.desk_number <= 9:
            state.put(s, "desk_number", str(e.desk_number))

    def set_server_url(self, url: str) -> bool:
        """The city's server moved (Settings): keep the enrolment, use the new address."""
        url = normalise_server_address(url)
        if not is_server_address(url):
            return False
        with self.sessions.writer() as s, s.begin():
            st = state.read_state(s)
            if not st.enrolled or (needs_permission(url) and not st.allow_http):
                return False
            state.put(s, state.SERVER_URL, url)
        return True

    # ---- one round ------------------------------------------------------------------
    def sync_once(self) -> SyncReport:
        """Push every pending batch, then pull until the city has no more.

        Never raises for a sync failure: the report carries the error, and
        whatever was confirmed before it stays confirmed.
        """
        with self._round:
            report = SyncReport(started_at=self.now())
            tally = _Tally()
            try:
                self._check_cancel()
                st = self.state()
                if not st.enrolled:
                    raise SyncError("not_enrolled", "this desk is not enrolled with a city server")
                if needs_permission(st.server_url) and not st.allow_http:
                    raise SyncError("insecure", INSECURE)
                client = self._client(st.server_url, st.credential, st.pin)
                try:
                    self._report(client)
                    refused = self._push_all(client, st.device_id, st.epoch, tally)
                    epoch = self.state().epoch  # a new one when the city saw our numbers reused
                    self._report(client)  # what is left after the push
                    self._pull_all(client, st.cursor, epoch, tally)  # goes on regardless
                finally:
                    client.close()
                if refused is not None:
                    raise refused
                with self.sessions.writer() as s, s.begin():
                    state.put(s, state.LAST_SYNC_AT, self.now().isoformat())
            except SyncError as exc:
                error: SyncError | None = exc
                if exc.kind not in ("not_enrolled", "cancelled"):
                    log.warning("sync stopped: %s (%s)", exc, exc.kind)
            except Exception as exc:  # a bug must not kill the syncer thread
                log.exception("sync failed")
                error = SyncError("internal", f"{type(exc).__name__}: {exc}")
            else:
                error = None
            r = tally.recorded
            return replace(
                report,
                finished_at=self.now(),
                applied=r.applied,
                merged=r.merged,
                rejected=r.rejected,
                pulled=tally.pulled,
                stored=tally.stored,
                entities=frozenset(tally.entities),
                error=error,
            )

    def _report(self, client: SyncClient) -> None:
        """Tell the city, with the requests that follow, what waits here."""
        report = getattr(client, "report", None)  # a test's stand-in may not have it
        if report is not None:
            status = self.status()
            report(status.pending, status.attention)

    def _check_cancel(self) -> None:
        if self._cancel.is_set():
            raise SyncError("cancelled", "sync was stopped")

    def _push_all(
        self, client: SyncClient, device_id: str, epoch: int, tally: _Tally
    ) -> SyncError | None:
        """Every pending change (``pusher.Pusher``); the error to report when the
        city refused them all."""
        pusher = Pusher(
            self.sessions,
            client,
            device_id,
            self.desk.clock,
            self.now,
            self._check_cancel,
            self.max_batch_bytes,
        )
        try:
            pusher.run(epoch)
        finally:
            tally.recorded += pusher.recorded
            tally.accepted = tally.accepted or pusher.accepted
            tally.suspects += pusher.suspects
        if not tally.suspects:
            return None
        if not tally.accepted:
            # the city refuses everything: a matter of the server, not of these
            # entries; they stay pending and the round reports the refusal
            return SyncError("refused", f"the city refuses every entry: {tally.suspects[0][1]}")
        with self.sessions.writer() as s, s.begin():
            rejected = sum(
                reject_locally(s, [entry], why, self.now()) for entry, why in tally.suspects
            )
        tally.recorded += Recorded(rejected=rejected)
        return None

    def _pull_all(self, client: SyncClient, cursor: int, epoch: int, tally: _Tally) -> None:
        """Every page after ``cursor``, each stored with its cursor in one transaction.

        The next page is asked for as soon as a page's headers say where it starts,
        while that page's body is still on the link: the city prepares one page while
        the other travels, and the desk writes a page while the next one arrives. At
        most ``PULL_AHEAD`` pages are on their way or waiting to be written.
        """
        pages: queue.SimpleQueue[Future[PullResponse]] = queue.SimpleQueue()
        room = threading.Semaphore(PULL_AHEAD)  # at least 2: the page awaited never waits
        stopping = threading.Event()
        with ThreadPoolExecutor(PULL_AHEAD, thread_name_prefix="pull") as ahead:

            def fetch(after: int) -> PullResponse:
                def asked_next(following: int) -> None:
                    if following <= after or stopping.is_set():
                        return
                    room.acquire()
                    if not stopping.is_set():
                        pages.put(ahead.submit(fetch, following))

                return client.pull(after, self.pull_limit, epoch, on_next=asked_next)

            room.acquire()
            pages.put(ahead.submit(fetch, cursor))
            try:
                while True:
                    self._check_cancel()
                    response = pages.get().result()
                    room.release()
                    with self.sessions.writer() as s, s.begin():
                        done = apply_pull(s, response, self.desk.clock, self.now())
                    tally.pulled += len(response.changes)
                    tally.stored += done.applied
                    tally.entities |= done.entities
                    if not response.more:
                        return
                    if response.next <= cursor:
                        raise SyncError("protocol", "the city's pull cursor did not move forward")
                    cursor = response.next
            finally:
                stopping.set()  # pages still coming are not written; none waits for room
                for _ in range(PULL_AHEAD):
                    room.release()

    def probe(self) -> bool:
        """Is the city server reachable (cheap; for the offline timer)?"""
        st = self.state()
        if not st.server_url:
            return False
        client = self._client(st.server_url, "", st.pin)
        try:
            return client.probe()
        finally:
            client.close()

    # ---- bundle files ----------------------------------------------------------------
    def export_push_bundles(self, folder: Path) -> list[Path]:
        """Every pending change into signed files in ``folder``; changes nothing."""
        with self.sessions.reader() as s:
            st = state.read_state(s)
            key = state.private_key(s)
            if not st.enrolled or key is None:
                raise SyncError("not_enrolled", "enrol this desk before exporting a bundle")
            files = list(push_bundles(s, key, st.device_id, self.max_batch_bytes, st.epoch))
        try:
            return write_files(folder, iter(files))
        except OSError as exc:
            raise SyncError("bundle", f"the bundle could not be written: {exc.strerror}") from None

    def import_pull_bundle(self, path: Path) -> Imported:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise SyncError("bundle", f"the file cannot be read: {exc.strerror}") from None
        with self.sessions.writer() as s, s.begin():
            imported = import_pull_bundle(s, data, self.desk.clock, self.now())
        return imported
