"""What a city server address is: an http(s) web address, kept without a trailing slash."""

from __future__ import annotations

import re

_ADDRESS = re.compile(r"https?://[\w.\-]+(:\d{1,5})?(/\S*)?")


def normalise_server_address(text: str) -> str:
    """The address as stored and used: no surrounding blanks, no trailing slash."""
    return text.strip().rstrip("/")


def is_server_address(text: str) -> bool:
    """``http://`` or ``https://``, a host name, an optional port and an optional path."""
    return _ADDRESS.fullmatch(normalise_server_address(text)) is not None
