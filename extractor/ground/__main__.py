"""``python -m extractor.ground OUT/llm``: print grounding rates of written LLM results."""

from __future__ import annotations

import sys
from pathlib import Path

from extractor.ground.rates import format_rates, grounding_rates_in

if __name__ == "__main__":
    for folder in sys.argv[1:] or ["out"]:
        print(f"{folder}: {format_rates(grounding_rates_in(Path(folder)))}")
