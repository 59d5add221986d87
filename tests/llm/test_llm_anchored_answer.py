"""The closed answer: strict-mode schemas, and every label checked against its options."""

from __future__ import annotations

import json

from test_llm_anchored_choices import TEXT, choices

from extractor.llm.anchored.answer import answer_schema, read_answer
from extractor.llm.anchored.facts import NotAFact, fact_from
from extractor.llm.strict import violations
from extractor.types import Basis, Flow, Grounding, Metric

STRICT_KEYWORDS = {
    "type", "properties", "required", "additionalProperties", "enum", "anyOf", "items",
    "description", "const", "pattern",
}  # fmt: skip


def _objects(node: object):
    if isinstance(node, dict):
        if node.get("type") == "object":
            yield node
        for value in node.values():
            yield from _objects(value)
    elif isinstance(node, list):
        for value in node:
            yield from _objects(value)


def _keywords(node: object):
    if isinstance(node, dict):
        for key, value in node.items():
            yield key
            if key == "properties":
                for sub in value.values():
                    yield from _keywords(sub)
            else:
                yield from _keywords(value)
    elif isinstance(node, list):
        for value in node:
            yield from _keywords(value)


def test_the_schema_is_strict_every_object_closed_and_every_key_required():
    schema = answer_schema(choices())
    assert schema["type"] == "object" and list(schema["properties"]) == ["1", "2", "3", "4"]
    for obj in _objects(schema):
        assert obj["additionalProperties"] is False
        assert set(obj["required"]) == set(obj["properties"])
    assert set(_keywords(schema)) <= STRICT_KEYWORDS
    assert violations(schema) == []


def test_a_label_is_read_into_its_keys():
    batch = choices()
    answer = {
        "1": {"f": "x", "m": "v", "i": "a"},
        "2": {"f": "x", "m": "c", "b": "a", "i": "a"},
        "3": {"f": "n", "r": "CN", "i": "a"},
        "4": {"f": "0"},
    }
    reading = read_answer(batch, json.dumps(answer))
    assert reading.errors == {}
    assert reading.labels[4].flow is None
    change = fact_from(reading.labels[2], batch[1].anchor, TEXT)
    assert (change.flow, change.metric, change.basis) == (Flow.EXPORT, Metric.CHANGE_PCT, Basis.YOY)
    assert change.value == -5.5  # the sign is the anchor's ("giảm"), not the model's


def test_facts_carry_the_anchor_span_as_evidence():
    batch = choices()
    reading = read_answer(batch, json.dumps({"3": {"f": "n", "r": "CN", "i": "a"}}))
    fact = fact_from(reading.labels[3], batch[2].anchor, TEXT)
    ev = fact.evidence
    assert ev is not None and TEXT[ev.start : ev.end] == "300 nghìn tấn"
    assert fact.value == 300_000 and fact.partner == "CN" and fact.metric is Metric.QUANTITY
    assert fact.grounding is Grounding.GROUNDED


def test_an_answer_outside_the_options_is_an_error_for_that_anchor_only():
    batch = choices()
    answer = {
        "1": {"f": "x", "m": "v", "i": "z"},
        "2": {"f": "x", "m": "v", "b": "a", "i": "a"},
        "3": {"f": "n", "r": "US", "i": "a"},
        "4": {"f": "x", "m": "s", "r": "CN", "i": "a"},
    }
    reading = read_answer(batch, json.dumps(answer))
    assert set(reading.errors) == {1, 2, 3}
    assert "'z' is not one of" in reading.errors[1]
    assert "'v' is not one of c, s" in reading.errors[2]
    assert set(reading.labels) == {4}


def test_a_missing_id_and_a_broken_answer_are_errors():
    batch = choices()
    assert set(read_answer(batch, '{"1": {"f": "0"}}').errors) == {2, 3, 4}
    assert set(read_answer(batch, '{"1": {"f"').errors) == {1, 2, 3, 4}


def test_not_a_fact_makes_no_fact():
    batch = choices()
    reading = read_answer(batch[:1], '{"1": {"f": "0"}}')
    try:
        fact_from(reading.labels[1], batch[0].anchor, TEXT)
    except NotAFact:
        return
    raise AssertionError("a label 'f': '0' made a fact")


PESTICIDES = (
    "Vietnam poured 74 million U.S. dollars into fertilizers. The country also spent "
    "60 million U.S. dollars on pesticides, up 1.4 percent."
)


def test_a_hosted_model_may_write_an_item_no_option_holds_as_the_text_writes_it():
    from extractor.llm.anchored.extract import anchor_choices
    from extractor.rules.document import Document
    from extractor.types import Article

    scan = Document(PESTICIDES)
    hosted = anchor_choices(Article(name="a.txt", text=PESTICIDES), scan, offer_rules=True)
    spent = next(c for c in hosted if c.anchor.amount.value == 60e6)
    assert "i" in spent.keys_for("v")
    label = {"f": "n", "m": "v", "i": "Pesticides"} | {
        k: "0" for k in spent.keys_for("v") if k not in ("m", "i")
    }
    reading = read_answer([spent], json.dumps({str(spent.anchor.id): label}))
    assert reading.labels[spent.anchor.id].item == "Pesticides"  # as the model wrote it
    invented = read_answer([spent], json.dumps({str(spent.anchor.id): label | {"i": "rice"}}))
    assert "neither an option nor words written in the text" in invented.errors[spent.anchor.id]
    small = anchor_choices(Article(name="a.txt", text=PESTICIDES), scan, offer_rules=False)
    bundled = next(c for c in small if c.anchor.amount.value == 60e6)
    assert not bundled.written  # the bundled model chooses among options only


def test_the_schema_with_a_written_item_is_still_strict():
    from extractor.llm.anchored.extract import anchor_choices
    from extractor.rules.document import Document
    from extractor.types import Article

    scan = Document(PESTICIDES)
    hosted = anchor_choices(Article(name="a.txt", text=PESTICIDES), scan, offer_rules=True)
    schema = answer_schema(hosted)
    assert violations(schema) == []
    item = schema["properties"][str(hosted[-1].anchor.id)]["anyOf"][1]["properties"]["i"]
    assert item["anyOf"][1] == {"type": "string"}  # an option, or words of the text
