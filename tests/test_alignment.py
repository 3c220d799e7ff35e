"""Grouping: reordered and paraphrased reports of one fact meet; topic words alone do not."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

import align
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


def test_each_source_reports_a_fact_once_unless_it_split_it(seed_alignment):
    for fact in seed_alignment.facts:
        for source, n in Counter(m.source for m in fact.primary).items():
            if n > 1:
                indices = sorted(m.sentence for m in fact.primary if m.source == source)
                assert n == 2 and indices[1] - indices[0] == 1, fact


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
    strict = align.align([A, B, C], threshold=0.9)
    assert sum(not f.single_source for f in strict.facts) <= sum(not f.single_source for f in three.facts)
    assert all(f.single_source for f in strict.facts)
    assert len(loose.facts) <= len(three.facts)


def test_similarity_is_symmetric_bounded_and_ranks_paraphrase_first():
    a = "The council approved the harbour budget on Monday."
    para = "On Monday the harbour budget was approved by the council."
    other = "Schools will close early on Friday for training."
    assert align.similarity(a, para) == pytest.approx(align.similarity(para, a))
    assert 0.0 <= align.similarity(a, other) < align.similarity(a, para) <= 1.0
    assert align.similarity(a, a) == pytest.approx(1.0)


def test_figures_match_across_formats():
    assert align.similarity("Sales hit $5.5bn.", "Sales hit $5.5 billion.") == pytest.approx(1.0)


def test_british_and_american_spelling_match():
    assert align.similarity("Plans were finalised.", "Plans were finalized.") == pytest.approx(1.0)


def test_mixed_events_keep_their_facts_apart():
    quake = ["A magnitude 6.1 earthquake struck the coastal town of Arlo on Tuesday.",
             "Rescue teams pulled survivors from collapsed buildings in Arlo on Tuesday."]
    match = ["United beat City 3-1 on Tuesday in the cup final at Arlo stadium.",
             "Fans celebrated United's cup final win over City late on Tuesday."]
    result = align.align(quake + match)
    for fact in result.facts:
        kinds = {("quake" if int(m.source[4:]) <= 2 else "match") for m in fact.primary}
        assert len(kinds) == 1, fact


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
    assert align.similarity("They pledged about $500 billion.", "They pledged $500bn.") == pytest.approx(1.0)


def test_a_country_matches_however_it_is_written():
    base = "Curbs announced by {} hit chip sales."
    assert align.similarity(base.format("the United States"), base.format("the U.S.")) == pytest.approx(1.0)
    assert align.similarity(base.format("the United States"), base.format("the United Kingdom")) < 1.0


def test_a_shared_small_count_is_weaker_evidence_than_a_shared_amount_of_money():
    two = align.similarity("Two officials met the minister.", "Two engineers left the company.")
    money = align.similarity("Officials pledged $40 billion.", "Engineers were paid $40 billion.")
    assert two < money
