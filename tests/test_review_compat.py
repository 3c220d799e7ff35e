"""Review files written before issue 10 still load, keep every verdict on the same fact and
discrepancy, and come out of the JSON and the report as they did (tests/data/review-v1.*, made
by tests/data/make_review_v1.py with the code of that time)."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import handbuilt as h

from review.export import to_dict
from review.index import FactIndex, Review
from review.report import report
from review.session import ReviewSession
from review.store import load, save
from review.verdicts import attach

DATA = Path(__file__).parent / "data"
OLD = DATA / "review-v1.review.json"


def test_an_old_review_file_places_every_verdict_where_it_was():
    state = load(OLD, [], move_aside=False)
    attached = attach(state, h.ALIGNMENT)
    budget, mayor, ferries, schools = (h.fact(x) for x in ("budget", "mayor", "ferries", "schools"))
    assert {fid: (j.verdict, j.note) for fid, j in attached.facts.items()} == {
        budget.id: ("confirmed", "minutes checked — vérifié"),
        mayor.id: (None, "ask the [bold]mayor's[/] office"),
        schools.id: ("unclear", ""),
    }
    assert {key: j.verdict for key, j in attached.discrepancies.items()} == {
        (budget.id, 0): "real", (budget.id, 1): "not a discrepancy", (ferries.id, 0): "real"}
    assert [j.excerpt for j in attached.orphans] == ["Port schools will close early on Friday."]
    assert state.threshold == 0.25


def test_an_old_review_file_is_written_back_byte_for_byte(tmp_path: Path):
    copy = tmp_path / "r.review.json"
    save(copy, load(OLD, [], move_aside=False))
    assert copy.read_bytes() == OLD.read_bytes()


def test_the_json_and_the_report_of_an_old_review_are_unchanged():
    review = Review(FactIndex(h.ALIGNMENT), attach(load(OLD, [], move_aside=False), h.ALIGNMENT))
    part = to_dict(review, "review-v1.review.json")["review"]
    assert json.dumps(part, ensure_ascii=False, indent=2) + "\n" == (DATA / "review-v1.export.json").read_text()
    assert report(review) == (DATA / "review-v1.report.md").read_text()


def test_a_session_resumes_an_old_review_where_it_was_left(tmp_path: Path):
    path = tmp_path / "r.review.json"
    shutil.copy(OLD, path)
    session = ReviewSession(path, tuple(s.id for s in h.ALIGNMENT.sources))
    assert session.open() is None
    at = session.resume_at(h.ALIGNMENT)
    assert at is not None and h.ALIGNMENT.sentence(at).text.startswith("Mayor Ana Ruiz")
