"""The one tokeniser: every stage places a word by the span it gives, so spans must be exact."""

from __future__ import annotations

import itertools
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from align.lexicon import american
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


# British spellings are rewritten only where one of their endings is: each word must come out as
# the three plain rewrites make it, line breaks and all.
_PLAIN_BRITISH = ((re.compile(r"(?<=\w{3})is(e|ed|es|ing|ation|ations)$"), r"iz\1"),
                  (re.compile(r"(?<=\w{2})our(s|ed|ing|able)?$"), r"or\1"), (re.compile(r"(?<=\w{3})tre(s|d)?$"), r"ter\1"))


def _plain_american(word: str) -> str:
    for pattern, replacement in _PLAIN_BRITISH:
        word = pattern.sub(replacement, word)
    return word


@pytest.mark.parametrize(("british", "american_spelling"), [
    ("finalised", "finalized"), ("organisations", "organizations"), ("colour", "color"), ("favourable", "favorable"),
    ("centre", "center"), ("theatres", "theaters"), ("tour", "tour"), ("rise", "rise"), ("colour\n", "color\n"),
])
def test_british_spellings_are_read_as_american(british: str, american_spelling: str) -> None:
    assert american(british) == american_spelling == _plain_american(british)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["col", "our", "ours", "is", "ise", "ised", "ations", "tre", "tred", "s", "d", "ing",
                                 "able", "a", "\n", "é", "_"]), max_size=6))
def test_any_word_is_read_as_the_plain_rewrites_read_it(parts: list[str]) -> None:
    word = "".join(parts)
    assert american(word) == _plain_american(word)
