"""What a city server address is: an http(s) web address, kept without a trailing slash.

Sync carries personal data: over any network but this computer's own
(loopback) it must be ``https://``; plain ``http://`` elsewhere needs a
clearly labelled setting (``needs_permission``). A self-signed certificate of
the bureau is pinned by its SHA-256 fingerprint (``normalise_fingerprint``).
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit

_ADDRESS = re.compile(r"https?://[\w.\-]+(:\d{1,5})?(/\S*)?")


def normalise_server_address(text: str) -> str:
    """The address as stored and used: no surrounding blanks, no trailing slash."""
    return text.strip().rstrip("/")


def is_server_address(text: str) -> bool:
    """``http://`` or ``https://``, a host name, an optional port and an optional path."""
    return _ADDRESS.fullmatch(normalise_server_address(text)) is not None


def is_loopback(text: str) -> bool:
    """Does the address name this computer (localhost, 127.0.0.0/8, ::1)?"""
    host = (urlsplit(normalise_server_address(text)).hostname or "").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def needs_permission(text: str) -> bool:
    """Plain ``http://`` to another computer: refused unless a setting allows it."""
    return normalise_server_address(text).lower().startswith("http://") and not is_loopback(text)


def normalise_fingerprint(text: str) -> str | None:
    """A SHA-256 certificate fingerprint as 64 upper-case hex digits (colons, blanks
    and case as printed are accepted), "" for none, or None when it is not one."""
    digits = re.sub(r"[\s:]", "", text).upper()
    if not digits:
        return ""
    return digits if re.fullmatch(r"[0-9A-F]{64}", digits) else None
