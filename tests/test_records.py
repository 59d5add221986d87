"""A frozen record behaves as the frozen dataclass it stands for."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from extractor.records import frozen_record


@frozen_record
class _Quick:
    start: int
    end: int
    kind: str = "flow"
    scope: str | None = None


@dataclasses.dataclass(frozen=True)
class _Plain:
    start: int
    end: int
    kind: str = "flow"
    scope: str | None = None


def test_a_record_is_built_read_compared_and_replaced_as_a_frozen_dataclass() -> None:
    for args, kwargs in (((1, 2), {}), ((1, 2, "x"), {"scope": "s"}), ((), {"start": 3, "end": 4})):
        quick, plain = _Quick(*args, **kwargs), _Plain(*args, **kwargs)
        assert dataclasses.astuple(quick) == dataclasses.astuple(plain)
        assert repr(quick).replace("_Quick", "_Plain") == repr(plain)
        assert quick == _Quick(*args, **kwargs)
        assert hash(quick) == hash(_Quick(*args, **kwargs))
        assert dataclasses.replace(quick, kind="y").kind == "y"
        assert pickle.loads(pickle.dumps(quick)) == quick
    with pytest.raises(dataclasses.FrozenInstanceError):
        _Quick(1, 2).start = 5
    with pytest.raises(TypeError):
        _Quick(1)


def test_a_class_with_a_factory_or_post_init_keeps_the_dataclass_init() -> None:
    @frozen_record
    class Listed:
        items: list[int] = dataclasses.field(default_factory=list)

    assert Listed().items == [] and Listed() == Listed()
