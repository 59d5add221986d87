"""Every command that can run the model takes the same LLM options, as one ExtractOptions."""

from __future__ import annotations

from typing import get_args

import pytest
import typer
from typer.models import OptionInfo
from typer.testing import CliRunner

from extractor.cli import app
from extractor.cli.llm_options import LLM_OPTIONS, with_llm_options
from extractor.types import ExtractOptions

runner = CliRunner()


def flag(name: str) -> str:
    annotation, _ = LLM_OPTIONS[name]
    [info] = [a for a in get_args(annotation) if isinstance(a, OptionInfo)]
    return str(info.default)  # the flag, as declared in the Annotated option


@pytest.mark.parametrize("command", ["extract", "compare", "eval"])
def test_each_model_command_lists_every_llm_option(command: str) -> None:
    result = runner.invoke(app, [command, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    missing = [flag(name) for name in LLM_OPTIONS if flag(name) not in result.output]
    assert missing == []


def probe_app(seen: list[ExtractOptions]) -> typer.Typer:
    probe = typer.Typer()

    @probe.command()
    @with_llm_options
    def run(label: str = "x", *, options: ExtractOptions) -> None:
        assert label == "x"
        seen.append(options)

    @probe.command()
    def other() -> None:  # a second command keeps typer from collapsing to one
        pass

    return probe


def test_the_options_reach_the_command_as_one_extract_options() -> None:
    seen: list[ExtractOptions] = []
    args = ["run", "--max-tokens", "64", "--strategy", "direct", "--deadline", "5"]
    result = runner.invoke(probe_app(seen), [*args, "--llm", "local", "--retry-wait", "0.5"])
    assert result.exit_code == 0, result.output
    [options] = seen
    assert (options.max_tokens, options.strategy, options.llm) == (64, "direct", "local")
    assert (options.article_deadline_s, options.retry_backoff_s) == (5.0, 0.5)


def test_defaults_are_those_of_extract_options() -> None:
    seen: list[ExtractOptions] = []
    assert runner.invoke(probe_app(seen), ["run"]).exit_code == 0
    assert seen == [ExtractOptions()]


def test_an_unknown_strategy_is_a_usage_error_before_the_command_runs() -> None:
    seen: list[ExtractOptions] = []
    result = runner.invoke(probe_app(seen), ["run", "--strategy", "guess"])
    assert result.exit_code == 2
    assert seen == []


def test_the_reconcile_policy_is_an_option_and_an_unknown_one_a_usage_error() -> None:
    seen: list[ExtractOptions] = []
    assert runner.invoke(probe_app(seen), ["run", "--reconcile", "agreed"]).exit_code == 0
    assert [o.reconcile for o in seen] == ["agreed"]
    result = runner.invoke(
        probe_app(seen), ["run", "--reconcile", "majority"], env={"COLUMNS": "200"}
    )
    policies = "auto, rules-first, agreed, agreed-names, agreed-numbers"
    assert result.exit_code == 2 and policies in result.output
    assert len(seen) == 1
