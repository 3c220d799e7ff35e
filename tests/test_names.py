"""Name keys: one person or place, however a source writes it."""
from __future__ import annotations

import pytest

from align.names import name_key, names_in


@pytest.mark.parametrize("a, b", [
    ("Jensen Huang", "Huang"), ("Huang’s", "Huang"), ("Nvidia CEO Jensen Huang", "Mr Huang"),
    ("US", "U.S."), ("U.S.", "United States"), ("President Trump", "Trump"), ("Britain", "UK"),
])
def test_same_name_same_key(a, b):
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize("a, b", [("Biden", "Trump"), ("He Lifeng", "Ren Hongbin"), ("US", "UK")])
def test_different_names_different_keys(a, b):
    assert name_key(a) != name_key(b)


def test_names_in_a_sentence_with_spans():
    text = "The Biden administration met Vice Premier He Lifeng and the China Council for the Promotion of Trade."
    names = names_in(text)
    assert [n.text for n in names] == ["Biden", "Vice Premier He Lifeng", "China Council for the Promotion of Trade"]
    assert all(text[n.start:n.end] == n.text for n in names)


def test_sentence_openers_and_contractions_are_not_names():
    assert [n.text for n in names_in("We’ll see. The plan failed. In March it rained.")] == ["March"]
