"""OpenAI's strict structured outputs: the subset of JSON Schema it accepts, and a check.

Strict mode refuses a schema unless every object is closed
(``additionalProperties: false``) and lists every property as required, and it
rejects some keywords outright (string lengths among them). ``strict_schema``
turns the answer schema into that subset; ``violations`` names what breaks the
rules, so a test can hold every schema we send to them.
"""

from __future__ import annotations

from typing import Any

# Keywords strict mode refuses (https://platform.openai.com/docs/guides/structured-outputs).
UNSUPPORTED: frozenset[str] = frozenset(
    {
        "minLength",
        "maxLength",
        "patternProperties",
        "unevaluatedProperties",
        "propertyNames",
        "minProperties",
        "maxProperties",
        "unevaluatedItems",
        "contains",
        "minContains",
        "maxContains",
        "uniqueItems",
        "default",
        "allOf",
        "not",
        "if",
        "then",
        "else",
        "dependentRequired",
        "dependentSchemas",
    }
)
# Keywords whose value is a map of names to schemas (the names are not keywords).
_NAMED = frozenset({"properties", "$defs", "definitions"})


def strict_schema(schema: dict) -> dict:
    """The schema without the keywords strict mode refuses."""

    def walk(node: Any, named: bool = False) -> Any:
        if isinstance(node, dict):
            return {
                k: walk(v, named=k in _NAMED and not named)
                for k, v in node.items()
                if named or k not in UNSUPPORTED
            }
        if isinstance(node, list):
            return [walk(v) for v in node]
        return node

    return walk(schema)  # type: ignore[no-any-return]


def violations(schema: dict, where: str = "$") -> list[str]:
    """Every place where ``schema`` breaks a strict-mode rule (empty: accepted)."""
    found: list[str] = []
    for key, value in schema.items():
        if key in UNSUPPORTED:
            found.append(f"{where}: keyword {key!r} is not supported in strict mode")
        if key in _NAMED and isinstance(value, dict):
            for name, sub in value.items():
                found += violations(sub, f"{where}.{key}.{name}")
        elif isinstance(value, dict):
            found += violations(value, f"{where}.{key}")
        elif isinstance(value, list):
            for i, sub in enumerate(value):
                if isinstance(sub, dict):
                    found += violations(sub, f"{where}.{key}[{i}]")
    if schema.get("type") == "object" or "properties" in schema:
        if schema.get("additionalProperties") is not False:
            found.append(f"{where}: object without additionalProperties: false")
        missing = set(schema.get("properties", {})) - set(schema.get("required", []))
        if missing:
            found.append(f"{where}: properties not required: {', '.join(sorted(missing))}")
    return found
