"""Article text built to hurt: whatever a page or a file holds, Parallax answers, and its work
grows with the text, never with the text squared.

Each of these inputs once took minutes (or raised) where it now takes under a second. The
"finishes" tests give a child process 20 s, a limit no linear run comes near (about 1 s) and
every one of the old quadratic runs passed (26 s to minutes); they guard against hangs, they do not measure speed (that is
`benchmarks/`).
"""
from __future__ import annotations

import subprocess
import sys
import textwrap
from collections import Counter

import pytest

import align
from align.features import MAX_CLAUSES, extract_terms
from align.figures import figures_in
from align.grouping import MAX_REPORTS_PER_SOURCE
from align.sentences import split_sentences

OTHER = "The council met on Monday. It rained in the city."

HOSTILE = {  # each was quadratic (or worse) in its size before
    "a run of 100,000 spaces inside a sentence": '"The council met. a" + " " * 100_000 + "b. The end."',
    "50,000 full stops with no space": '"." * 50_000',
    "one sentence of 25,000 clauses joined by 'and'": '" ".join(f"word{k} and" for k in range(25_000)) + "."',
    "one sentence of 30,000 commas": '"The council met, " * 30_000 + "and then it rained."',
    "one sentence naming 10,000 dates": '" ".join("on Monday 3 March 2024" for _ in range(10_000)) + "."',
    "20,000 sentences of three dots": '"He said... " * 20_000',
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_text_is_aligned_in_time_proportional_to_it(name):
    script = textwrap.dedent(f"""
        import align
        result = align.align([{HOSTILE[name]}, {OTHER!r}])
        print(len(result.facts))
    """)
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=20)
    assert run.returncode == 0, run.stderr[-2000:]
    assert int(run.stdout) >= 1


def test_a_number_thousands_of_digits_long_is_no_figure_and_breaks_nothing():
    digits = "7" * 5000  # past Python's limit for reading a number (4300 digits): it once raised
    assert not [f for f in figures_in(f"{digits} people died.") if len(f.text) > 100]
    result = align.align([f"{digits} people died in the flood. The council met on Monday.", OTHER])
    assert any(m.source == "text1" for f in result.facts for m in f.members)


def test_a_run_of_full_stops_is_one_sentence_and_spaced_stops_still_end_sentences():
    assert len(split_sentences("Wait" + "." * 50_000)) == 1
    assert [s.end for s in split_sentences("It rained... Then it stopped.")] == [12, 29]


def test_a_sentence_of_many_clauses_keeps_every_term_in_at_most_eight_claims():
    sentence = ", ".join(f"the mayor said plan {k} would cost {k} million" for k in range(40)) + "."
    terms = extract_terms(sentence)
    assert 1 < len(terms.clauses) <= MAX_CLAUSES == 8
    in_clauses = set().union(*(c.terms for c in terms.clauses))
    assert terms.words <= in_clauses  # nothing said is dropped, the tail is one last claim


def test_a_sentence_an_article_repeats_gets_a_fact_id_per_copy():
    repeated = "The bridge closed at noon. " * 300 + "Traffic moved to the ring road."
    result = align.align([repeated, "The bridge was closed at noon on Friday. Traffic moved to the ring road."])
    ids = [f.id for f in result.facts]
    assert len(ids) == len(set(ids))
    placed = {m.sentence for f in result.facts for m in f.members if m.source == "text1"}
    assert placed == set(range(301))  # every copy is in a fact, each fact with its own id


def test_a_fact_holds_at_most_six_sentences_of_one_source_however_often_it_repeats_them():
    repeated = "The bridge closed at noon on Friday. " * 50
    result = align.align(["The bridge closed at noon on Friday, police said.", repeated,
                          "Police said the bridge closed at noon on Friday."])
    most = max(Counter(m.source for m in f.members).most_common(1)[0][1] for f in result.facts)
    assert most <= MAX_REPORTS_PER_SOURCE == 6
    shared = [f for f in result.facts if {"text1", "text3"} <= set(f.sources)]
    assert shared and "text2" in shared[0].sources  # the repeats still report the fact
