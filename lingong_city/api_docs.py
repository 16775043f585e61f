"""What the OpenAPI document says of the API: models of the bodies, their limits,
the bearer scheme, the protocol header, links. The bodies are read by ``wire`` and
``schema`` (gzip and the per-entity checks), so the push body's model is for the
document only; the answers are built by ``protocol`` and match these models."""

from __future__ import annotations

import uuid
from typing import Any, Literal

from pydantic import BaseModel, Field

from lingong_desk.sync.protocol import (
    ENTITIES,
    MAX_ENTRIES,
    MAX_EPOCH,
    OPS,
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    SPOKEN_BY_CITY,
)

MAX_SEQ = 2**63 - 1
STAMP_PATTERN = r"^[0-9]{13}-[0-9a-f]{4,8}-[A-Za-z0-9_.:-]{1,40}$"


class Detail(BaseModel):
    detail: str = Field(description="why the request was refused, in words")


class EnrollRequest(BaseModel):
    code: str = Field(max_length=64, description="the one-time code, e.g. ABCDE-FGHJK-MNPQR")
    device_name: str = Field(default="", max_length=100, description="the PC's name, for people")
    public_key: str = Field(
        max_length=64, description="the desk's Ed25519 public key: raw 32 bytes, base64"
    )
    market_code: str | None = Field(
        default=None,
        max_length=16,
        description="the market the desk serves; a code of another market is refused unused",
    )


class MarketModel(BaseModel):
    code: str = Field(max_length=16)
    name: str = Field(max_length=100)
    region_code: str = Field(max_length=6)
    phone: str = Field(max_length=20)
    address: str = Field(max_length=200)


class EnrollResponse(BaseModel):
    device_id: uuid.UUID
    credential: str = Field(description="bearer credential; shown once, never stored")
    market: MarketModel
    desk_number: int = Field(ge=1, le=9)
    city_public_key: str = Field(description="Ed25519, raw 32 bytes, base64: signs pull bundles")


class EntryModel(BaseModel):
    seq: int = Field(ge=1, le=MAX_SEQ, description="the desk's change number (its outbox row)")
    entity: Literal[tuple(sorted(ENTITIES))]  # type: ignore[valid-type]
    row_id: uuid.UUID | None = Field(
        default=None,
        description="the row's key; a new person or wanted job type may leave it out "
        "(protocol 3: made from the ID number, or from person and occupation)",
    )
    op: Literal[tuple(sorted(OPS))]  # type: ignore[valid-type]
    hlc: str = Field(max_length=64, pattern=STAMP_PATTERN, description="hybrid logical clock")
    changed: list[str] = Field(
        default_factory=list, max_length=100, description="fields an update changes"
    )
    payload: dict[str, Any] = Field(
        description="the row's fields (a new row whole, an update its changed fields): "
        "each checked against the desk's column (`lingong_city/schema.py`)"
    )


class PushBody(BaseModel):
    protocol: Literal[PROTOCOL_VERSION]  # type: ignore[valid-type]
    device_id: uuid.UUID = Field(description="the credential's device")
    epoch: int = Field(default=0, ge=0, le=MAX_EPOCH, description="the desk's numbering epoch")
    entries: list[EntryModel] = Field(max_length=MAX_ENTRIES)


class ResultModel(BaseModel):
    seq: int
    status: Literal["applied", "merged", "rejected"]
    reason: str
    conflict: bool
    code: str | None = Field(default=None, description="seq_reused, missing_parent, ...")


class PushAnswer(BaseModel):
    results: list[ResultModel]
    server_hlc: str


class ChangeModel(BaseModel):
    cursor: int
    entity: str
    row_id: uuid.UUID
    hlc: str
    row: dict[str, Any]
    deleted: bool


class SettledModel(BaseModel):
    id: int
    entity: str
    row_id: str
    field: str
    resolution: Literal["value", "wrong_id"]
    yours: bool = Field(description="the item came from this desk's change")


class PullAnswer(BaseModel):
    changes: list[ChangeModel]
    next: int = Field(description="the cursor to ask after next time")
    more: bool
    server_hlc: str
    markets: list[MarketModel]
    settled: list[SettledModel] = Field(
        description="conflict items of the desk's market the city settled lately"
    )


class HealthAnswer(BaseModel):
    status: Literal["ok"]
    version: str
    protocol: int
    database: str
    server_hlc: str


def inline(schema: dict[str, Any]) -> dict[str, Any]:
    """A pydantic schema with its ``$defs`` written in place (for a request body)."""
    defs = schema.pop("$defs", {})

    def walk(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/$defs/"):
                return walk(dict(defs[ref.removeprefix("#/$defs/")]))
            return {k: walk(v) for k, v in node.items()}
        if isinstance(node, list):
            return [walk(v) for v in node]
        return node

    out: dict[str, Any] = walk(schema)
    return out


def errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    out: dict[int | str, dict[str, Any]] = {code: {"model": Detail} for code in codes}
    if 429 in out:
        out[429]["headers"] = {
            "Retry-After": {"schema": {"type": "integer"}, "description": "seconds to wait"}
        }
    if 401 in out:
        out[401]["headers"] = {
            "WWW-Authenticate": {"schema": {"type": "string"}, "description": "Bearer"}
        }
    return out


PROTOCOL_PARAMETER = {
    "name": PROTOCOL_HEADER,
    "in": "header",
    "required": True,
    "schema": {"type": "string", "enum": [str(v) for v in sorted(SPOKEN_BY_CITY)]},
    "description": f"the sync protocol the desk speaks (now {PROTOCOL_VERSION}; the city "
    "also serves the one before); another one is answered 426",
}
ENCODING_PARAMETER = {
    "name": "Content-Encoding",
    "in": "header",
    "required": False,
    "schema": {"type": "string", "enum": ["zstd", "gzip", "identity"]},
    "description": "zstd (what protocol 3 desks send), gzip or none; any other coding is "
    "refused (415)",
}


def body(model: type[BaseModel]) -> dict[str, Any]:
    """openapi_extra of an operation whose JSON body (gzip or not) is ``model``."""
    return {
        "requestBody": {
            "content": {"application/json": {"schema": inline(model.model_json_schema())}},
            "required": True,
        },
        "parameters": [PROTOCOL_PARAMETER, ENCODING_PARAMETER],
    }


PULL_LINKS = {
    "links": {
        "NextPage": {
            "operationId": "pull",
            "parameters": {"after": "$response.body#/next"},
            "description": "the next page (while `more`), or later changes",
        }
    }
}
ENROLL_LINKS = {
    "links": {
        "Pull": {
            "operationId": "pull",
            "description": "with `Authorization: Bearer <credential>` of this answer",
        },
        "Push": {
            "operationId": "push",
            "description": "with `Authorization: Bearer <credential>`; device_id of this answer",
        },
    }
}
