"""No secret reaches a log: every record of the package and of its model clients is scrubbed."""

from __future__ import annotations

import logging

import pytest

from extractor.logs import SCRUBBED, ScrubSecrets, install, ours
from extractor.scrub import REDACTED, remember

# the configured key: shaped like no known key, so only its own value can catch it
KEY = "fk-live-3Hq8Zt1Pw6Ys0Mx5"


@pytest.fixture
def configured() -> str:
    remember(KEY)
    install()
    return KEY


def test_a_record_carrying_the_configured_key_is_scrubbed(configured, caplog) -> None:
    with caplog.at_level(logging.DEBUG):
        logging.getLogger("extractor.llm.client").warning("sent key %s to %s", configured, "x")
    [record] = caplog.records
    assert record.getMessage() == f"sent key {REDACTED} to x"
    assert configured not in caplog.text


def test_records_of_the_model_clients_child_loggers_are_scrubbed_too(configured, caplog):
    headers = {"Authorization": "Bearer abcdef123456", "api_key": configured}
    with caplog.at_level(logging.DEBUG):
        logging.getLogger("openai._base_client").debug("Request options: %s", headers)
        logging.getLogger("httpx2").info("HTTP Request: POST ... sk-proj-abcdefghijkl")
    assert configured not in caplog.text
    assert "abcdef123456" not in caplog.text and "sk-proj-abcdefghijkl" not in caplog.text
    assert caplog.text.count(REDACTED) >= 3


def test_an_exception_logged_with_the_key_in_it_is_scrubbed(configured, caplog) -> None:
    with caplog.at_level(logging.DEBUG):
        try:
            raise RuntimeError(f"401 Incorrect API key provided: {configured}")
        except RuntimeError:
            logging.getLogger("openai").exception("request failed", stack_info=True)
    assert configured not in caplog.text
    assert "RuntimeError: 401 Incorrect API key provided: REDACTED" in caplog.text


def test_records_of_other_loggers_are_left_alone(configured, caplog) -> None:
    with caplog.at_level(logging.DEBUG):
        logging.getLogger("someone.else").warning("their own %s", configured)
    assert caplog.records[0].getMessage() == f"their own {configured}"
    assert not ours("someone.else") and not ours("openaiish")
    assert all(ours(name) and ours(name + ".child") for name in SCRUBBED)


def test_the_filter_scrubs_for_a_handler_of_ones_own(configured) -> None:
    record = logging.LogRecord("other", logging.INFO, __file__, 1, "key=%s", (configured,), None)
    assert ScrubSecrets().filter(record) and record.getMessage() == f"key={REDACTED}"


def test_a_batch_installs_the_scrubbing(monkeypatch) -> None:
    import extractor.logs as logs
    from extractor.batch import run_batch
    from extractor.types import Article, ArticleResult, ExtractOptions

    def logging_path(article: Article, _options: ExtractOptions) -> ArticleResult:
        logging.getLogger("extractor.paths").warning("using %s", KEY)
        return ArticleResult(article=article.name)

    seen: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            seen.append(self.format(record))

    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    monkeypatch.setattr(logs, "_installed", False)
    previous, handler = logging.getLogRecordFactory(), Keep()
    logging.setLogRecordFactory(logging.LogRecord)  # as in a fresh process
    logging.getLogger("extractor").addHandler(handler)
    try:
        run_batch([Article(name="a.txt", text="x")], logging_path)
    finally:
        logging.getLogger("extractor").removeHandler(handler)
        logging.setLogRecordFactory(previous)
    assert seen == [f"using {REDACTED}"]
