"""Quotations: who speaks them, and how two of one remark relate."""
from __future__ import annotations

from align.quotes import Relation, different_speakers, differing_words, quotes_in, relate, speaker


def q(text: str):
    (quote,) = quotes_in(text)
    return quote


def test_case_punctuation_spelling_and_abbreviation_dots_do_not_count():
    assert relate(q("“We back the U.S.A. fully,” he said."), q("“We back the USA fully”, he said."))[0] is Relation.SAME
    assert relate(q("“We will keep co-operating,” she said."), q("“we will keep cooperating.”"))[0] is Relation.SAME


def test_an_excerpt_a_misquote_and_another_remark():
    full = q("“We will rebuild this city, street by street,” she said.")
    assert relate(full, q("She vowed “we will rebuild this city”."))[0] is Relation.EXCERPT
    assert relate(full, q("She said “we shall rebuild the city, street by street”."))[0] is Relation.MISQUOTE
    assert relate(full, q("She said “the budget is not enough”."))[0] is Relation.UNRELATED
    assert relate(q("He said “we will win … this fight”."), q("He said “we will win and we will win this fight”."))[0] \
        is Relation.EXCERPT


def test_the_words_that_differ_are_those_where_the_quotations_run_side_by_side():
    left, right = differing_words(q("“China is a very important market for us, and we hope to stay”"),
                                  q("“China was a vital marketplace for us”"))
    assert (left, right) == ("is very important market", "was vital marketplace")


def test_speakers_by_name_or_by_noun():
    assert speaker("“It is over,” Mayor Lopez said.").name.key == "lopez"
    assert speaker("“It is over,” a spokesman said.").noun == "spokesman"
    assert speaker("“It is over,” he said.") is None
    assert different_speakers(speaker("“It is over,” the minister said."), speaker("“It is over,” the union said."))
    assert not different_speakers(speaker("“It is over,” Lopez said."), speaker("“It is over,” Mayor Ana Lopez said."))
