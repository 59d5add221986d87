"""The answer schema against OpenAI's strict-mode rules, and the vocabulary it holds."""

from __future__ import annotations

from extractor.llm.partners import ALPHA3, PARTNER_CODES
from extractor.llm.schema import answer_schema
from extractor.llm.strict import strict_schema, violations
from extractor.rules.lexicon import PARTNERS


def test_the_schema_sent_to_openai_style_endpoints_passes_the_strict_rules():
    assert violations(strict_schema(answer_schema())) == []


def test_every_object_of_the_answer_schema_is_closed_and_fully_required():
    fact = answer_schema()["properties"]["facts"]["items"]
    assert answer_schema()["additionalProperties"] is False
    assert fact["additionalProperties"] is False
    assert set(fact["required"]) == set(fact["properties"])


def test_the_grammar_keeps_its_length_bounds_that_strict_mode_refuses():
    assert "maxLength" in str(answer_schema())
    assert "maxLength" not in str(strict_schema(answer_schema()))


def test_violations_name_an_open_object_a_missing_requirement_and_a_refused_keyword():
    schema = {
        "type": "object",
        "properties": {"a": {"type": "string", "minLength": 1}, "b": {"type": "integer"}},
        "required": ["a"],
    }
    found = violations(schema)
    assert "$: object without additionalProperties: false" in found
    assert "$: properties not required: b" in found
    assert "$.properties.a: keyword 'minLength' is not supported in strict mode" in found


def test_a_property_named_like_a_keyword_is_not_a_keyword():
    schema = {
        "type": "object",
        "properties": {"default": {"type": "string"}},
        "required": ["default"],
        "additionalProperties": False,
    }
    assert violations(schema) == [] and strict_schema(schema) == schema


def test_partner_is_one_of_the_rule_lexicon_s_codes():
    partner = answer_schema()["properties"]["facts"]["items"]["properties"]["partner"]
    [codes, null] = partner["anyOf"]
    assert codes["enum"] == list(PARTNER_CODES) == sorted(set(PARTNERS.values()))
    assert null == {"type": "null"}


def test_every_country_of_the_vocabulary_has_its_alpha_3_code():
    countries = {c for c in PARTNER_CODES if c not in ("EU", "ASEAN")}
    assert set(ALPHA3.values()) == countries and len(ALPHA3) == len(countries)
