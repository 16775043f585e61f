"""Indicator labels in Chinese, from the desk's own catalogue (context ``stats``),
so that the console and the city's report name a figure as the desk's report
does; job type names from the occupation catalogue the desk ships."""

from __future__ import annotations

import csv
import functools
import xml.etree.ElementTree as ET
from pathlib import Path

from lingong_desk.domain.indicators import INDICATOR

RESOURCES = Path(__file__).resolve().parents[2] / "resources"
CATALOGUE = RESOURCES / "translations" / "lingong_zh_CN.ts"
OCCUPATIONS = RESOURCES / "reference" / "occupations.csv"


@functools.cache
def chinese(context: str = "stats") -> dict[str, str]:
    """English source text -> Chinese, for one context of the desk's catalogue."""
    out: dict[str, str] = {}
    for ctx in ET.parse(CATALOGUE).getroot().iter("context"):
        if ctx.findtext("name") != context:
            continue
        for message in ctx.iter("message"):
            source, translation = message.findtext("source"), message.findtext("translation")
            if source and translation:
                out[source] = translation
    return out


def label(key: str, language: str = "zh_CN") -> str:
    english = INDICATOR[key].label
    return chinese().get(english, english) if language == "zh_CN" else english


def definition(key: str, language: str = "zh_CN") -> str:
    english = INDICATOR[key].definition
    return chinese().get(english, english) if language == "zh_CN" else english


@functools.cache
def occupation_names() -> dict[str, str]:
    with OCCUPATIONS.open(encoding="utf-8", newline="") as f:
        return {row["code"]: row["name"] for row in csv.DictReader(f)}


def job_type(code: str) -> str:
    return occupation_names().get(code, code) if code else ""
