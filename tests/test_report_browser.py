"""The HTML report in a real headless Chromium: highlights apart with their numbers bold,
clicks select rows, the verdict filter hides rows, masked articles come last.

Skipped, with the reason, only when Chromium or its driver is not installed
(``scripts/install_browser.sh`` installs both; CI runs it before the tests).
The screenshot is kept as a test artefact: test-artifacts/report.png.
"""

from __future__ import annotations

import shutil
import struct
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from located_facts import at

from extractor.crosscheck import crosscheck_article
from extractor.report import render_html
from extractor.report.html import slug
from extractor.types import Article, ArticleResult, Source

ROOT = Path(__file__).resolve().parents[1]
CHROMEDRIVER = "/usr/bin/chromedriver"
ARTIFACT = ROOT / "test-artifacts" / "report.png"
CHROME_ARGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--window-size=1280,900",
)

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
pytestmark = pytest.mark.skipif(
    shutil.which("chromium") is None or not Path(CHROMEDRIVER).exists(),
    reason="chromium / chromium-driver not installed (run scripts/install_browser.sh)",
)


@pytest.fixture(scope="module")
def report_page(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Any]]:
    name = "003_8daf333cb5e73b3d.txt"
    article = Article(name=name, text=(ROOT / "samples" / name).read_text(encoding="utf-8"))
    export_q = "kim ngạch xuất khẩu hàng hóa đạt 219,83 tỷ USD"
    clause = "Tính chung 6 tháng đầu năm 2025, kim ngạch xuất khẩu hàng hóa đạt 219,83 tỷ USD"
    import_q = "kim ngạch nhập khẩu hàng hóa đạt 212,2 tỷ USD"
    balance_q = "cán cân thương mại hàng hóa xuất siêu 7,63 tỷ USD"
    services_q = "Cán cân thương mại dịch vụ 6 tháng đầu năm 2025 nhập siêu 4,71 tỷ USD"
    rules = [
        at(article, export_q, Source.RULES, flow="export", metric="value", value=219.83e9),
        at(article, import_q, Source.RULES, flow="import", metric="value", value=212.2e9),
        at(article, services_q, Source.RULES, flow="balance", metric="value", value=-4.71e9),
    ]
    llm = [
        at(article, clause, Source.LLM, flow="export", metric="value", value=219.83e9),  # nests
        at(article, balance_q, Source.LLM, flow="balance", metric="value", value=7.63e9),
        at(
            article,
            "tăng 14,4% so với cùng kỳ năm trước",
            Source.LLM,
            flow="export",
            metric="change_pct",
            basis="yoy",
            value=14.4,
        ),
    ]
    result = crosscheck_article(
        article,
        ArticleResult(article=name, facts=rules),
        ArticleResult(article=name, facts=llm),
    )
    masked_name = "000_78b8f9d05d1a4fcc.txt"
    masked = Article(
        name=masked_name, text=(ROOT / "samples" / masked_name).read_text(encoding="utf-8")
    )
    hidden = crosscheck_article(
        masked, ArticleResult(article=masked_name), ArticleResult(article=masked_name)
    )
    path = tmp_path_factory.mktemp("report") / "index.html"
    texts = {name: article.text, masked_name: masked.text}
    path.write_text(render_html([hidden, result], texts), encoding="utf-8")
    return path, [result]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    for arg in CHROME_ARGS:
        options.add_argument(arg)
    with tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        options.add_argument(f"--user-data-dir={profile}")
        driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
        try:
            yield driver
        finally:
            driver.quit()


IN_VIEW = """
const r = arguments[0].getBoundingClientRect();
return r.bottom > 0 && r.top < window.innerHeight;
"""


