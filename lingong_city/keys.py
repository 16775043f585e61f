"""Secrets: device credentials, enrollment codes and Ed25519 keys.

Credentials and enrollment codes are random; the server keeps only their
SHA-256, so a copy of the database does not let anyone sync as a desk. The
city's signing key (for pull bundles) is never plain text in the database:
either it lives in a key file given by configuration (PKCS#8 PEM, created
with mode 0600 when missing, refused when others may read it), or the
database holds it encrypted (PKCS#8, scrypt and AES) with a passphrase from
the environment (``LINGONG_CITY_KEY_PASSPHRASE``). A key stored plain by an
older version is encrypted the first time it is used with a passphrase.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import os
import secrets
import ssl
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlalchemy.orm import Session

from lingong_city.models import CityKey

# enrollment codes: 15 characters of an alphabet without 0/O, 1/I/L, shown in
# groups of five (about 73 bits)
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 15


def new_credential() -> str:
    """A device's bearer credential: 32 random bytes, URL-safe base64."""
    return secrets.token_urlsafe(32)


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def new_enrollment_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i : i + 5] for i in range(0, CODE_LENGTH, 5))


def normalise_code(code: str) -> str:
    """What a clerk typed, as stored: upper case, without blanks and dashes."""
    return "".join(c for c in code.upper() if c.isalnum())


def code_hash(code: str) -> str:
    return sha256_hex(normalise_code(code))


SELECTOR_LENGTH = 5


def code_selector(code: str) -> str:
    """A code's first group, kept in clear: a wrong rest of a known code is counted
    against that code (and locks it), while the rest is never stored."""
    return normalise_code(code)[:SELECTOR_LENGTH]


def public_key_from_text(text: str) -> Ed25519PublicKey:
    """A desk's public key: the raw 32-byte Ed25519 key, standard base64."""
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise ValueError("the public key is not base64") from None
    if len(raw) != 32:
        raise ValueError("the public key must be a raw 32-byte Ed25519 key")
    return Ed25519PublicKey.from_public_bytes(raw)


def public_key_text(key: Ed25519PublicKey) -> str:
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return base64.b64encode(raw).decode("ascii")


def verify(public_key: str, signature: bytes, body: bytes) -> bool:
    try:
        public_key_from_text(public_key).verify(signature, body)
    except (InvalidSignature, ValueError):
        return False
    return True


ENV_PASSPHRASE = "LINGONG_CITY_KEY_PASSPHRASE"


class KeyUnavailable(ValueError):
    """The city's signing key cannot be had safely (no passphrase, a readable file)."""


def passphrase() -> bytes | None:
    value = os.environ.get(ENV_PASSPHRASE, "")
    return value.encode("utf-8") if value else None


def load_key_file(path: Path) -> Ed25519PrivateKey:
    """The city key from a PEM file, made (mode 0600) when the file does not exist."""
    if path.exists() and os.name == "posix" and path.stat().st_mode & 0o077:
        raise KeyUnavailable(
            f"{path} may be read by other users: make it readable by the server only "
            f"(chmod 600 {path})"
        )
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        key = Ed25519PrivateKey.generate()
        pem = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(pem)
        return key
    loaded = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(loaded, Ed25519PrivateKey):
        raise ValueError(f"{path} does not hold an Ed25519 private key")
    return loaded


def city_key(session: Session, key_file: Path | None, now: dt.datetime) -> Ed25519PrivateKey:
    """The city's signing key: from ``key_file`` if given, else from the database,
    encrypted with the passphrase from the environment.

    The database key is made on first use; call this inside a write transaction.
    """
    if key_file is not None:
        return load_key_file(key_file)
    secret = passphrase()
    if secret is None:
        raise KeyUnavailable(
            f"the city's signing key needs a key file (--key-file, ${'LINGONG_CITY_KEY_FILE'}) "
            f"or a passphrase to keep it encrypted in the database (${ENV_PASSPHRASE})"
        )
    row = session.get(CityKey, 1)
    if row is None:
        key = Ed25519PrivateKey.generate()
        session.add(CityKey(id=1, private_key=_encrypted(key, secret), created_at=now))
        session.flush()
        return key
    stored = bytes(row.private_key)
    if not stored.startswith(b"-----BEGIN"):  # plain raw bytes of an older version
        key = Ed25519PrivateKey.from_private_bytes(stored)
        row.private_key = _encrypted(key, secret)
        session.flush()
        return key
    try:
        loaded = serialization.load_pem_private_key(stored, password=secret)
    except (ValueError, TypeError):
        raise KeyUnavailable(
            f"the city's signing key cannot be opened with this passphrase (${ENV_PASSPHRASE})"
        ) from None
    if not isinstance(loaded, Ed25519PrivateKey):
        raise KeyUnavailable("the stored city key is not an Ed25519 key")
    return loaded


def _encrypted(key: Ed25519PrivateKey, secret: bytes) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(secret),
    )


def fingerprint(certificate: Path) -> str:
    """SHA-256 of the certificate (DER), as a desk pins it: 64 hex digits in pairs."""
    der = ssl.PEM_cert_to_DER_cert(certificate.read_text(encoding="ascii"))
    digest = hashlib.sha256(der).hexdigest().upper()
    return ":".join(digest[i : i + 2] for i in range(0, len(digest), 2))
