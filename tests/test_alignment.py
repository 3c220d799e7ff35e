"""Grouping: reordered and paraphrased reports of one fact meet; topic words alone do not."""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import align
from align import features
from align.model import Alignment

A = """The city council approved a $2.3 billion budget for the harbour on Monday.
Mayor Ana Ruiz said the vote ended months of delay.
Dock workers staged a protest outside city hall during the debate.
The budget includes funds for dredging the northern channel."""

B = """Protesting dock workers gathered outside city hall while councillors debated.
On Monday the council passed the harbour budget of $2.3bn.
Money for dredging the north channel is part of the plan.
The harbour authority declined to comment."""

C = """Mayor Ana Ruiz welcomed the vote, saying months of delay were over.
The harbour's $2.3 billion budget cleared the city council on Monday.
Local schools will close early on Friday for a teacher training day."""


def fact_of(alignment: Alignment, source: str, needle: str):
    src = alignment.source(source)
    index = next(s.index for s in src.sentences if needle in s.text)
    return next(f for f in alignment.facts if any(m.source == source and m.sentence == index for m in f.primary))


@pytest.fixture(scope="module")
def three() -> Alignment:
    return align.align([A, B, C])


def test_reordered_paraphrases_form_one_fact(three):
    budget = fact_of(three, "text1", "approved a $2.3 billion")
    assert set(budget.sources) == {"text1", "text2", "text3"}
    assert fact_of(three, "text2", "passed the harbour budget") == budget
    protest = fact_of(three, "text1", "protest outside")
    assert fact_of(three, "text2", "Protesting dock workers") == protest
    assert protest != budget


def test_sentence_nobody_else_reports_is_single_source(three):
    schools = fact_of(three, "text3", "schools will close")
    assert schools.single_source and len(schools.members) == 1
    assert 0.0 <= schools.score <= 1.0


def test_every_sentence_in_a_fact_and_scores_in_range(three):
    placed = {(m.source, m.sentence) for f in three.facts for m in f.primary}
    for src in three.sources:
        for s in src.sentences:
            assert ((src.id, s.index) in placed) != s.boilerplate
    assert all(0.0 <= f.score <= 1.0 for f in three.facts)


def test_a_fact_takes_only_a_few_sentences_of_one_source(seed_alignment):
    """A source restates a fact now and then; a fact holding many of its sentences is a topic."""
    from align.grouping import MAX_PER_SOURCE

    for fact in seed_alignment.facts:
        assert max(Counter(m.source for m in fact.primary).values()) <= 2 * MAX_PER_SOURCE, fact


def test_same_topic_does_not_chain_into_one_fact(seed_alignment):
    """Five articles on one visit share most words; no fact may swallow them."""
    sources = len(seed_alignment.sources)
    largest = max(len(f.primary) for f in seed_alignment.facts)
    assert largest <= 2 * sources
    shared = [f for f in seed_alignment.facts if not f.single_source]
    assert len(shared) >= 10


def test_same_input_same_alignment():
    assert align.to_json(align.align([A, B, C])) == align.to_json(align.align([A, B, C]))


def test_threshold_trades_facts_for_precision(three):
    loose = align.align([A, B, C], threshold=0.05)
    strict = align.align([A, B, C], threshold=1.0)
    assert sum(not f.single_source for f in strict.facts) <= sum(not f.single_source for f in three.facts)
    assert all(f.single_source for f in strict.facts)
    assert len(loose.facts) <= len(three.facts)


def test_similarity_is_symmetric_bounded_and_ranks_paraphrase_first():
    a = "The council approved the harbour budget on Monday."
    para = "On Monday the harbour budget was approved by the council."
    other = "Schools will close early on Friday for training."
    assert align.similarity(a, para) == pytest.approx(align.similarity(para, a))
    assert 0.0 <= align.similarity(a, other) < 0.5 < align.similarity(a, para) <= 1.0


def same_as_itself(a: str, b: str) -> bool:
    """Whether `b` scores with `a` exactly as `a` does with itself: one and the same wording."""
    return align.similarity(a, b) == pytest.approx(align.similarity(a, a))


