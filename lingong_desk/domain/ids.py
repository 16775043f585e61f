"""Row identifiers made on the desk, unique across markets and devices."""

from __future__ import annotations

import uuid

import uuid6

# Namespace of job-seeker keys: the key of a person is UUIDv5 of the
# normalised ID number in this namespace, so two markets registering the same
# person offline create the same row.
PERSON_NAMESPACE = uuid.UUID("6b1f4c8e-2d55-5b0a-9c41-4c1a9f0e7d21")


def new_id() -> uuid.UUID:
    """A time-ordered UUIDv7 (good index locality in SQLite and PostgreSQL)."""
    return uuid.UUID(bytes=uuid6.uuid7().bytes)


def person_id(id_number: str) -> uuid.UUID:
    return uuid.uuid5(PERSON_NAMESPACE, id_number.strip().upper())


def person_occupation_id(person: uuid.UUID, occupation_code: str) -> uuid.UUID:
    """The key of a job type a person wants: UUIDv5 of the occupation code in the
    person's key, so two markets recording the same wish offline make the same row."""
    return uuid.uuid5(person, occupation_code)
