"""Sentence embeddings for training and bench, cached on disk by text digest.

Training reads about 25,000 sentences (the corpus and every CEReD passage) several
times; the cache (``tmp/reflection-embeddings.npz``, not committed) makes a second run
take seconds. A cached vector is exactly what `embedding.embed` returns for the text,
so cached and fresh runs give the same model."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from . import embedding
from .corpus import REPO_ROOT

CACHE_PATH = REPO_ROOT / "tmp" / "reflection-embeddings.npz"


def _key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Cache:
    """Embeddings by text, loaded from and saved to `path`."""

    def __init__(self, path: Path = CACHE_PATH) -> None:
        self.path = path
        self.vectors: dict[str, NDArray[np.float32]] = {}
        self.dirty = False
        if path.exists():
            with np.load(path, allow_pickle=False) as stored:
                keys = stored["keys"].tolist()
                matrix = stored["vectors"]
            self.vectors = dict(zip(keys, matrix, strict=True))

    def embed(self, texts: list[str]) -> NDArray[np.float32]:
        """One row per text, computing only the ones not cached yet."""
        missing = sorted({t for t in texts if _key(t) not in self.vectors})
        if missing:
            for text, vector in zip(missing, embedding.embed(missing), strict=True):
                self.vectors[_key(text)] = vector
            self.dirty = True
        if not texts:
            return np.zeros((0, embedding.DIMENSIONS), dtype=np.float32)
        return np.stack([self.vectors[_key(t)] for t in texts])

    def save(self) -> None:
        """Write the cache if anything was added."""
        if not self.dirty:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        keys = sorted(self.vectors)
        np.savez(
            self.path,
            keys=np.asarray(keys),
            vectors=np.stack([self.vectors[k] for k in keys]),
        )
        self.dirty = False
