"""Ground one fact: place its quote in the original article and check its value is there."""

from __future__ import annotations

from extractor.ground.align import align
from extractor.ground.value import value_stated
from extractor.normalise import normalise
from extractor.types import Evidence, Fact, Grounding


def ground_fact(fact: Fact, article: str) -> Fact:
    """The fact with ``evidence`` (original offsets) and ``grounding`` set.

    A fact is ``grounded`` only when its quote is found in the article and its
    value is written inside that quote; an example's or invented number never is.
    Numbers are read from the normalised quote (NFC, no segmentation underscores).
    """
    span = align(article, fact.quote)
    if span is None:
        return fact.model_copy(update={"evidence": None, "grounding": Grounding.QUOTE_NOT_FOUND})
    original = article[span.start : span.end]
    evidence = Evidence(quote=original, start=span.start, end=span.end)
    status = (
        Grounding.GROUNDED
        if value_stated(fact, normalise(original).text, article=article)
        else Grounding.VALUE_NOT_IN_TEXT
    )
    return fact.model_copy(update={"evidence": evidence, "grounding": status})
