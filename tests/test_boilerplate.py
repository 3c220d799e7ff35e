"""Site chrome is marked by the shape of its lines, wherever it comes from."""
from __future__ import annotations

from align.boilerplate import classify_lines
from align.model import SentenceKind
from align.sources import RawText
from align.splitting import split_source

BODY = "The council approved a new budget for the harbour on Monday after a long debate."
STORY = [
    BODY,
    "Dock workers protested outside city hall while the vote went ahead.",
    "The mayor said the money would pay for dredging the northern channel.",
    "Opposition members called the plan rushed and promised to review it.",
    "Shipping companies welcomed the decision in a joint statement.",
    "Work on the channel is expected to begin in the spring.",
    "The harbour authority declined to comment on the timetable.",
]


def kinds(lines: list[str]) -> list[str]:
    return [v.kind.value for v in classify_lines(lines)]


def test_navigation_words_and_lone_labels_are_boilerplate():
    assert kinds(["Menu", "Share", STORY[0], "Published", "on", STORY[1]]) == [
        "boilerplate", "boilerplate", "body", "boilerplate", "boilerplate", "body"]


def test_headline_printed_twice_keeps_the_first_as_title():
    head = "Harbour Budget Passes After Marathon Council Session"
    verdicts = classify_lines([head, "Politics", head, BODY])
    assert [v.kind for v in verdicts] == [SentenceKind.HEADLINE, SentenceKind.BOILERPLATE,
                                          SentenceKind.BOILERPLATE, SentenceKind.BODY]
    assert verdicts[0].title and not any(v.title for v in verdicts[1:])


def test_promo_lines_near_the_edges_even_when_punctuated():
    promo = "Our editor picks the best stories for this weekly newsletter."
    assert kinds([promo, *STORY]) == ["boilerplate"] + ["body"] * len(STORY)
    assert kinds([*STORY, "Subscribe to our podcast"])[-1] == "boilerplate"


def test_promo_word_inside_the_story_stays_body():
    inside = ("The mayor said the council's newsletter had misreported the figures, and that a "
              "correction would be printed in full in next week's edition of the paper.")
    lines = [*STORY[:4], inside, *STORY[4:]]
    assert kinds(lines) == ["body"] * len(lines)


def test_a_repeated_line_is_kept_once():
    assert kinds([STORY[0], STORY[1], STORY[0]]) == ["body", "body", "boilerplate"]


def test_short_unpunctuated_line_shared_by_two_sources_is_chrome():
    shared = frozenset({"local news from the valley network"})
    verdicts = classify_lines([BODY, "Local News from the Valley Network", BODY], shared)
    assert verdicts[1].kind is SentenceKind.BOILERPLATE


def test_a_pull_quote_is_not_taken_for_the_title():
    src = split_source(RawText("a", None, "“We will rebuild,” — the mayor\n" + BODY))
    assert src.title is None
    assert not src.sentences[0].boilerplate


def test_markdown_heading_becomes_the_title():
    src = split_source(RawText("a", None, "# Harbour budget passes\n\n" + BODY))
    assert src.title == "Harbour budget passes"


def test_news_about_subscriptions_or_advertising_is_not_a_promo():
    lead = "The streaming service raised its subscription prices by 10% on Monday."
    tail = "Analysts expect the cheaper advertising tier to win most new customers."
    assert kinds([lead, *STORY, tail]) == ["body"] * (len(STORY) + 2)


def test_a_long_unpunctuated_paragraph_is_never_chrome():
    paragraph = " ".join(STORY).rstrip(".") + " and the recommended route was approved"
    assert kinds([paragraph]) == ["body"]


def test_full_width_sentence_ends_count_as_punctuation():
    assert kinds(["東京の会見で発表した。"]) == ["body"]


def test_a_three_word_headline_is_a_title_and_news_about_a_newsletter_is_news():
    src = split_source(RawText("a", None, "Nvidia shares fell\n" + "\n".join(STORY)))
    assert src.title == "Nvidia shares fell"
    news = "The company told subscribers of its newsletter that prices would rise."
    assert kinds([news, *STORY[:3]]) == ["body"] * 4
