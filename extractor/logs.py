"""Log records without secrets: the package's own and those of the model clients it drives.

A handler or logger filter would miss records of child loggers (``openai._base_client``)
or need the user's handlers, so the record factory itself is wrapped, once per process:
a record of one of ``SCRUBBED`` is built, then its message (arguments merged in),
exception text and stack text pass ``scrub``. Records of other loggers are untouched.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from extractor.scrub import scrub

# the package and the libraries that carry its keys and the model's answers
SCRUBBED = ("extractor", "openai", "httpx", "httpx2", "httpcore", "httpcore2", "instructor", "vcr")

_installed = False
_lock = threading.Lock()


class ScrubSecrets(logging.Filter):
    """The same scrubbing as a filter, for a handler of one's own (e.g. a log file that
    also takes other libraries' records)."""

    def filter(self, record: logging.LogRecord) -> bool:
        scrub_record(record)
        return True


def scrub_record(record: logging.LogRecord) -> logging.LogRecord:
    """``record`` with its message, exception and stack text scrubbed, in place."""
    record.msg, record.args = scrub(record.getMessage()), None
    if record.exc_info:
        if not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        record.exc_info = None  # a formatter would print it again, unscrubbed
    if record.exc_text:
        record.exc_text = scrub(record.exc_text)
    if record.stack_info:
        record.stack_info = scrub(record.stack_info)
    return record


def ours(name: str) -> bool:
    return any(name == root or name.startswith(root + ".") for root in SCRUBBED)


def install() -> None:
    """Scrub every record of ``SCRUBBED`` from now on (idempotent, for the whole process)."""
    global _installed
    with _lock:
        if _installed:
            return
        built = logging.getLogRecordFactory()

        def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
            record = built(*args, **kwargs)
            return scrub_record(record) if ours(record.name) else record

        logging.setLogRecordFactory(factory)
        _installed = True
