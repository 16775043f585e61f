"""The one error of sync (kept apart from the HTTP client, which loads httpx)."""

from __future__ import annotations


class SyncError(Exception):
    """Sync did not happen (or not all of it). ``kind`` says why, for the UI:

    offline, timeout, auth (credential refused: enroll again), refused (the
    request was refused for what it held), http (another answer), server
    (5xx), protocol (an answer that cannot be read), not_enrolled, market
    (the enrolment code is of another market), code (the enrolment code is
    unknown, used or expired), outdated (the city speaks a newer protocol:
    update the program), bundle, signature, cancelled
    (the program is closing), internal.
    """

    def __init__(
        self, kind: str, message: str, status: int | None = None, detail: str = ""
    ) -> None:
        super().__init__(message)
        self.kind = kind
        self.status = status
        self.detail = detail or message  # the server's own words, when it gave some

    @property
    def link_down(self) -> bool:
        """The city could not be reached (as opposed to: it answered no)."""
        return self.kind in ("offline", "timeout")
