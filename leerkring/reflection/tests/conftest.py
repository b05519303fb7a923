"""Shared sample entries for the reflection mirror tests."""

from __future__ import annotations

import pytest

DUTCH_ENTRY = (
    "Tijdens de les merkte ik dat ik steeds zelf het antwoord gaf, omdat ik bang was "
    "dat de stilte ongemakkelijk zou worden. Waarom doe ik dat eigenlijk? Ik ging er "
    "altijd van uit dat een goede docent alles moet weten. Volgende keer ga ik "
    "proberen tien seconden te wachten en te kijken wat de groep dan doet."
)
ENGLISH_ENTRY = (
    "During the lesson I noticed that I kept giving the answer myself, because I was "
    "afraid the silence would become awkward. Why do I do that? I had always assumed "
    "that a good teacher must know everything. Next time I will try waiting ten "
    "seconds and see what the group does."
)


@pytest.fixture
def dutch_entry() -> str:
    return DUTCH_ENTRY


@pytest.fixture
def english_entry() -> str:
    return ENGLISH_ENTRY
