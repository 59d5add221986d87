"""The model options of every command that can run the LLM path, declared once.

``extract``, ``compare`` and ``eval`` take the same LLM options. ``with_llm_options``
adds them to a command's signature (typer lists them in the "LLM path options" panel)
and hands the command one checked ``ExtractOptions`` in place of fourteen parameters,
so a new option reaches every command at once.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any

from extractor.cli import options as opt

# parameter name → (typer annotation, default); names as ``options.extract_options`` takes them
LLM_OPTIONS: dict[str, tuple[Any, Any]] = {
    "llm": (opt.Llm, None),
    "base_url": (opt.BaseUrl, None),
    "mode": (opt.Mode, None),
    "max_retries": (opt.MaxRetries, opt.DEFAULT_MAX_RETRIES),
    "timeout": (opt.Timeout, opt.DEFAULT_TIMEOUT),
    "max_tokens": (opt.MaxTokens, None),
    "deadline": (opt.Deadline, opt.DEFAULT_DEADLINE),
    "retry_wait": (opt.RetryWait, opt.DEFAULT_RETRY_WAIT),
    "cache_dir": (opt.CacheDir, None),
    "cassette_dir": (opt.CassetteDir, None),
    "passage_chars": (opt.PassageChars, None),
    "keep_ungrounded": (opt.KeepUngrounded, False),
    "strategy": (opt.Strategy, opt.DEFAULT_STRATEGY),
    "anchors_per_request": (opt.AnchorsPerRequest, None),
    "reconcile": (opt.Reconcile, opt.DEFAULT_RECONCILE),
}


def with_llm_options(command: Callable[..., None]) -> Callable[..., None]:
    """``command`` takes ``options: ExtractOptions``; the CLI shows the LLM options instead."""
    signature = inspect.signature(command, eval_str=True)
    own = [p for p in signature.parameters.values() if p.name != "options"]
    added = [
        inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, annotation=kind, default=default)
        for name, (kind, default) in LLM_OPTIONS.items()
    ]

    @functools.wraps(command)
    def wrapper(**given: Any) -> None:
        llm = {name: given.pop(name) for name in LLM_OPTIONS}
        command(**given, options=opt.extract_options(**llm))

    parameters = [*own, *added]
    wrapper.__signature__ = signature.replace(parameters=parameters)  # type: ignore[attr-defined]
    wrapper.__annotations__ = {p.name: p.annotation for p in parameters} | {"return": None}
    return wrapper
