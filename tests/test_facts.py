"""Facts at the level of claims: a sentence reports several facts and is a full member of each;
the pair score is one calibrated probability, the same for grouping and for `align.similarity`."""
from __future__ import annotations

import pytest

import align
from align.candidates import MAX_CANDIDATES, candidate_pairs

VISIT = [
    "Nvidia chief Jensen Huang arrived in Beijing on Thursday, two days after Washington imposed new curbs "
    "on exports of the H20 chip.",
    "The company's shares closed 3% higher in New York.",
]
ONLY_THE_VISIT = [
    "Jensen Huang, who runs Nvidia, landed in Beijing on Thursday for talks with suppliers.",
    "Analysts expect demand for data-centre chips to stay strong this year.",
]
ONLY_THE_CURBS = [
    "Washington this week imposed new curbs on exports of Nvidia's H20 chip to China.",
    "A trade group warned that smaller suppliers would lose orders.",
]


def facts_of(alignment: align.Alignment, source: str, sentence: int) -> list[align.Fact]:
    return [f for f in alignment.facts if any(m.source == source and m.sentence == sentence and m.primary
                                               for m in f.members)]


def test_a_sentence_with_two_claims_is_a_full_member_of_both_facts():
    result = align.align([VISIT[0] + " " + VISIT[1], " ".join(ONLY_THE_VISIT), " ".join(ONLY_THE_CURBS)])
    both = facts_of(result, "text1", 0)
    partners = [{m.source for m in f.members} - {"text1"} for f in both]
    assert {"text2"} in partners and {"text3"} in partners
    visit = next(f for f in both if "text2" in f.sources)
    curbs = next(f for f in both if "text3" in f.sources)
    text = result.source("text1").text

    def clause(fact: align.Fact) -> str:
        member = next(m for m in fact.members if m.source == "text1")
        assert member.clause is not None
        return text[member.clause[0]:member.clause[1]]

    assert "Beijing" in clause(visit) and "curbs" not in clause(visit)
    assert "curbs" in clause(curbs) and "Beijing" not in clause(curbs)


def test_the_pair_score_of_a_fact_is_align_similarity():
    """`similarity` is the grouping's own score, not a cousin of it: given the two articles, a
    two-sentence fact scores exactly what `similarity` says of its sentences."""
    a = ["The council approved the harbour budget on Monday.", "Dock workers protested outside.",
         "The mayor praised the vote."]
    b = ["On Monday the harbour budget was approved by the council.", "Schools close early on Friday.",
         "Rain is forecast for the weekend."]
    result = align.align([" ".join(a), " ".join(b)])
    fact = next(f for f in result.facts if set(f.sources) == {"text1", "text2"} and len(f.members) == 2)
    first, second = (result.sentence(m).text for m in fact.members)
    within = (" ".join(a), " ".join(b))
    assert fact.score == pytest.approx(align.similarity(first, second, within), abs=1e-4)
    assert fact.score != pytest.approx(align.similarity(first, second), abs=1e-4)  # the articles matter


def test_a_word_rare_in_english_is_better_evidence_than_a_common_one():
    """Each shared word is in one sentence per article, so the input alone cannot tell them
    apart; English can: 'Xinjiang' says more than 'people'."""
    rare = align.similarity("Reporters reached Xinjiang late.", "Xinjiang was quiet yesterday.")
    common = align.similarity("Reporters reached people late.", "People were quiet yesterday.")
    assert rare > common


def test_candidate_pairs_are_bounded_per_sentence():
    """However repetitive the input, each sentence brings at most MAX_CANDIDATES pairs to score."""
    vectors = [{"harbour": 0.5, "budget": 0.5, "council": 0.5, "monday": 0.5}] * 600
    sources = [n % 3 for n in range(600)]
    pairs = candidate_pairs(sources, vectors)
    assert 0 < len(pairs) <= 600 * MAX_CANDIDATES
    assert all(sources[i] != sources[j] and i < j for i, j in pairs)


def test_the_same_input_gives_the_same_bytes_whatever_the_string_hashing(tmp_path):
    """Copies of one story tie everywhere; ties must not be broken by the order Python's salted
    string hashing happens to give a set."""
    import os
    import subprocess
    import sys

    story = " ".join(VISIT + ONLY_THE_VISIT + ONLY_THE_CURBS)
    for k in range(8):
        (tmp_path / f"desk{k}.txt").write_text(f"{story}\n\nFiled by desk {k}.\n", encoding="utf-8")
    outputs = {
        subprocess.run([sys.executable, "-m", "cli", "--json", str(tmp_path)], capture_output=True, check=True,
                       env={**os.environ, "PYTHONHASHSEED": seed}).stdout
        for seed in ("1", "2", "3")
    }
    assert len(outputs) == 1
