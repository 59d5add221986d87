"""Which instructor mode fits which endpoint; ``--mode`` overrides.

OpenAI itself has native structured outputs (JSON_SCHEMA); llama.cpp and vLLM
constrain decoding to the JSON Schema of ``response_format`` (also JSON_SCHEMA,
adapted per server in ``flavour.py``); TOOLS and JSON remain available by name.
"""

from __future__ import annotations

from instructor import Mode

MODES: dict[str, Mode] = {
    "json_schema": Mode.JSON_SCHEMA,
    "tools": Mode.TOOLS,
    "tools_strict": Mode.TOOLS_STRICT,
    "json": Mode.JSON,
    "md_json": Mode.MD_JSON,
}

DEFAULT_MODE: dict[str, Mode] = {
    "openai": Mode.JSON_SCHEMA,
    "llama_cpp": Mode.JSON_SCHEMA,
    "compatible": Mode.JSON_SCHEMA,
}


def pick_mode(flavour: str, override: str | None = None) -> Mode:
    if override:
        key = override.lower().replace("-", "_")
        if key not in MODES:
            raise ValueError(f"unknown --mode {override!r}; choose one of {', '.join(MODES)}")
        return MODES[key]
    return DEFAULT_MODE[flavour]
