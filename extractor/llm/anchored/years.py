"""The article's year, asked of a capable model once per request.

Most figures name no year ("4 tháng đầu năm", "In August"): their year is the article's,
which the text states, implies ("a two-year high ... the highest since July 2021", "down
20.5 percent from 2015") or leaves unsaid. The rules infer it, and on real pages that
inference is the commonest reason a capable reader's fact is wrong: with the inferred
year written into every option, 78 of its 101 wrong periods on 120 pages were the right
months in a year no option offered. So a hosted model is asked the year, as one closed
question beside its labels ("y": the rules' year first, the years around it and those
the text names, or "not stated"), and the options of a figure whose period names no year
read "of the article's year"; the article's dateline, when it has one, is shown beside the
question. The bundled small model is not asked: its requests (and the cassettes recorded
with them) keep the inferred year.
"""

from __future__ import annotations

from extractor.llm.anchored.choices import LETTERS, NONE, Option
from extractor.rules.document import Document
from extractor.rules.years import datelines
from extractor.types import Period, plausible_year

KEY = "y"
MAX_YEARS = 6


def year_options(scan: Document) -> tuple[Option, ...]:
    """The years the article's figures may be of: the inferred one first, then the years
    around it and those the text names (and the one after each: "from 2015", "since 2021"),
    then "not stated". None when the text names no year and none is inferred."""
    named = sorted({p.year for p in scan.periods if p.year is not None})
    main = scan.main_year
    around = [main, main + 1, main - 1] if main is not None else []
    years = list(dict.fromkeys([*around, *named, *(y + 1 for y in named)]))
    years = [y for y in years if plausible_year(y)][:MAX_YEARS]
    if not years:
        return ()
    options = [Option(LETTERS[i], str(y), str(y)) for i, y in enumerate(years)]
    return (*options, Option(NONE, "not stated", None))


def dateline(scan: Document) -> str | None:
    """The article's dateline as written ("July 15, 2023 | 07:20 GMT+7"), shown with the
    year question: a request shows the sentences of its numbers, and a model asked their
    year must see what dates the article (without it, careful readers answered "not
    stated" for pages whose dateline the rules had read the year from)."""
    found = datelines(scan.low)
    return " ".join(scan.text[found[0].start() : found[0].end()].split()) if found else None


def question(options: tuple[Option, ...]) -> str:
    """The line that asks it, above the numbers' options."""
    listed = " | ".join(f"{o.code}={o.text}" for o in options)
    return (
        f"[{KEY}] the year of the figures whose period names no year "
        f'("the article\'s year" below): {listed}'
    )


def read_year(options: tuple[Option, ...], raw: object) -> tuple[bool, int | None]:
    """(answered, year): a code of ``options``; anything else is no answer."""
    chosen = next((o for o in options if o.code == raw), None)
    if chosen is None:
        return False, None
    return True, int(chosen.value) if isinstance(chosen.value, str) else None


def dated(period: Period | None, year: int | None) -> Period | None:
    """A period of the article's year, in the year the model chose."""
    if period is None or period.year is not None:
        return period
    return period.model_copy(update={"year": year})
