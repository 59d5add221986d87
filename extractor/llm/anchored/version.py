"""The version of the anchored prompt and answer schema, sent with every request.

Both are partly code (the options block, the schema builder), so the tag hashes the
prompt files together with the worked example as the code renders it: an edit to
either makes replay refuse the old cassettes and ask for a re-recording.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache

from extractor.llm.anchored.examples import rendered_examples
from extractor.llm.anchored.prompt import load_anchored_prompt


@cache
def _tags() -> tuple[str, str]:
    prompt = load_anchored_prompt()
    examples = rendered_examples()
    shown = hashlib.sha256(
        (prompt.hash + "".join(q + a for q, a, _ in examples)).encode()
    ).hexdigest()[:16]
    schemas = json.dumps([s for _, _, s in examples], sort_keys=True)
    return shown, hashlib.sha256(schemas.encode()).hexdigest()[:16]


def anchored_version_tag() -> str:
    prompt, schema = _tags()
    return f"strategy=anchored;prompt={prompt};schema={schema}"
