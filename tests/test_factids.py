"""Fact ids name a fact by its first sentence, so a reviewer's fact keeps its id when the
threshold changes, while its place in the list (and so its display number) may move."""
from __future__ import annotations

from dataclasses import replace

import pytest

from align import factids
from align.factids import fact_ids
from align.model import Mention, Sentence, Source
from align.pipeline import prepare, regroup
from align.sources import RawText

LEDGER = """The city council approved a new harbour budget of 2.3 billion dollars on Monday.
Dock workers protested outside city hall during the vote.
Mayor Ana Ruiz said the decision ended months of delay.
The ferry timetable will be reduced while the quay is repaired."""
WIRE = """Dock workers protested outside city hall as councillors debated.
On Monday the council passed the harbour budget, worth 2.5 billion dollars.
Ruiz, the mayor, said the vote ended a long delay.
Schools near the port will close early on Friday."""
GAZETTE = """The harbour budget passed on Monday after a long debate in the council.
A reduced ferry timetable will run during the repairs to the quay.
Protesting dock workers gathered outside city hall."""


@pytest.fixture(scope="module")
def prepared():
    return prepare([RawText("ledger", None, LEDGER), RawText("wire", None, WIRE), RawText("gazette", None, GAZETTE)])


def opened_by(alignment, source: str, sentence: int):
    return next(f for f in alignment.facts if (f.members[0].source, f.members[0].sentence) == (source, sentence))


def test_a_fact_keeps_its_id_when_the_threshold_changes_its_members_and_its_place(prepared):
    low, high = regroup(prepared, 0.1), regroup(prepared, 0.8)
    for sentence in range(4):  # each fact the ledger opens
        before, after = opened_by(low, "ledger", sentence), opened_by(high, "ledger", sentence)
        assert before.id == after.id
    budget_low, budget_high = opened_by(low, "ledger", 1), opened_by(high, "ledger", 1)
    assert budget_low.members != budget_high.members  # it lost a member at the higher threshold ...
    place_low = {f.id: n for n, f in enumerate(low.facts)}
    moved = [f for n, f in enumerate(high.facts) if f.id in place_low and place_low[f.id] != n]
    assert moved  # ... and facts kept their ids where their place in the list changed


def test_ids_are_unique_short_and_the_same_on_every_run(prepared):
    for threshold in (0.05, 0.15, 0.3, 0.9):
        ids = [f.id for f in regroup(prepared, threshold).facts]
        assert len(set(ids)) == len(ids)
        assert all(i.startswith("f") and len(i) == 6 for i in ids)
    assert [f.id for f in regroup(prepared, 0.2).facts] == [f.id for f in regroup(prepare(
        [RawText("ledger", None, LEDGER), RawText("wire", None, WIRE), RawText("gazette", None, GAZETTE)]), 0.2).facts]


SOURCE = Source("a", None, None, "One two. Three four. Five six.",
                (Sentence(0, 0, 8, "One two."), Sentence(1, 9, 20, "Three four."), Sentence(2, 21, 30, "Five six.")))
OTHER = replace(SOURCE, id="b")
SOURCES = {"a": SOURCE, "b": OTHER}


def test_facts_opening_on_one_sentence_differ_and_the_largest_keeps_the_plain_id():
    alone = fact_ids([(Mention("a", 0), Mention("b", 0), Mention("b", 1))], SOURCES)
    together = fact_ids([(Mention("a", 0), Mention("b", 2)),
                         (Mention("a", 0), Mention("b", 0), Mention("b", 1))], SOURCES)
    assert len(set(together)) == 2
    assert together[1] == alone[0]


def test_the_clause_a_sentence_reports_a_fact_through_tells_two_facts_apart():
    ids = fact_ids([(Mention("a", 1, clause=(9, 14)), Mention("b", 0)),
                    (Mention("a", 1, clause=(15, 20)), Mention("b", 2))], SOURCES)
    assert len(set(ids)) == 2 and all(len(i) == 6 for i in ids)


def test_colliding_short_digests_are_lengthened_and_ids_stay_unique(monkeypatch):
    monkeypatch.setattr(factids, "SHORT", 1)  # one character: three facts cannot all differ
    ids = fact_ids([(Mention("a", n), Mention("b", n)) for n in range(3)] + [(Mention("b", 0),)], SOURCES)
    assert len(set(ids)) == 4
    assert any(len(i) == 1 + factids.LONG for i in ids)
