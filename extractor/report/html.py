"""A self-contained HTML page per run: each article with its facts highlighted in place.

Inline CSS and JS only (no CDN: the page works offline). Every piece of article
text and every value goes through ``html.escape``. Highlights sit at the evidence
offsets into the original text; where spans overlap, each stretch goes to one fact
(see ``spans.claims``), so highlights stand apart, each with its written number
emphasised. Clicking a highlight scrolls to its row (an anchor link) and marks the
rows of the facts on it selected. Articles with facts come first, masked ones last;
failed checks are counted per path, reconciled first; a filter hides verdicts.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape

from extractor.crosscheck.fmt import figure
from extractor.crosscheck.types import AlignedPair, ArticleCrosscheck, CheckResult, Side, Verdict
from extractor.report.spans import Anchored, Piece, claims
from extractor.report.summary import summarise
from extractor.types import Fact

VERDICT_COLOUR: dict[Verdict, str] = {
    Verdict.AGREE: "#b7e4c7",
    Verdict.CONFLICT: "#ffb3a7",
    Verdict.LLM_ONLY: "#d7c6f5",
    Verdict.RULES_ONLY: "#a9d6f5",
}

CSS = """
body{font:14px/1.45 system-ui,sans-serif;margin:0 auto;max-width:1400px;padding:1em;color:#222}
h1{font-size:1.4em}h2{font-size:1.2em;margin-top:2em;border-top:2px solid #ccc;padding-top:.6em}
table{border-collapse:collapse;margin:.6em 0;width:100%}
th,td{border:1px solid #ddd;padding:3px 6px;vertical-align:top;text-align:left}
th{background:#f3f3f3}td.num{text-align:right;font-variant-numeric:tabular-nums}
.text{white-space:pre-wrap;background:#fcfcfa;border:1px solid #ddd;padding:1em;line-height:1.9}
a.hl{color:inherit;text-decoration:none;border-radius:3px;padding:1px 2px;cursor:pointer;
box-shadow:inset 0 0 0 1px rgba(0,0,0,.18)}
a.hl+a.hl{margin-left:3px}
a.hl.shared{box-shadow:inset 0 -3px 0 #444}
a.hl.unstated{opacity:.65;box-shadow:inset 0 0 0 1px #666;border:1px dashed #666}
strong.num{font-weight:700;text-decoration:underline;text-decoration-thickness:2px}
.filter{padding:.4em 0;border-bottom:1px solid #ddd}
.filter label{margin-right:1em;cursor:pointer}
td.quote{max-width:28em;font-size:.92em}
a.hl.selected{outline:2px solid #000}
tr.selected,tr:target{outline:3px solid #000;background:#fff7c2}
tr.dropped td{color:#888}tr.dropped td.verdict{color:inherit}
.badge{padding:0 6px;border-radius:8px;white-space:nowrap}
.fail{color:#b00020;font-weight:600}.pass{color:#2d6a4f}
.muted{color:#777;font-size:.9em}.masked{background:#eee;padding:.6em;font-weight:600}
.legend span{margin-right:1em}
"""
CSS += "".join(
    f".v-{verdict.value}{{background:{colour}}}" for verdict, colour in VERDICT_COLOUR.items()
)

CSS += "".join(
    f"body.hide-{v.value} tr[data-verdict={v.value}]{{display:none}}"
    f"body.hide-{v.value} a.hl[data-verdict={v.value}]{{background:none;box-shadow:none}}"
    for v in VERDICT_COLOUR
)

JS = """
(function(){
  function clear(){
    document.querySelectorAll('.selected').forEach(function(el){el.classList.remove('selected');});
  }
  function select(article, ids){
    clear();
    ids.forEach(function(id){
      var row = document.getElementById(article + '-' + id);
      if (row) row.classList.add('selected');
      document.querySelectorAll('a.hl[data-article="' + article + '"]').forEach(function(a){
        if (a.dataset.pairs.split(' ').indexOf(id) >= 0) a.classList.add('selected');
      });
    });
  }
  document.addEventListener('click', function(e){
    var a = e.target.closest ? e.target.closest('a.hl') : null;
    if (a) select(a.dataset.article, a.dataset.pairs.split(' '));
  });
  function fromHash(){
    var row = location.hash && document.getElementById(location.hash.slice(1));
    if (row && row.dataset.pair) select(row.dataset.article, [row.dataset.pair]);
  }
  window.addEventListener('hashchange', fromHash);
  document.querySelectorAll('.filter input').forEach(function(box){
    box.addEventListener('change', function(){
      document.body.classList.toggle('hide-' + box.value, !box.checked);
    });
  });
  fromHash();
})();
"""

_KEY_ORDER = ("flow", "scope", "sector", "partner", "item", "metric", "basis")
PATH_NAME: dict[str, str] = {"reconciled": "reconciled", "rules": "rules", "llm": "LLM"}


def slug(index: int, name: str) -> str:
    """A safe, unique element id prefix for one article."""
    return f"a{index}-" + re.sub(r"[^A-Za-z0-9_-]+", "_", name.rsplit(".", 1)[0])[:40]


def period_text(fact: Fact) -> str:
    p = fact.period
    months = (
        f"{p.start_month}" if p.start_month == p.end_month else f"{p.start_month}–{p.end_month}"
    )
    return f"{months}/{p.year}" if p.year else months


def keys_text(fact: Fact) -> str:
    parts = [period_text(fact)]
    for name in _KEY_ORDER:
        value = getattr(fact, name)
        if value is not None:
            parts.append(str(getattr(value, "value", value)))
    return " · ".join(parts)


def _side_cell(side: Side | None, differing: list[str]) -> str:
    if side is None:
        return '<td class="muted">—</td>'
    fact = side.fact
    marks = "✓ written at span" if side.stated else "✗ not at span"
    if fact.grounding is not None:
        marks += f" · grounding: {fact.grounding.value}"
    relabelled = bool(differing) and differing != ["value"]  # keys differ: show each side's
    keys = f'<div class="muted">{escape(keys_text(fact))}</div>' if relabelled else ""
    return (
        f'<td><b title="{escape(repr(fact.value))}">{escape(figure(fact.value, fact.metric))}</b>'
        f' <span class="muted">{escape(side.ref)} · conf {side.confidence:.2f}</span>{keys}'
        f'<div class="muted">{escape(marks)}</div>'
        f'<div class="muted" title="{escape("; ".join(side.reasons))}">'
        f"{escape(side.reasons[-1] if side.reasons else '')}</div></td>"
    )


def quote_cell(pair: AlignedPair, text: str) -> str:
    """The stretch of text the fact rests on (the kept side's, else the rules'), number bold."""
    side = next((s for s in (pair.kept, pair.rules, pair.llm) if s and s.span), None)
    if side is None or side.span is None:
        return '<td class="quote muted">—</td>'
    start, end = side.span
    if side.number is None:
        return f'<td class="quote">{escape(text[start:end])}</td>'
    n0, n1 = side.number
    return (
        f'<td class="quote">{escape(text[start:n0])}<strong class="num">'
        f"{escape(text[n0:n1])}</strong>{escape(text[n1:end])}</td>"
    )


def _pair_row(prefix: str, pair: AlignedPair, has_highlight: bool, text: str) -> str:
    kept = pair.kept
    kept_text = "—" if kept is None else ("rules" if kept is pair.rules else "llm")
    base = pair.rules or pair.llm
    assert base is not None
    link = (
        f'<a href="#hl-{prefix}-{pair.id}" title="show in text">{escape(pair.id)}</a>'
        if has_highlight
        else escape(pair.id)
    )
    differing = f" ({escape(', '.join(pair.differing))})" if pair.differing else ""
    dropped = ' class="dropped"' if kept is None else ""
    return (
        f'<tr id="{prefix}-{pair.id}" data-article="{prefix}" data-pair="{pair.id}"'
        f' data-verdict="{pair.verdict.value}"{dropped}>'
        f"<td>{link}</td>"
        f'<td class="verdict"><span class="badge v-{pair.verdict.value}">'
        f"{pair.verdict.value}</span>{differing}</td>"
        f"<td>{escape(keys_text(base.fact))}</td>{quote_cell(pair, text)}"
        f"{_side_cell(pair.rules, pair.differing)}{_side_cell(pair.llm, pair.differing)}"
        f'<td class="num">{pair.confidence:.2f}</td><td>{kept_text}</td></tr>'
    )


def _text_block(prefix: str, text: str, pairs: Sequence[AlignedPair]) -> tuple[str, set[str]]:
    """The article text with one highlight per fact, its number emphasised; also the ids
    of the pairs that got one."""
    verdict = {pair.id: pair.verdict for pair in pairs}
    unstated = {p.id for p in pairs if all(side.number is None for side in p.sides())}
    spans = [
        Anchored(side.span[0], side.span[1], pair.id, side.number)
        for pair in pairs
        for side in pair.sides()
        if side.span is not None
    ]
    out: list[str] = []
    anchored: set[str] = set()
    for run in _runs(claims(len(text), spans)):
        first = run[0]
        body = "".join(
            f'<strong class="num">{escape(text[p.start : p.end])}</strong>'
            if p.number
            else escape(text[p.start : p.end])
            for p in run
        )
        if first.owner is None:
            out.append(body)
            continue
        labels = list(dict.fromkeys([first.owner, *(x for p in run for x in p.shared)]))
        new = [label for label in labels if label not in anchored]
        anchored.update(new)
        element_id = f' id="hl-{prefix}-{new[0]}"' if new and new[0] == first.owner else ""
        extra_ids = "".join(
            f'<span id="hl-{prefix}-{label}"></span>' for label in new if label != first.owner
        )
        classes = f"hl v-{verdict[first.owner].value}" + (" shared" if len(labels) > 1 else "")
        classes += " unstated" if first.owner in unstated else ""
        title = ", ".join(f"{label}: {verdict[label].value}" for label in labels)
        out.append(
            f'{extra_ids}<a class="{classes}"{element_id} href="#{prefix}-{first.owner}"'
            f' data-article="{prefix}" data-pairs="{" ".join(labels)}"'
            f' data-verdict="{verdict[first.owner].value}" title="{escape(title)}">{body}</a>'
        )
    return f'<div class="text">{"".join(out)}</div>', anchored


def _runs(pieces: list[Piece]) -> list[list[Piece]]:
    """Consecutive pieces of one owner (or of plain text) grouped: one highlight each."""
    runs: list[list[Piece]] = []
    for piece in pieces:
        if runs and runs[-1][0].owner == piece.owner and runs[-1][0].shared == piece.shared:
            runs[-1].append(piece)
        else:
            runs.append([piece])
    return runs


def _check_rows(prefix: str, checks: Sequence[CheckResult], owner: dict[str, str]) -> str:
    rows = []
    for check in checks:
        refs = " ".join(
            f'<a href="#{prefix}-{owner[ref]}">{escape(ref)}</a>' if ref in owner else escape(ref)
            for ref in check.refs
        )
        status = (
            '<span class="pass">pass</span>' if check.passed else '<span class="fail">FAIL</span>'
        )
        rows.append(
            f"<tr><td>{escape(check.id)}</td><td>{escape(check.name)}</td><td>{status}</td>"
            f"<td>{refs}</td><td>{escape(check.arithmetic)}</td></tr>"
        )
    head = "<tr><th>id</th><th>check</th><th>result</th><th>facts</th><th>arithmetic</th></tr>"
    return f"<table>{head}{''.join(rows)}</table>"


def failed_line(result: ArticleCrosscheck) -> str:
    """ "failed checks: reconciled 0 · rules 1 · LLM 4": whose facts broke a check."""
    parts = [
        f'<span class="{"fail" if n else "pass"}">{PATH_NAME[path]} {n}</span>'
        for path, n in result.failed_by_path().items()
    ]
    return "failed checks: " + " · ".join(parts)


def _counts_line(result: ArticleCrosscheck) -> str:
    counts = result.counts()
    badges = " ".join(
        f'<span class="badge v-{v.value}">{v.value} {counts[v.value]}</span>' for v in Verdict
    )
    tokens = result.usage.total_tokens if result.usage else 0
    return (
        f"<p>{len(result.reconciled.facts)} reconciled facts · {failed_line(result)}</p>"
        f"<p>{badges} · {tokens} tokens</p>"
    )


def article_section(index: int, result: ArticleCrosscheck, text: str) -> str:
    prefix = slug(index, result.article)
    parts = [f'<section id="{prefix}"><h2>{escape(result.article)}</h2>']
    parts += [f'<p class="fail">{escape(error)}</p>' for error in result.errors]
    if result.numbers_masked:
        parts.append(
            '<p class="masked">Numbers are masked in this article: no values are reported.</p>'
        )
        parts.append(f'<div class="text">{escape(text)}</div></section>')
        return "".join(parts)
    parts.append(_counts_line(result))
    block, highlighted = _text_block(prefix, text, result.pairs)
    parts.append(block)
    head = (
        "<tr><th>#</th><th>verdict</th><th>what</th><th>quote</th><th>rules</th><th>LLM</th>"
        "<th>confidence</th><th>kept</th></tr>"
    )
    rows = "".join(_pair_row(prefix, pair, pair.id in highlighted, text) for pair in result.pairs)
    parts.append(f"<h3>Facts side by side</h3><table>{head}{rows}</table>")
    owner = {side.ref: pair.id for pair in result.pairs for side in pair.sides()}
    for path, checks in result.path_checks.items():
        failed = [check for check in checks if not check.passed]
        if failed:
            title = f"Failed checks among the {PATH_NAME[path]} facts ({len(failed)})"
            table = _check_rows(prefix, failed, owner)
            parts.append(
                f"<h3>{title}</h3>{table}"
                if path == "reconciled"
                else f"<details><summary>{title}</summary>{table}</details>"
            )
    if result.checks:
        n_failed = len(result.failed_checks)
        parts.append(
            f"<details><summary>Checks across both paths, which decided the reconciled facts "
            f"({len(result.checks) - n_failed} passed, {n_failed} failed)</summary>"
            f"{_check_rows(prefix, result.checks, owner)}</details>"
        )
    if result.warnings:
        items = "".join(f"<li>{escape(w)}</li>" for w in result.warnings)
        parts.append(f'<ul class="muted">{items}</ul>')
    parts.append("</section>")
    return "".join(parts)


def reading_order(results: Sequence[ArticleCrosscheck]) -> list[ArticleCrosscheck]:
    """Articles with facts first, then those without, masked ones last (stable otherwise)."""

    def rank(result: ArticleCrosscheck) -> int:
        if result.numbers_masked:
            return 2
        return 0 if result.reconciled.facts or result.pairs else 1

    return sorted(results, key=rank)


def _overview(results: Sequence[ArticleCrosscheck]) -> str:
    s = summarise(results)
    rows = []
    for index, result in enumerate(results):
        counts = result.counts()
        failed = result.failed_by_path()
        cells = (
            f'<td colspan="{len(Verdict) + len(failed) + 1}">masked</td>'
            if result.numbers_masked
            else f'<td class="num">{len(result.reconciled.facts)}</td>'
            + "".join(f'<td class="num">{n}</td>' for n in failed.values())
            + "".join(f'<td class="num">{counts[v.value]}</td>' for v in Verdict)
        )
        rows.append(
            f'<tr><td><a href="#{slug(index, result.article)}">{escape(result.article)}</a></td>'
            f"{cells}</tr>"
        )
    by_path = " · ".join(
        f'<span class="{"fail" if n else "pass"}">{PATH_NAME[path]} {n}</span>'
        for path, n in s.checks_failed_by_path.items()
    )
    failed_head = "".join(f"<th>failed: {PATH_NAME[p]}</th>" for p in s.checks_failed_by_path)
    head = "".join(f"<th>{v.value}</th>" for v in Verdict)
    filters = "".join(
        f'<label><input type="checkbox" value="{v.value}" checked>'
        f' <span class="badge v-{v.value}">{v.value}</span></label>'
        for v in Verdict
    )
    return (
        f"<p>{s.articles} articles ({s.masked} masked, {s.errors} with errors) · reconciled "
        f"facts {s.reconciled_facts} (rules {s.rules_facts}, LLM {s.llm_facts}) · "
        f"failed checks: {by_path} · {s.tokens} tokens</p>"
        f"<table><tr><th>article</th><th>reconciled</th>{failed_head}{head}</tr>"
        f"{''.join(rows)}</table>"
        f'<div class="filter">show: {filters}</div>'
    )


def render_html(
    results: Sequence[ArticleCrosscheck], texts: dict[str, str], title: str = "Cross-check report"
) -> str:
    """The whole page; ``texts`` maps article name → its original text."""
    ordered = reading_order(results)
    sections = "".join(
        article_section(i, result, texts.get(result.article, ""))
        for i, result in enumerate(ordered)
    )
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title><style>{CSS}</style></head><body>"
        f"<h1>{escape(title)}</h1>{_overview(ordered)}{sections}"
        f"<script>{JS}</script></body></html>"
    )
