"""Discrepancies a reviewer would want called out, and look-alikes that must stay silent."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import align
from align.discrepancies import examine
from align.model import Fact, Mention

LEAD = "The harbour authority said on {day} that the storm caused {loss} in damage to the docks, its chief {quote}."


def pair(a: str, b: str) -> Fact:
    """Two sources' sentences put in one fact by hand, examined."""
    alignment = align.align([a, b], threshold=0.99)
    fact = Fact("f", 1.0, (Mention("text1", 0), Mention("text2", 0)))
    return examine(fact, {s.id: s for s in alignment.sources})


def kinds(fact: Fact) -> list[tuple[str, str]]:
    return sorted((d.kind, d.severity) for d in fact.discrepancies)


def test_different_amounts_are_a_number_conflict_located_in_both_texts():
    fact = pair("The storm caused $5.5bn in damage to the docks.", "The storm caused $7 billion in damage to the docks.")
    (d,) = fact.discrepancies
    assert (d.kind, d.severity) == ("number", "conflict")
    assert [v.text for v in d.values] == ["$5.5bn", "$7 billion"]
    assert [v.normalized for v in d.values] == ["5500000000 USD", "7000000000 USD"]


@pytest.mark.parametrize("a, b", [
    ("$5.5bn", "$5.5 billion"), ("145 per cent", "145 percent"), ("$17bn", "$17 billion"),
    ("approximately 7%", "7%"), ("nearly 4,000", "4,000"), ("US$5.5 billion", "5.5 billion dollars"),
])
def test_formatting_variants_of_a_figure_are_never_reported(a, b):
    fact = pair(f"The storm caused {a} in damage to the docks.", f"The storm caused {b} in damage to the docks.")
    assert fact.discrepancies == ()


def test_figures_of_different_measures_are_not_compared():
    fact = pair("The group reported $17bn in sales from the region.", "Buyers placed $16bn in orders in the region.")
    assert not [d for d in fact.discrepancies if d.kind == "number"]


def test_two_days_for_one_event_conflict_and_a_vaguer_day_is_a_variant():
    conflict = pair("The minister visited the port on Tuesday.", "The minister visited the port on Thursday.")
    assert kinds(conflict) == [("date", "conflict")]
    variant = pair("The minister visited the port this week.", "The minister visited the port on Thursday.")
    assert kinds(variant) == [("date", "variant")]
    same = pair("The minister visited the port on Thursday.", "On Thursday the minister visited the port.")
    assert same.discrepancies == ()


def test_dates_of_different_events_in_one_fact_are_not_compared():
    fact = pair("The minister visited the port on Thursday.", "The visit followed an announcement on Tuesday.")
    assert not [d for d in fact.discrepancies if d.kind == "date"]


def test_different_governments_acting_is_an_entity_conflict():
    fact = pair("The Biden administration imposed new export curbs on the chips.",
                "President Trump’s administration imposed new export curbs on the chips.")
    assert kinds(fact) == [("entity", "conflict")]
    same = pair("The Trump administration imposed curbs.", "Trump’s administration imposed curbs.")
    assert same.discrepancies == ()


def test_reworded_quote_is_a_variant_but_an_excerpt_or_respelling_is_not():
    reworded = pair("He said “China is a very important market for us”.", "He said “China was a vital marketplace for us”.")
    assert kinds(reworded) == [("quote", "variant")]
    excerpt = pair("He said “China is a very important market for us and we hope to stay”.",
                   "He said “China is a very important market for us”.")
    assert excerpt.discrepancies == ()
    spelling = pair("She said “we will keep co-operating with the organisation”.",
                    "She said “We will keep cooperating with the organization.”")
    assert spelling.discrepancies == ()


def test_negating_the_shared_statement_is_flagged():
    fact = pair("The company has confirmed the plant will close next year.",
                "The company has not confirmed the plant will close next year.")
    assert kinds(fact) == [("negation", "conflict")]
    assert [v.text for v in fact.discrepancies[0].values if v.source == "text2"] == ["not"]


def test_word_diff_marks_shared_and_differing_words_by_span():
    fact = pair("The storm wrecked the northern docks.", "The storm flooded the northern docks.")
    first = fact.diff[0]
    text = "The storm wrecked the northern docks."
    assert {text[a:b] for a, b in first.shared} == {"storm", "northern", "docks"}
    assert {text[a:b] for a, b in first.differing} == {"wrecked"}


AMOUNT_FORMATS = ["${v}bn", "${v} billion", "US${v} billion", "{v} billion dollars"]
PERCENT_FORMATS = ["{v}%", "{v} per cent", "{v} percent", "about {v}%"]


@settings(max_examples=60, deadline=None)
@given(st.decimals(min_value="0.1", max_value="999", places=1), st.sampled_from(AMOUNT_FORMATS),
       st.sampled_from(AMOUNT_FORMATS), st.sampled_from(PERCENT_FORMATS), st.sampled_from(PERCENT_FORMATS))
def test_reformatting_values_never_yields_a_conflict(value, fa, fb, pa, pb):
    v = str(value.normalize()) if value == value.to_integral() else str(value)
    a = f"The firm lost {fa.format(v=v)} as shares fell {pa.format(v=v)} on the news."
    b = f"The firm lost {fb.format(v=v)} as shares fell {pb.format(v=v)} on the news."
    assert not [d for d in pair(a, b).discrepancies if d.severity == "conflict"]


def test_seed_discrepancies_carry_offsets_into_their_source(seed_alignment):
    for fact in seed_alignment.facts:
        for d in fact.discrepancies:
            for v in d.values:
                assert seed_alignment.source(v.source).text[v.start:v.end] == v.text


def test_one_disagreement_seen_by_many_source_pairs_is_reported_once():
    texts = ["The minister visited the port this week.", "The minister visited the port on Thursday.",
             "On Thursday the minister visited the port.", "The minister visited the port on Thursday, aides said."]
    alignment = align.align(texts, threshold=0.99)
    members = tuple(Mention(f"text{i + 1}", 0) for i in range(4))
    fact = examine(Fact("f", 1.0, members), {s.id: s for s in alignment.sources})
    (d,) = fact.discrepancies
    assert (d.kind, d.severity) == ("date", "variant")
    assert {v.source for v in d.values} == {"text1", "text2", "text3", "text4"}
    assert d.summary.count("text") == 4 and "\n" not in d.summary


def test_quotes_of_different_speakers_are_not_compared():
    fact = pair("Smith said “the harbour will reopen next spring”.", "Jones said “the harbour will never reopen this year”.")
    assert not [d for d in fact.discrepancies if d.kind == "quote"]


def test_a_name_only_one_source_mentions_is_not_a_conflict():
    fact = pair("Police arrested two men near the harbour.", "Harbour Police arrested two men near the docks.")
    assert not [d for d in fact.discrepancies if d.kind == "entity"]