def test_figures_match_across_formats():
    assert same_as_itself("Sales hit $5.5bn.", "Sales hit $5.5 billion.")


def test_british_and_american_spelling_match():
    assert same_as_itself("Plans were finalised.", "Plans were finalized.")


def test_mixed_events_keep_their_facts_apart():
    """Two articles on a quake and two on a cup final, all in Arlo on Tuesday: place and day
    alone never make a fact of one event's sentence and the other's."""
    quake = ["A magnitude 6.1 earthquake struck the coastal town of Arlo on Tuesday. Rescue teams pulled "
             "survivors from collapsed buildings. The regional governor declared an emergency.",
             "Rescuers searched collapsed buildings in Arlo after Tuesday's 6.1 earthquake. An emergency was "
             "declared by the governor. Aftershocks rattled the coast overnight."]
    match = ["United beat City 3-1 on Tuesday in the cup final at Arlo stadium. Their captain scored twice. "
             "Fans celebrated in the streets until late.",
             "City lost the cup final 3-1 to United in Arlo on Tuesday. The captain's double settled it. "
             "Supporters partied through the night."]
    result = align.align(quake + match)
    for fact in result.facts:
        kinds = {("quake" if int(m.source[4:]) <= 2 else "match") for m in fact.members}
        assert len(kinds) == 1, fact
    assert sum(not f.single_source for f in result.facts) >= 3


def test_paths_are_read_and_strings_are_texts(tmp_path: Path):
    p = tmp_path / "harbour.txt"
    p.write_text(A)
    result = align.align([p, B])
    assert [s.id for s in result.sources] == ["harbour", "text2"]
    assert result.source("harbour").path == str(p)
    clash = tmp_path / "text1.txt"
    clash.write_text(C)
    mixed = align.align([A, clash, B])
    assert [s.id for s in mixed.sources] == ["text1", "text1-2", "text3"]
    assert [s.text for s in mixed.sources] == [A, C, B]


def test_a_long_name_matches_its_acronym_when_the_input_uses_it():
    a = "Production is outsourced to Taiwan Semiconductor Manufacturing Company in Hsinchu."
    b = "Production is outsourced to TSMC in Hsinchu."
    c = "Production is outsourced to a contractor in Hsinchu."
    assert align.similarity(a, b) > align.similarity(a, c)


def test_a_qualifier_does_not_make_a_figure_another_term():
    assert same_as_itself("They pledged $500bn.", "They pledged about $500 billion.")


def test_a_country_matches_however_it_is_written():
    base = "Curbs announced by {} hit chip sales."
    assert same_as_itself(base.format("the United States"), base.format("the U.S."))
    assert not same_as_itself(base.format("the United States"), base.format("the United Kingdom"))


def test_a_shared_small_count_is_weaker_evidence_than_a_shared_amount_of_money():
    two = align.similarity("Two officials met the minister.", "Two engineers left the company.")
    money = align.similarity("Officials pledged $40 billion.", "Engineers were paid $40 billion.")
    assert two < money


# Claims are cut by a pattern written for speed (`features._CLAUSE_BREAK`): it must cut every text
# where the plain pattern it stands for does, runs of spaces and marks included.
_PLAIN_CLAUSE_BREAK = re.compile(
    r"(?<!\s)(?:\s*[,;:]\s+|\s+[—–]\s*|\s+-{1,2}\s+|\s+(?=(?:and|but|while|whereas|after|before|because|although"
    r"|though|since|until|as|which|who|whom|where|when|amid|despite|following)\s))")


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from([" ", "  ", "\n", "\t", ",", ";", ":", "—", "–", "-", "--", "and", "which", "while",
                                 "x", "as", "asks", "a"]), max_size=14))
def test_claims_are_cut_where_the_plain_pattern_cuts_them(parts: list[str]) -> None:
    text = "".join(parts)
    assert [m.span() for m in features._CLAUSE_BREAK.finditer(text)] == \
        [m.span() for m in _PLAIN_CLAUSE_BREAK.finditer(text)]
