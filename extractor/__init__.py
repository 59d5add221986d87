"""Turn messy news articles about Vietnam's trade statistics into validated, grounded facts.

The Python API (``extract``, ``extract_many``, ``compare``, ``to_frame``,
``extract_dataset``) runs the same paths as the ``extractor`` command.
"""

from importlib.metadata import PackageNotFoundError, version

from extractor.api import compare, extract, extract_dataset, extract_many, to_frame
from extractor.preflight import ConfigError
from extractor.types import Article, ArticleResult, ExtractOptions, Fact

try:
    __version__ = version("vn-trade-extractor")
except PackageNotFoundError:  # run from a source tree that is not installed
    __version__ = "0+unknown"

__all__ = [
    "Article",
    "ArticleResult",
    "ConfigError",
    "ExtractOptions",
    "Fact",
    "__version__",
    "compare",
    "extract",
    "extract_dataset",
    "extract_many",
    "to_frame",
]
