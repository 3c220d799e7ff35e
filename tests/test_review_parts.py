"""The review's small parts the screen relies on: tints that neighbours never share, where new
files go (and that none is written over), undo history, and the words facts are described in."""
from __future__ import annotations

import os
from dataclasses import replace
from itertools import pairwise
from pathlib import Path

import handbuilt as h
import pytest

from align.model import Alignment, Fact, Mention, Sentence, SentenceRef, Source
from review.destination import folders, write_new
from review.history import Change, History, Said
from review.index import PALETTE_SIZE, FactIndex
from review.verdicts import FactVerdict
from review.words import coverage, disagreements, score, summary


def many_neighbours(sources: int = 3, facts: int = 40) -> Alignment:
    """`sources` articles of `facts` sentences each, sentence k of every one reporting fact k,
    but every other article in another order, so that a fact has several neighbours."""
    made, members = [], {k: [] for k in range(facts)}
    for s in range(sources):
        order = list(range(facts)) if s % 2 == 0 else [(k * 7) % facts for k in range(facts)]
        text, sentences = "", []
        for n, k in enumerate(order):
            words = f"Sentence {k} of the story."
            sentences.append(Sentence(n, len(text), len(text) + len(words), words))
            text += words + " "
            members[k].append(Mention(f"s{s}", n))
        made.append(Source(f"s{s}", None, None, text, tuple(sentences)))
    return Alignment(tuple(made), tuple(Fact(f"f{k}", 0.5, tuple(members[k])) for k in range(facts)), 0.2)


def test_facts_next_to_each_other_in_any_source_never_share_a_tint():
    alignment = many_neighbours()
    index = FactIndex(alignment)
    used = set()
    for source in alignment.sources:
        tints = [index.tint(index.owner(SentenceRef(source.id, s.index))) for s in source.sentences]
        assert all(a != b for a, b in pairwise(tints)), source.id
        used |= set(tints)
    assert None not in used and len(used) == PALETTE_SIZE  # and the palette is used in turn


def test_facts_one_source_has_get_no_tint_and_numbers_follow_reading_order():
    index = FactIndex(h.ALIGNMENT)
    assert index.tint(h.fact("schools")) is None and index.tint(h.fact("budget")) is not None
    assert [index.number(f) for f in h.ALIGNMENT.facts] == list(range(1, len(h.ALIGNMENT.facts) + 1))