def test_clicking_each_highlight_selects_and_shows_its_row(
    browser: Any, report_page: tuple[Path, list[Any]]
) -> None:
    from selenium.webdriver.common.by import By

    path, [result] = report_page
    browser.get(path.as_uri())
    prefix = slug(0, result.article)
    assert {p.verdict.value for p in result.pairs} >= {"agree", "conflict", "llm_only"}
    for pair in result.pairs:
        marks = browser.find_elements(By.CSS_SELECTOR, f'a.hl[data-pairs~="{pair.id}"]')
        assert marks, f"no highlight for {pair.id}"
        own = [m for m in marks if m.get_attribute("data-pairs").split()[0] == pair.id]
        mark = (own or marks)[0]
        browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", mark)
        mark.click()
        row = browser.find_element(By.ID, f"{prefix}-{pair.id}")
        assert "selected" in row.get_attribute("class").split(), pair.id
        if own:  # the link of a highlight leads to its innermost fact's row
            assert browser.execute_script(IN_VIEW, row), f"row {pair.id} not scrolled into view"
            assert browser.current_url.endswith(f"#{prefix}-{pair.id}")
    ARTIFACT.parent.mkdir(exist_ok=True)
    browser.find_element(By.CSS_SELECTOR, "a.hl").click()
    browser.execute_script("window.scrollTo(0, 0);")
    assert browser.save_screenshot(str(ARTIFACT))
    width, height = struct.unpack(">II", ARTIFACT.read_bytes()[16:24])  # PNG IHDR
    inner = browser.execute_script("return [window.innerWidth, window.innerHeight];")
    assert (width, height) == tuple(inner)
    assert ARTIFACT.stat().st_size > 30_000  # text, tables and colours, not a blank page


BOXES = """
return Array.from(document.querySelectorAll('a.hl')).map(function(a){
  return Array.from(a.getClientRects()).map(function(r){
    return [r.left, r.top, r.right, r.bottom];
  });
});
"""


def test_highlights_stand_apart_with_their_numbers_bold(
    browser: Any, report_page: tuple[Path, list[Any]]
) -> None:
    from selenium.webdriver.common.by import By

    path, [result] = report_page
    browser.get(path.as_uri())
    boxes = [box for marks in browser.execute_script(BOXES) for box in marks]
    assert len(boxes) >= len(result.pairs)
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            overlap_x = min(a[2], b[2]) - max(a[0], b[0])
            overlap_y = min(a[3], b[3]) - max(a[1], b[1])
            assert overlap_x <= 0.5 or overlap_y <= 0.5, (a, b)  # no highlight on another
    numbers = browser.find_elements(By.CSS_SELECTOR, "a.hl strong.num")
    assert len(numbers) >= len(result.pairs)
    for number in numbers:
        assert int(number.value_of_css_property("font-weight")) >= 700
    sections = [h.text for h in browser.find_elements(By.CSS_SELECTOR, "section h2")]
    assert sections == [result.article, "000_78b8f9d05d1a4fcc.txt"]  # masked last


def test_the_filter_hides_and_shows_a_verdict(
    browser: Any, report_page: tuple[Path, list[Any]]
) -> None:
    from selenium.webdriver.common.by import By

    path, _ = report_page
    browser.get(path.as_uri())
    rows = browser.find_elements(By.CSS_SELECTOR, 'tr[data-verdict="conflict"]')
    others = browser.find_elements(By.CSS_SELECTOR, 'tr[data-verdict="agree"]')
    assert rows and others
    box = browser.find_element(By.CSS_SELECTOR, '.filter input[value="conflict"]')
    box.click()
    assert not any(row.is_displayed() for row in rows)
    assert all(row.is_displayed() for row in others)
    mark = browser.find_element(By.CSS_SELECTOR, 'a.hl[data-verdict="conflict"]')
    assert mark.value_of_css_property("background-color") in ("rgba(0, 0, 0, 0)", "transparent")
    box.click()
    assert all(row.is_displayed() for row in rows)


def test_a_row_links_back_to_its_highlight(
    browser: Any, report_page: tuple[Path, list[Any]]
) -> None:
    from selenium.webdriver.common.by import By

    path, [result] = report_page
    browser.get(path.as_uri())
    prefix = slug(0, result.article)
    pair = result.pairs[-1]
    link = browser.find_element(By.CSS_SELECTOR, f'tr#{prefix}-{pair.id} a[href^="#hl-"]')
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", link)
    link.click()
    target = browser.find_element(By.ID, f"hl-{prefix}-{pair.id}")
    assert browser.execute_script(IN_VIEW, target)
