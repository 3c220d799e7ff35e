"""Behaviour of the rule-based sentence splitter, as a reader would judge it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from align.sentences import SentenceSpan, split_paragraphs, split_sentences


def sentences(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Trade rules come from the U.S. Department of Commerce. They changed.",
            ["Trade rules come from the U.S. Department of Commerce.", "They changed."],
            id="us-before-proper-noun",
        ),
        pytest.param(
            "The firm is based in the U.S. The company said so.",
            ["The firm is based in the U.S.", "The company said so."],
            id="us-at-sentence-end",
        ),
        pytest.param(
            "Sales rose in the U.S.A. and the U.K. Both grew.",
            ["Sales rose in the U.S.A. and the U.K.", "Both grew."],
            id="dotted-acronyms",
        ),
        pytest.param(
            "Sales rose in the U.K. “We are pleased,” he said.",
            ["Sales rose in the U.K.", "“We are pleased,” he said."],
            id="acronym-then-opening-quote",
        ),
        pytest.param(
            "Dr. Smith met Mr. Jones and Mrs. Brown. Prof. Lee and Gen. Patton did not.",
            ["Dr. Smith met Mr. Jones and Mrs. Brown.", "Prof. Lee and Gen. Patton did not."],
            id="titles",
        ),
        pytest.param(
            "Sen. Warren and Lt. Col. Vindman spoke at St. Paul's.",
            ["Sen. Warren and Lt. Col. Vindman spoke at St. Paul's."],
            id="stacked-titles",
        ),
        pytest.param(
            "Nvidia Corp. Chief Executive Jensen Huang spoke.",
            ["Nvidia Corp. Chief Executive Jensen Huang spoke."],
            id="corp-mid-sentence",
        ),
        pytest.param(
            "He works at Acme Corp. The firm makes anvils. Its rival is Road Inc. However, sales fell.",
            [
                "He works at Acme Corp.",
                "The firm makes anvils.",
                "Its rival is Road Inc.",
                "However, sales fell.",
            ],
            id="corp-inc-at-sentence-end",
        ),
        pytest.param(
            "Martin Luther King Jr. Day is a holiday.",
            ["Martin Luther King Jr. Day is a holiday."],
            id="jr-before-name",
        ),
        pytest.param(
            "The deal closed on Jan. 5 and Sept. 12. Dec. 3 was quiet.",
            ["The deal closed on Jan. 5 and Sept. 12.", "Dec. 3 was quiet."],
            id="months-before-digits",
        ),
        pytest.param(
            "The meeting starts at 3 p.m. Monday in Beijing. It ends at 9 a.m. The next day is free.",
            [
                "The meeting starts at 3 p.m. Monday in Beijing.",
                "It ends at 9 a.m.",
                "The next day is free.",
            ],
            id="am-pm",
        ),
        pytest.param(
            "Some chips, i.e. the H20, are banned. Others, e.g. 5 older models, vs. 3 newer ones, are not.",
            [
                "Some chips, i.e. the H20, are banned.",
                "Others, e.g. 5 older models, vs. 3 newer ones, are not.",
            ],
            id="latin-abbreviations",
        ),
        pytest.param(
            "It costs approx. 5 dollars, tools etc. are extra. Smith et al. The study agreed.",
            [
                "It costs approx. 5 dollars, tools etc. are extra.",
                "Smith et al.",
                "The study agreed.",
            ],
            id="approx-etc-et-al",
        ),
        pytest.param(
            "J. R. R. Tolkien met George W. Bush. They talked.",
            ["J. R. R. Tolkien met George W. Bush.", "They talked."],
            id="initials",
        ),
        pytest.param(
            "See No. 5 in Vol. 2, pp. 10-12 and Fig. 3. Art. 7 applies.",
            ["See No. 5 in Vol. 2, pp. 10-12 and Fig. 3.", "Art. 7 applies."],
            id="reference-abbreviations",
        ),
        pytest.param(
            "Nvidia expects a $5.5bn. Shares fell 1.5 million times to 3.14 each.",
            ["Nvidia expects a $5.5bn.", "Shares fell 1.5 million times to 3.14 each."],
            id="figures",
        ),
        pytest.param(
            "It expects a $5.5 billion hit. 2024 was worse.",
            ["It expects a $5.5 billion hit.", "2024 was worse."],
            id="digit-starts-sentence",
        ),
        pytest.param(
            "The hit was $5.5bn.",
            ["The hit was $5.5bn."],
            id="figure-at-text-end",
        ),
        pytest.param(
            "He said: “China is vital.” The visit went well.",
            ["He said: “China is vital.”", "The visit went well."],
            id="curly-quote-then-capital",
        ),
        pytest.param(
            'He said: "China is vital." The visit went well.',
            ['He said: "China is vital."', "The visit went well."],
            id="straight-quote-then-capital",
        ),
        pytest.param(
            "He left. “We will stay,” he said. ‘Fine.’ She nodded.",
            ["He left.", "“We will stay,” he said.", "‘Fine.’", "She nodded."],
            id="opening-quote-starts-sentence",
        ),
        pytest.param(
            "“China is vital.” — Jensen Huang, in Beijing",
            ["“China is vital.” — Jensen Huang, in Beijing"],
            id="closing-quote-then-dash",
        ),
        pytest.param(
            "“Is it vital?” he asked. “Yes!” she said.",
            ["“Is it vital?” he asked.", "“Yes!” she said."],
            id="closing-quote-then-lowercase",
        ),
        pytest.param(
            "Huawei is “China’s most formidable tech company.” Nvidia agrees.",
            ["Huawei is “China’s most formidable tech company.”", "Nvidia agrees."],
            id="nested-curly-quotes",
        ),
        pytest.param(
            "It wasn’t a courtesy call—DeepSeek is a threat. The stakes — high — rose. Then it ended. — Not quite.",
            [
                "It wasn’t a courtesy call—DeepSeek is a threat.",
                "The stakes — high — rose.",
                "Then it ended. — Not quite.",
            ],
            id="em-dashes",
        ),
        pytest.param(
            "He paused… Then he left. Wait... what? Really?! Yes. (It was over.) [Sic.] Done.",
            [
                "He paused…",
                "Then he left.",
                "Wait... what?",
                "Really?!",
                "Yes.",
                "(It was over.)",
                "[Sic.]",
                "Done.",
            ],
            id="ellipses-interrobang-brackets",
        ),
        pytest.param(
            "Unlock the Editor’s Digest\nPublished\nConnect with us",
            ["Unlock the Editor’s Digest", "Published", "Connect with us"],
            id="headlines-without-punctuation",
        ),
        pytest.param(
            "First line. Second\nThird line",
            ["First line.", "Second", "Third line"],
            id="never-crosses-line-break",
        ),
    ],
)
def test_splits_as_a_reader_would(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_quote_joins_following_attribution_line() -> None:
    text = "Intro line.\n“China is vital. We will stay.”\n— Jensen Huang, in Beijing\nNext one."
    result = split_sentences(text)
    assert [text[s.start : s.end] for s in result] == [
        "Intro line.",
        "“China is vital.",
        "We will stay.”\n— Jensen Huang, in Beijing",
        "Next one.",
    ]
    # The joined sentence belongs to the quote; the attribution line's index is consumed.
    assert [s.paragraph for s in result] == [0, 1, 1, 3]


@pytest.mark.parametrize("dash", ["—", "–", "-", "--"])
def test_attribution_dash_variants(dash: str) -> None:
    text = f'"Stay calm."\r\n\r\n{dash} Jane Doe  \n'
    assert sentences(text) == [f'"Stay calm."\r\n\r\n{dash} Jane Doe']


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("He said “yes.”\n— Jane Doe", id="line-not-a-quotation"),
        pytest.param("“Yes.”\nJane Doe said it", id="no-dash"),
        pytest.param("“Yes.”\n— " + " ".join(["word"] * 13), id="too-long"),
    ],
)
def test_attribution_rule_needs_quote_dash_and_short_line(text: str) -> None:
    assert len(split_sentences(text)) == 2


def test_crlf_bom_blank_lines_and_trailing_spaces() -> None:
    text = "\ufeffHeadline here  \r\n\r\n  First one. Second one.   \r\n\t\r\nLast line.\r\n"
    result = split_sentences(text)
    assert [text[s.start : s.end] for s in result] == [
        "Headline here",
        "First one.",
        "Second one.",
        "Last line.",
    ]
    assert [s.paragraph for s in result] == [0, 1, 1, 2]
    assert result[0].start == 1


def test_lone_carriage_returns_split_lines() -> None:
    assert sentences("One\rTwo.\r\rThree") == ["One", "Two.", "Three"]


def test_split_paragraphs() -> None:
    text = "\ufeff  Title \n\n Body text. More.\r\nEnd"
    spans = split_paragraphs(text)
    assert [text[a:b] for a, b in spans] == ["Title", "Body text. More.", "End"]


def test_empty_and_whitespace_only() -> None:
    assert split_sentences("") == []
    assert split_sentences("\ufeff \n\r\n\t ") == []
    assert split_paragraphs("\n\n") == []


def test_span_is_a_frozen_value() -> None:
    span = split_sentences("Hi.")[0]
    assert span == SentenceSpan(0, 3, 0)
    with pytest.raises(AttributeError):
        span.start = 1  # type: ignore[misc]


_TRICKY = [*list("aZ .!?…\"“”‘’'()[]—–-,$5\n\r\t\ufeff"), "U.S.", "Mr.", "Inc.", "p.m.", "The", "J."]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_TRICKY) | st.characters(), max_size=60).map("".join))
def test_spans_partition_non_whitespace(text: str) -> None:
    result = split_sentences(text)
    covered = [0] * len(text)
    previous_end = 0
    previous_paragraph = 0
    for span in result:
        assert previous_end <= span.start < span.end <= len(text)
        assert not text[span.start].isspace() and not text[span.end - 1].isspace()
        assert span.paragraph >= previous_paragraph
        previous_end, previous_paragraph = span.end, span.paragraph
        for i in range(span.start, span.end):
            covered[i] += 1
    for i, char in enumerate(text):
        if i == 0 and char == "\ufeff":
            assert covered[i] == 0
        elif not char.isspace():
            assert covered[i] == 1, (i, char)