def test_new_files_go_to_the_first_folder_that_takes_them_and_never_over_another(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    not_a_folder = tmp_path / "a-file"
    not_a_folder.write_text("x")
    good = tmp_path / "good"
    first = write_new([not_a_folder, good], "report.md", "one")
    assert first == good / "report.md" and first.read_text() == "one"
    second = write_new([good], "report.md", "two")
    assert second == good / "report-2.md" and first.read_text() == "one"
    (good / "report-3.md").symlink_to(tmp_path / "elsewhere.md")  # a link by that name is not followed
    assert write_new([good], "report.md", "three") == good / "report-4.md"
    assert not (tmp_path / "elsewhere.md").exists()
    last = write_new([not_a_folder], "shot.svg", "<svg/>")
    assert last.parent == tmp_path / "state" / "parallax" and last.read_text() == "<svg/>"
    assert not [p for p in good.iterdir() if p.name.startswith(".")]  # no temporary file left


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_current_folder_sends_files_to_the_review_folder(tmp_path, monkeypatch):
    here = tmp_path / "here"
    here.mkdir(mode=0o555)
    monkeypatch.chdir(here)
    target = write_new(folders(tmp_path / "reviews" / "r.review.json"), "report.md", "x")
    assert target == tmp_path / "reviews" / "report.md"


def test_a_current_folder_that_was_deleted_sends_files_to_the_review_folder(tmp_path, monkeypatch):
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    here.rmdir()
    target = write_new(folders(tmp_path / "reviews" / "r.review.json"), "report.md", "x")
    assert target == tmp_path / "reviews" / "report.md"


def test_the_current_folder_comes_first_then_the_review_files():
    assert folders(Path("/somewhere/r.review.json")) == [Path.cwd(), Path("/somewhere")]
    assert folders(None) == [Path.cwd()]


def test_history_undoes_and_redoes_in_order_and_a_new_change_drops_the_redos():
    fact = h.fact("budget")
    one = Change(fact, None, Said(), Said(FactVerdict.CONFIRMED))
    two = Change(fact, None, Said(FactVerdict.CONFIRMED), Said(FactVerdict.DISPUTED))
    history = History().recorded(one).recorded(two)
    change, history = history.undo()
    assert change == Change(fact, None, Said(FactVerdict.DISPUTED), Said(FactVerdict.CONFIRMED))
    change, history = history.redo()
    assert change == two
    _, history = history.undo()
    history = history.recorded(Change(fact, None, Said(FactVerdict.CONFIRMED), Said(note="checked")))
    assert history.redo() == (None, history)
    assert History().recorded(Change(fact, None, Said(), Said())) == History()  # nothing changed: nothing to undo


def test_summaries_name_the_sources_they_list_by_label():
    budget = h.fact("budget")
    labelled = replace(h.ALIGNMENT, sources=tuple(replace(s, label=s.id.upper()) for s in h.ALIGNMENT.sources))
    index = FactIndex(labelled)
    said = replace(budget.discrepancies[0], summary=f"“$2.3 billion” ({h.HERALD}, {h.TIMES}) vs “$2.5bn” ({h.WIRE}) "
                                                   "(and a remark, in parentheses)")
    assert summary(said, index) == ("“$2.3 billion” (HARBOUR-HERALD, BAY-TIMES) vs “$2.5bn” (CITY-WIRE) "
                                    "(and a remark, in parentheses)")


def test_facts_are_described_in_plain_words():
    index = FactIndex(h.ALIGNMENT)
    assert coverage(index, h.fact("budget")) == "reported by 3 sources, missing from 1"
    assert coverage(index, h.fact("protest")) == "reported by 3 sources, mentioned by 1"
    assert coverage(index, h.fact("schools")) == "only city-wire has it"
    assert score(h.fact("budget")) == "agreement 0.50 (how alike)"
    assert score(h.fact("schools")) == "0.90 sure no other source has it"
    assert disagreements(h.fact("budget")) == "figures differ, dates differ"
    assert disagreements(h.fact("ferries")) == "named differently"


def test_the_source_quoting_a_shorter_excerpt_is_named_by_its_label():
    import align
    from align.sources import RawText

    alignment = align.align([
        RawText("harbour_4f2a9c1e", None, "“We will not give up on this harbour,” the mayor said on Monday.",
                label="Herald"),
        RawText("wire_77b0d3aa", None, "The mayor said on Monday that the city “will not give up”.", label="Wire"),
    ])
    said = [summary(d, FactIndex(alignment)) for f in alignment.facts for d in f.discrepancies]
    assert any("shorter excerpt in (Wire)" in s for s in said), said
    assert not any("wire_77b0d3aa" in s for s in said)


def test_a_disagreement_is_said_to_be_of_its_kind_once():
    """The screen and the report open each disagreement with its kind in their own words ("dates
    differ (cannot both be true)"); the engine's summary after it does not say it again."""
    import align
    from review.index import Review
    from review.report import report
    from review.words import disagreement

    alignment = align.align([
        "The council approved the harbour budget on Monday after a long debate.",
        "The council approved the harbour budget on Tuesday after a long debate.",
    ])
    index = FactIndex(alignment)
    found = [d for f in alignment.facts for d in f.discrepancies]
    assert found and all(d.summary.startswith("different dates") for d in found)  # the engine says its kind
    for d in found:
        said = summary(d, index)
        assert said.startswith(("“Monday”", "“on Monday”")), said
        assert "different dates" not in said
    written = report(Review(index))
    assert written.count("different dates") == 0 and disagreement(found[0]).capitalize() in written
