"""The shipped JSON Schema names the same closed sets as the code: a kind, severity or verdict
added to one and not the other fails here."""
from __future__ import annotations

import json
from importlib.resources import files
from typing import Any

import pytest

from align.model import DiscrepancyKind, SentenceKind, Severity
from review.verdicts import DiscrepancyVerdict, FactVerdict

SCHEMA: dict[str, Any] = json.loads(files("align").joinpath("schema.json").read_text())


@pytest.mark.parametrize(("where", "enum"), [
    (("$defs", "discrepancy", "properties", "kind"), DiscrepancyKind),
    (("$defs", "discrepancy", "properties", "severity"), Severity),
    (("properties", "sources", "items", "properties", "sentences", "items", "properties", "kind"), SentenceKind),
])
def test_the_schema_enums_are_the_codes(where, enum):
    node = SCHEMA
    for key in where:
        node = node[key]
    assert node["enum"] == [member.value for member in enum]


def test_the_schema_verdicts_are_the_codes():
    verdict = SCHEMA["$defs"]["judgement"]["properties"]["verdict"]["enum"]
    assert verdict == [None, *(v.value for v in FactVerdict), *(v.value for v in DiscrepancyVerdict)]
