"""Which anchors go into one request, and the text that request shows.

The number of anchors per request is a setting: one for a small model (it binds a
partner, item or basis to a marked number only when the number stands alone), up to a
paragraph's worth, or the whole article in one request (``0``) for a capable model. The
text shown is the anchors' windows, with the asked numbers marked ``[id]``, after the
opening of their paragraph.
"""

from __future__ import annotations

import re

from extractor.llm.anchored.choices import Choices, Option
from extractor.llm.anchored.prompt import MAX_LEAD_CHARS, Passage

MAX_HEADLINE_CHARS = 200


def batches(choices: list[Choices], per_request: int) -> list[list[Choices]]:
    """Consecutive anchors of one paragraph, at most ``per_request`` (0: all, one request)."""
    if per_request <= 0:
        return [choices] if choices else []
    out: list[list[Choices]] = []
    for c in choices:
        last = out[-1] if out else None
        if last and len(last) < per_request and last[0].anchor.paragraph == c.anchor.paragraph:
            last.append(c)
        else:
            out.append([c])
    return out


def headline(text: str) -> str | None:
    """The first line, when it is short and the article goes on below it."""
    lines = text.strip().splitlines()
    first = lines[0].strip() if lines else ""
    if len(lines) > 1 and 0 < len(first) <= MAX_HEADLINE_CHARS:
        return first
    return None


def passage(
    text: str,
    batch: list[Choices],
    year: int | None,
    years: tuple[Option, ...] = (),
    dateline: str | None = None,
) -> Passage:
    """The text a request shows, its numbers marked; the year stated, or asked (``years``)
    with the article's ``dateline`` beside it."""
    start = min(c.anchor.window[0] for c in batch)
    end = max(c.anchor.window[1] for c in batch)
    marks = sorted(c.anchor.amount.start for c in batch)
    ids = {c.anchor.amount.start: c.anchor.id for c in batch}
    parts, pos = [], start
    for at in marks:
        parts.append(text[pos:at])
        parts.append(f"[{ids[at]}]")
        pos = at
    parts.append(text[pos:end])
    p0 = batch[0].anchor.paragraph[0]
    lead = text[p0:start].strip() if p0 < start else ""
    if len(lead) > MAX_LEAD_CHARS:
        lead = lead[:MAX_LEAD_CHARS].rsplit(" ", 1)[0] + " …"
    head = headline(text)
    if head and text.strip().startswith(" ".join(text[start:end].split())[:40]):
        head = None  # the text shown starts with the headline
    return Passage(
        headline=head,
        year=None if years else year,
        lead=lead or None,
        text=_tidy("".join(parts)),
        years=years,
        dateline=dateline if years else None,
    )


def _tidy(text: str) -> str:
    """Runs of spaces to one, blank lines to one line break: fewer tokens, same words."""
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    return re.sub(r"\s*\n\s*", "\n", text).strip()
