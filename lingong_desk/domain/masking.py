"""Masking of personal data where the full value is not needed (PIPL)."""

from __future__ import annotations


def mask_id_number(number: str | None) -> str:
    """140221199001011234 -> 140221********1234."""
    if not number:
        return ""
    if len(number) <= 10:
        return number[:2] + "*" * max(len(number) - 2, 0)
    return number[:6] + "*" * (len(number) - 10) + number[-4:]


def mask_phone(number: str | None) -> str:
    """13812345678 -> 138****5678."""
    if not number:
        return ""
    if len(number) < 7:
        return "*" * len(number)
    return number[:3] + "*" * (len(number) - 7) + number[-4:]


def mask_name(name: str | None) -> str:
    """张三 -> 张*, 欧阳娜娜 -> 欧***."""
    if not name:
        return ""
    return name[0] + "*" * (len(name) - 1) if len(name) > 1 else name


def mask_credit_code(code: str | None) -> str:
    """A company's credit code is public; a private employer's ID is not."""
    return code or ""
