"""Stage 5: score extracted facts against gold with the rules of the evaluation spec."""

from extractor.evaluate.match import facts_match, items_agree, match_facts, values_agree
from extractor.evaluate.score import Counts, Scores, score, score_dirs

__all__ = [
    "Counts",
    "Scores",
    "facts_match",
    "items_agree",
    "match_facts",
    "score",
    "score_dirs",
    "values_agree",
]
