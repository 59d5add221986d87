"""Stage 4: tell the user how far to trust each fact (terminal, JSON, HTML)."""

from extractor.report.html import render_html
from extractor.report.json_report import report_json
from extractor.report.summary import summarise
from extractor.report.terminal import print_report

__all__ = ["print_report", "render_html", "report_json", "summarise"]
