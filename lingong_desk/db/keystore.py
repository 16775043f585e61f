"""The key of the encrypted desk file, kept by the operating system for this PC.

A clerk types no extra password: a random 128-bit secret is made at the first
start and kept

- on Windows by the Windows Credential Manager through ``keyring`` (protected
  with DPAPI for the signed-in Windows account);
- elsewhere in a key file only its owner may read (0600) in the user's
  config folder, not in the data folder: a copy of the data folder or a
  backup on a USB stick carries no key.

The SQLCipher key is derived from the secret (HKDF-SHA256) and handed to
SQLCipher as a raw 256-bit key, so opening the file costs no password
stretching. The secret is also the supervisor's recovery code, shown once at
set-up to keep on paper: ``ABCD-EFGH-…`` (eight groups of four, the last
four a checksum), enough to open the file and its backups on another PC.
"""

from __future__ import annotations

import base64
import hashlib
import os
import secrets
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

SECRET_BYTES = 16
_CHECK_BYTES = 4
_INFO = b"lingong-desk sqlcipher key 1"
KEYRING_SERVICE = "LingGong Desk"


class BadRecoveryCode(ValueError):
    """A recovery code with a typing mistake (its checksum does not match)."""


@dataclass(frozen=True)
class DeskKey:
    secret: bytes = field(repr=False)

    @classmethod
    def new(cls) -> DeskKey:
        return cls(secrets.token_bytes(SECRET_BYTES))

    @property
    def key(self) -> bytes:
        """The 32-byte SQLCipher key."""
        return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_INFO).derive(self.secret)

    @property
    def recovery_code(self) -> str:
        raw = self.secret + hashlib.sha256(self.secret).digest()[:_CHECK_BYTES]
        text = base64.b32encode(raw).decode("ascii")  # 32 characters, no padding
        return "-".join(text[i : i + 4] for i in range(0, len(text), 4))

    @classmethod
    def from_recovery_code(cls, code: str) -> DeskKey:
        text = "".join(ch for ch in code.upper() if ch.isalnum())
        text = text.replace("0", "O").replace("1", "I").replace("8", "B")  # misread
        try:
            raw = base64.b32decode(text)
        except ValueError:
            raise BadRecoveryCode("not a recovery code") from None
        secret, check = raw[:SECRET_BYTES], raw[SECRET_BYTES:]
        if len(raw) != SECRET_BYTES + _CHECK_BYTES or (
            hashlib.sha256(secret).digest()[:_CHECK_BYTES] != check
        ):
            raise BadRecoveryCode("the recovery code has a typing mistake")
        return cls(secret)


class KeyStore(Protocol):
    def load(self) -> DeskKey | None: ...

    def save(self, key: DeskKey) -> None: ...


@dataclass(frozen=True)
class FileKeyStore:
    """A key file that only its owner may read."""

    path: Path

    def load(self) -> DeskKey | None:
        try:
            text = self.path.read_text("ascii").strip()
        except FileNotFoundError:
            return None
        return DeskKey.from_recovery_code(text)

    def save(self, key: DeskKey) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as f:
            f.write(key.recovery_code + "\n")
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, self.path)


@dataclass(frozen=True)
class KeyringStore:
    """The operating system's credential store (Windows: DPAPI-protected)."""

    name: str

    def load(self) -> DeskKey | None:
        import keyring

        text = keyring.get_password(KEYRING_SERVICE, self.name)
        return None if text is None else DeskKey.from_recovery_code(text)

    def save(self, key: DeskKey) -> None:
        import keyring

        keyring.set_password(KEYRING_SERVICE, self.name, key.recovery_code)


def folder_id(data_folder: Path) -> str:
    """One key per data folder (a demo folder has its own)."""
    return hashlib.sha256(str(data_folder.resolve()).encode("utf-8")).hexdigest()[:16]


def default_store(data_folder: Path, config_folder: Path) -> KeyStore:
    if sys.platform == "win32":
        return KeyringStore(f"desk-{folder_id(data_folder)}")
    return FileKeyStore(config_folder / "keys" / f"desk-{folder_id(data_folder)}.key")


def load_or_create(store: KeyStore) -> tuple[DeskKey, bool]:
    """This desk's key, made (and kept) when there is none yet; True when new."""
    found = store.load()
    if found is not None:
        return found, False
    key = DeskKey.new()
    store.save(key)
    return key, True
