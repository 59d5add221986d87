"""The closed answer of one request: a label per anchor, every value one of its options.

The schema is built per request from the anchors' choices: an object keyed by anchor id
(so no id can be invented or left out), each label either ``{"f": "0"}`` (not a trade
fact) or the flow with the keys worth asking, each an enum of compact codes. Every
object is closed and every key required, so the same schema is a strict JSON Schema for
OpenAI-style endpoints and a grammar for llama.cpp: no model can answer outside the
choices or run away. ``read_answer`` checks an answer against the same choices, for
endpoints that only take the schema as a hint.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from extractor.llm.anchored.choices import (
    CHANGES,
    FLOWS,
    LEVELS,
    METRICS,
    NONE,
    SECTORS,
    Choices,
    Option,
    written_item,
)
from extractor.llm.anchored.years import KEY as YEAR_KEY
from extractor.llm.anchored.years import read_year
from extractor.types import Flow, Metric, Period, Scope, Sector

SCOPES = {"g": Scope.GOODS, "s": Scope.SERVICES}


@dataclass(frozen=True)
class Label:
    """What the model says one anchor is (``flow`` None: not a trade fact)."""

    flow: Flow | None
    metric: Metric | None = None
    period: Period | None = None
    partner: str | None = None
    item: str | None = None
    comparison: str | None = None
    sector: Sector | None = None
    scope: Scope = Scope.GOODS


def _enum(codes: list[str] | tuple[str, ...]) -> dict:
    return {"type": "string", "enum": list(codes)}


def _codes(options: tuple[Option, ...]) -> list[str]:
    return [o.code for o in options]


def _closed(properties: dict) -> dict:
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


def _options(choices: Choices) -> dict[str, list[str]]:
    return {
        "p": _codes(choices.periods),
        "r": _codes(choices.partners),
        "i": _codes(choices.items),
        "b": _codes(choices.comparisons),
        "s": list(choices.sectors),
        "c": list(SCOPES),
    }


def label_schema(choices: Choices) -> dict:
    """``{"f": "0"}``, or the flow, the metric and the asked keys, each an enum of codes.

    Levels and changes are separate variants, so only a change is asked its basis."""
    variants = [_closed({"f": _enum([NONE])})]
    options = _options(choices)
    written = {"anyOf": [_enum(options["i"]), {"type": "string"}]}  # an option, or words
    for group in (LEVELS, CHANGES):
        metrics = [m for m in choices.metrics if m in group]
        if not metrics:
            continue
        fact: dict = {"f": _enum([c for c in FLOWS if c != NONE])}
        for key in choices.keys_for(metrics[0]):
            fact[key] = _enum(metrics if key == "m" else options[key])
            if key == "i" and choices.written:
                fact[key] = written
        variants.append(_closed(fact))
    return {"anyOf": variants}


def answer_schema(batch: list[Choices], years: tuple[Option, ...] = ()) -> dict:
    """Labels keyed by anchor id (one anchor too: the small model keeps to the format of the
    worked example better than to a bare label); with ``years``, the article's year first."""
    asked = {YEAR_KEY: _enum(_codes(years))} if years else {}
    return _closed({**asked, **{str(c.anchor.id): label_schema(c) for c in batch}})


def _pick(options: tuple[Option, ...], code: object) -> Option:
    for option in options:
        if option.code == code:
            return option
    raise ValueError(f"{code!r} is not one of {', '.join(_codes(options))}")


def _label(choices: Choices, raw: object) -> Label:
    if not isinstance(raw, dict) or "f" not in raw:
        raise ValueError('a label is an object with "f"')
    flow_code = raw["f"]
    if flow_code not in FLOWS:
        raise ValueError(f"f {flow_code!r} is not one of {', '.join(FLOWS)}")
    if FLOWS[flow_code] is None:
        return Label(flow=None)
    metric = raw.get("m", choices.metrics[0])
    if metric not in choices.metrics:
        raise ValueError(f"m {metric!r} is not one of {', '.join(choices.metrics)}")
    keys = ("f", *choices.keys_for(metric))
    extra = set(raw) - set(keys)
    if extra:
        raise ValueError(f"unexpected keys {sorted(extra)}; answer only {', '.join(keys)}")
    missing = [k for k in keys if k not in raw]
    if missing:
        raise ValueError(f"missing keys {', '.join(missing)}")
    sector = raw.get("s", NONE)
    if sector not in SECTORS or (choices.sectors and sector not in choices.sectors):
        raise ValueError(f"s {sector!r} is not one of {', '.join(choices.sectors or SECTORS)}")
    scope = raw.get("c", "g")
    if scope not in SCOPES:
        raise ValueError(f"c {scope!r} is not one of {', '.join(SCOPES)}")

    def chosen(key: str, options: tuple[Option, ...]) -> Option | None:
        if key not in raw:
            return options[0] if options else None
        return _pick(options, raw[key])

    period = chosen("p", choices.periods)
    partner = chosen("r", choices.partners)
    codes = _codes(choices.items)
    if choices.written and "i" in raw and raw["i"] not in codes:
        item: Option | None = Option("", "", written_item(choices, raw["i"]))
    else:
        item = chosen("i", choices.items)
    comparison = chosen("b", choices.comparisons) if "b" in keys else None
    return Label(
        flow=FLOWS[flow_code],
        metric=METRICS[metric],
        period=period.value if period and isinstance(period.value, Period) else None,
        partner=partner.value if partner and isinstance(partner.value, str) else None,
        item=item.value if item and isinstance(item.value, str) else None,
        comparison=(comparison.value if comparison and isinstance(comparison.value, str) else None),
        sector=SECTORS[sector],
        scope=SCOPES[scope],
    )


@dataclass
class Reading:
    """One answer read against its request: the labels that hold and what was wrong, and
    the article's year when it was asked (``year_answered``: one of its options came)."""

    labels: dict[int, Label]
    errors: dict[int, str]
    year_answered: bool = False
    year: int | None = None


def read_answer(batch: list[Choices], text: str | None, years: tuple[Option, ...] = ()) -> Reading:
    """Each anchor's label, or why it is not valid (to re-ask about that anchor only); a
    year that is missing or not an option is no answer (the inferred year stands)."""
    try:
        data = json.loads(text or "")
    except ValueError as exc:
        return Reading({}, {c.anchor.id: f"answer is not JSON ({exc})" for c in batch})
    if not isinstance(data, dict):
        return Reading({}, {c.anchor.id: "answer is not a JSON object" for c in batch})
    answered, year = read_year(years, data.get(YEAR_KEY)) if years else (False, None)
    labels: dict[int, Label] = {}
    errors: dict[int, str] = {}
    for choices in batch:
        key = str(choices.anchor.id)
        if key not in data:
            errors[choices.anchor.id] = f'no label for "{key}"'
            continue
        try:
            labels[choices.anchor.id] = _label(choices, data[key])
        except ValueError as exc:
            errors[choices.anchor.id] = f'"{key}": {exc}'
    return Reading(labels, errors, answered, year)
