"""Words of direction and outcome, and what they are about."""
from __future__ import annotations

import pytest

from align.polarity import polar_words


def only(text: str):
    (p,) = polar_words(text)
    return p


@pytest.mark.parametrize("text, axis, sign", [
    ("Shares fell 7% on Monday.", "change", -1), ("Exports were up 4%.", "change", 1),
    ("The pound gained against the dollar.", "change", 1), ("The pound lost ground.", "change", -1),
    ("Inflation was higher than expected.", "change", 1), ("The Senate approved the bill.", "decision", 1),
    ("The court overturned the ban.", "decision", -1), ("The jury acquitted him.", "verdict", -1),
    ("The incumbent won the runoff.", "contest", 1), ("The incumbent lost the runoff.", "contest", -1),
])
def test_axis_and_sign(text, axis, sign):
    p = only(text)
    assert (p.axis, p.sign) == (axis, sign)


def test_subject_object_and_figure():
    p = only("Oil prices climbed 3% after the announcement.")
    assert p.subject == "price" and p.figure is not None and p.figure.text == "3%"
    p = only("The Senate rejected the spending bill.")
    assert p.subject == "senat" and p.object == {"spend", "bill"}


def test_a_passive_names_the_one_who_decided():
    p = only("The bill was rejected by the Senate.")
    assert (p.subject, p.object) == ("senat", frozenset({"bill"}))


@pytest.mark.parametrize("text", [
    "Higher education funding is a priority.", "The company set up a new unit.", "The lower house met.",
    "The minister stepped down.", "The toll passed 2,000.",
])
def test_words_that_only_look_like_directions(text):
    assert polar_words(text) == ()
