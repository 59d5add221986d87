"""Stage: tie every LLM fact to the article text it rests on."""

from extractor.ground.align import Span, align
from extractor.ground.ground import ground_fact
from extractor.ground.rates import format_rates, grounding_rates, grounding_rates_in
from extractor.ground.value import value_stated

__all__ = [
    "Span",
    "align",
    "format_rates",
    "ground_fact",
    "grounding_rates",
    "grounding_rates_in",
    "value_stated",
]
