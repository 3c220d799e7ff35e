"""The one tokeniser: every stage places a word by the span it gives, so spans must be exact."""

from __future__ import annotations

import itertools
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from align.tokens import tokens


@pytest.mark.parametrize(("text", "expected"), [
    ("snake_case _a 5_b", ["snake_case", "a", "5", "b"]),  # "_" joins words but starts none
    ("the U.S. and co-operating AT&T, Huang’s $5.5bn", ["the", "U.S", "and", "co-operating", "AT&T", "Huang’s",
                                                         "5.5", "bn"]),
    ("an 81-year-old won 1,000 of 3", ["an", "81-year-old", "won", "1,000", "of", "3"]),
    ("aa a aaa a", ["aa", "a", "aaa", "a"]),  # a word that also occurs inside the one before it
    ("", []),
])
def test_words_and_where_they_are(text: str, expected: list[str]) -> None:
    found = tokens(text)
    assert [t.text for t in found] == expected
    assert all(text[t.start:t.end] == t.text for t in found)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aZé9_ .,'’-&$\t\n²ſ٣")), max_size=40))
def test_spans_are_exact_and_in_order(text: str) -> None:
    found = tokens(text)
    assert all(text[t.start:t.end] == t.text for t in found)
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))
    covered = {k for t in found for k in range(t.start, t.end)}
    assert not [c for k, c in enumerate(text) if re.match(r"[^\W_]", c) and k not in covered]  # no word is lost
