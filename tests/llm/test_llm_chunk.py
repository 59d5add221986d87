"""Articles are split at paragraph/sentence boundaries within budget, each piece with context."""

from __future__ import annotations

from extractor.llm.chunk import halves, split_article

ARTICLE = (
    "Xuất khẩu nông sản quý I/2024 tăng mạnh\n"
    "Quý I/2024, xuất khẩu nông sản đạt 12,5 tỷ USD, tăng 9% so với cùng kỳ.\n\n"
    + " ".join(f"Mặt hàng {i} đạt {i},5 triệu USD, tăng {i}%." for i in range(1, 9))
    + "\n\nNhập khẩu phân bón đạt 300 triệu USD."
)


def test_chunks_cover_the_article_in_order_at_boundaries():
    chunks = split_article(ARTICLE, max_chars=300, max_amounts=6)
    assert len(chunks) > 2
    for chunk in chunks:
        assert ARTICLE[chunk.start : chunk.start + len(chunk.text)] == chunk.text
    assert [c.start for c in chunks] == sorted(c.start for c in chunks)
    joined = "".join(c.text for c in chunks).replace(" ", "").replace("\n", "")
    assert joined == ARTICLE.replace(" ", "").replace("\n", "")


def test_each_chunk_stays_within_the_answer_budget():
    for chunk in split_article(ARTICLE, max_chars=300, max_amounts=6):
        assert chunk.text.count("USD") + chunk.text.count("%") <= 6
        assert len(chunk.text) <= 300


def test_every_chunk_after_the_first_carries_headline_and_opening_sentence():
    first, *rest = split_article(ARTICLE, max_chars=300, max_amounts=6)
    assert first.context == "" and first.text.startswith("Xuất khẩu nông sản quý I/2024")
    for chunk in rest:
        assert chunk.context.startswith("Xuất khẩu nông sản quý I/2024 tăng mạnh\nQuý I/2024")


def test_a_respectively_list_is_not_split_at_its_semicolons():
    text = (
        "Xuất khẩu sang Mỹ, EU và Nhật Bản lần lượt đạt 10 tỷ USD; 5 tỷ USD; 3 tỷ USD. "
        "Nhập khẩu từ Trung Quốc đạt 8 tỷ USD."
    )
    first, second = split_article(text, max_chars=90, max_amounts=6)
    assert first.text.endswith("3 tỷ USD.") and second.text.startswith("Nhập khẩu")


def test_a_full_stop_glued_to_the_next_sentence_ends_it_but_an_abbreviation_does_not():
    text = "Tại TP.HCM xuất khẩu đạt 1 tỷ USD.Như vậy nhập khẩu đạt 2 tỷ USD."
    first, second = split_article(text, max_chars=40, max_amounts=6)
    assert first.text == "Tại TP.HCM xuất khẩu đạt 1 tỷ USD."
    assert second.text == "Như vậy nhập khẩu đạt 2 tỷ USD."


def test_the_whole_article_is_one_passage_when_the_budget_allows():
    [chunk] = split_article(ARTICLE, max_chars=10_000, max_amounts=100)
    assert chunk.text == ARTICLE.strip()


def test_a_short_article_is_one_chunk():
    [chunk] = split_article("Xuất khẩu gạo đạt 1,2 tỷ USD.")
    assert chunk.text == "Xuất khẩu gạo đạt 1,2 tỷ USD." and chunk.start == 0


def test_halves_split_a_passage_at_a_sentence():
    [chunk] = split_article("Câu một đạt 1 tỷ USD. Câu hai đạt 2 tỷ USD. Câu ba đạt 3 tỷ USD.")
    first, second = halves(chunk)
    assert first.text == "Câu một đạt 1 tỷ USD." and second.text.startswith("Câu hai")
    assert second.context == "Câu một đạt 1 tỷ USD."  # the opening the first half holds
    assert halves(first) == []
