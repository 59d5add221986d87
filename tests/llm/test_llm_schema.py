"""The answer schema: what the model must return, and what is re-asked."""

from __future__ import annotations

import re

import pytest
from llm_fakes import GOOD_FACT
from pydantic import ValidationError

from extractor.llm.schema import NUMBER_PATTERN, LlmFact, answer_schema

BASE = GOOD_FACT  # a valid reading; each test changes one thing


def test_partner_names_become_codes():
    assert LlmFact.model_validate({**BASE, "partner": "Hoa Kỳ"}).partner == "US"
    assert LlmFact.model_validate({**BASE, "partner": "EU(27 nước)"}).partner == "EU"
    assert LlmFact.model_validate({**BASE, "partner": "kr"}).partner == "KR"


@pytest.mark.parametrize(
    "change",
    [
        {"partner": "Atlantis"},
        {"start_month": 13},
        {"start_month": 5, "end_month": 2},
        {"number": ""},
        {"number": "tăng mạnh"},
        {"year": 25},
    ],
)
def test_invalid_readings_raise_the_errors_that_are_re_asked(change):
    with pytest.raises(ValidationError):
        LlmFact.model_validate({**BASE, **change})


def test_schema_has_every_key_required_and_no_refs():
    schema = answer_schema()
    item = schema["properties"]["facts"]["items"]
    assert set(item["required"]) == set(item["properties"])
    assert "$ref" not in str(schema) and "maxItems" in schema["properties"]["facts"]


@pytest.mark.parametrize("written", ["33,19 tỷ USD", "6,6%", "548.000 tấn", "1.9bln USD"])
def test_number_pattern_accepts_numbers_as_written(written):
    assert re.match(NUMBER_PATTERN, written)
