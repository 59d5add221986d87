"""Fixtures of the LLM-path tests (see ``llm_fakes``)."""

from llm_fakes import article, fake_server, live_options, no_network

__all__ = ["article", "fake_server", "live_options", "no_network"]
