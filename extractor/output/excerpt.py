"""A readable excerpt of one result file: the whole JSON with only its first facts.

``make run`` shows one article this way instead of cutting the file at a line count
(which stopped in the middle of a fact). ``python -m extractor.output.excerpt FILE [N]``
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any


def excerpt(data: dict[str, Any], facts: int = 2) -> str:
    """The result as indented JSON with its first ``facts`` facts, and how many are left out."""
    shown = dict(data)
    all_facts = list(data.get("facts") or [])
    shown["facts"] = all_facts[:facts]
    text = json.dumps(shown, ensure_ascii=False, indent=2)
    left = len(all_facts) - len(shown["facts"])
    return text + (f"\n… {left} more fact(s) not shown" if left else "")


def main(argv: list[str]) -> int:
    if not argv:
        print("usage: python -m extractor.output.excerpt FILE [FACTS]", file=sys.stderr)
        return 2
    path = Path(argv[0])
    data = json.loads(path.read_text(encoding="utf-8"))
    print(excerpt(data, int(argv[1]) if len(argv) > 1 else 2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
