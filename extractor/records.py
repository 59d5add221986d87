"""Small frozen records built quickly: the amounts, cues and mentions an article holds.

A frozen dataclass's ``__init__`` sets each field with its own ``object.__setattr__``
call (its ``__setattr__`` refuses assignment); reading an article builds some hundred
such records (amounts, cues, item and period mentions), and those calls took about 1.4%
of the rule path's instructions. ``frozen_record`` is ``dataclass(frozen=True)`` with an
``__init__`` that fills the instance's ``__dict__`` in one update: the same fields,
defaults, equality, hash, ``repr`` and ``dataclasses.replace``, and still no assignment.
"""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar, dataclass_transform

_T = TypeVar("_T")


@dataclass_transform(frozen_default=True)
def frozen_record(cls: type[_T]) -> type[_T]:
    """``@dataclass(frozen=True)``, built with one ``__dict__`` update (positional fields
    without a default factory, no ``__post_init__``: what these records are; any other
    class keeps the dataclass's own ``__init__``)."""
    record: Any = dataclasses.dataclass(frozen=True)(cls)
    fields = dataclasses.fields(record)
    plain = all(
        f.init and not f.kw_only and f.default_factory is dataclasses.MISSING for f in fields
    )
    if not plain or hasattr(record, "__post_init__"):
        return record  # (not a plain record: the dataclass's own __init__)
    defaults = {f"_d_{f.name}": f.default for f in fields if f.default is not dataclasses.MISSING}
    params = ", ".join(
        f.name if f.default is dataclasses.MISSING else f"{f.name}=_d_{f.name}" for f in fields
    )
    values = ", ".join(f"{f.name}={f.name}" for f in fields)
    namespace: dict[str, Any] = {}
    exec(  # (code written from the field names, as ``dataclasses`` writes its own)
        f"def make({', '.join(defaults)}):\n"
        f"    def __init__(self, {params}):\n"
        f"        self.__dict__.update({values})\n"
        f"    return __init__",
        namespace,
    )
    init = namespace["make"](**defaults)
    init.__qualname__ = f"{record.__qualname__}.__init__"
    record.__init__ = init
    return record  # type: ignore[no-any-return]
