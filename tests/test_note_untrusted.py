"""A note is untrusted text: from a review file that travelled with the articles, or pasted in.
It reaches neither the terminal nor the file with control or escape sequences in it, and a
paste arrives whole and in order."""
from __future__ import annotations

import itertools
import shlex

import handbuilt as h
from conftest import require
from driving import WIDE, loaded, screen_text
from test_e2e_tmux import PARALLAX, TMUX, Tmux, counter
from textual import events
from textual.message import Message

import align
from review.format import judgement_dict
from review.store import load, save
from review.verdicts import ReviewState, judge
from tui.app import ParallaxApp
from tui.note import NoteInput
from tui.paste import END, START, GuardedParser, PasteGuard

HOSTILE = ("see \x1b]0;PWNED\x07the \x1b]8;;http://evil.example/\x07minutes\x1b]8;;\x07 "
           "\x1b]52;c;cm0gLXJmIH4=\x07page \x1b[2J\x9b31m4\x07")
CLEANED = "see the minutes page 4"
PASTE = "abc\x1b[31mdef\x1b]0;PWNED\x07ghi\x9b1mjk"


async def test_a_note_from_the_review_file_opens_cleaned_in_the_note_editor(tmp_path):
    review = tmp_path / "r.review.json"
    state = ReviewState(tuple(s.id for s in h.ALIGNMENT.sources))
    for fact in h.ALIGNMENT.facts:
        state = judge(state, h.ALIGNMENT, fact, note=HOSTILE)
    save(review, state)
    app = ParallaxApp([], alignment=h.ALIGNMENT, review_path=review)
    async with app.run_test(size=WIDE) as pilot:
        await loaded(app, pilot)
        await pilot.press("a")
        field = app.screen.query_one(NoteInput)
        assert field.value == CLEANED
        assert "PWNED" not in screen_text(app) and "\x1b" not in app.export_screenshot()
        field.post_message(events.Paste(PASTE))  # as the terminal driver delivers a paste: added to the note
        await pilot.pause()
        assert field.value == CLEANED + "abcdefghijk"
        await pilot.press("enter")
    notes = {judgement_dict(j)["note"] for j in load(review, []).judgements}
    assert CLEANED + "abcdefghijk" in notes and not any("\x1b" in n or "\x9b" in n for n in notes)


def parsed(chunks: list[str]) -> list[Message]:
    parser = GuardedParser()
    return [event for chunk in chunks for event in parser.feed(chunk)]


def test_a_paste_with_escape_sequences_arrives_whole_cleaned_and_in_order_however_it_is_cut():
    stream = "x" + START + PASTE + END + "y"
    for cut in itertools.combinations(range(1, len(stream)), 2):  # every way of reading it in three pieces
        a, b = cut
        events_ = parsed([stream[:a], stream[a:b], stream[b:]])
        pastes = [e.text for e in events_ if isinstance(e, events.Paste)]
        keys = [e.character for e in events_ if isinstance(e, events.Key)]
        assert pastes == ["abcdefghijk"] and keys == ["x", "y"], (cut, pastes, keys)


def test_outside_a_paste_input_passes_at_once():
    guard = PasteGuard()
    assert guard("\x1b") == "\x1b"  # the escape key is not held back
    assert guard("[A" + START[:3]) == "[A" + START[:3]  # nor what might begin a paste
    assert guard(START[3:] + "a\x1b[1mb" + END[:2]) == START[3:]  # now a paste: held until it ends
    assert guard(END[2:] + "q") == "ab" + END + "q"


def test_the_note_editor_in_a_terminal_never_retitles_it_nor_sets_its_clipboard(tmp_path):
    """The real terminal path (tmux): a hostile note opened, a hostile paste, both cleaned."""
    require(tmux=TMUX, parallax=PARALLAX)
    folder = h.write_articles(tmp_path / "articles")
    alignment = align.align(sorted(folder.iterdir()))
    state = ReviewState(tuple(s.id for s in alignment.sources))
    for fact in alignment.facts:
        state = judge(state, alignment, fact, note=HOSTILE)
    review = tmp_path / "r.review.json"
    save(review, state)
    tmux = Tmux()
    try:
        tmux.start(f"{shlex.quote(PARALLAX)} --review {shlex.quote(str(review))} {shlex.quote(str(folder))}")
        tmux.run("set-option", "-g", "set-clipboard", "on")  # let an OSC 52 from the app set a buffer
        tmux.wait_for(lambda s: counter(s) is not None, "the app to load")
        title = tmux.run("display-message", "-p", "-t", tmux.session, "#{pane_title}").stdout
        tmux.keys("a")
        tmux.wait_for(lambda s: "Note on" in s and f"▊  {CLEANED}" in s, "the note editor with the note, cleaned")
        tmux.keys("x")  # typed after the note: the field has the keyboard
        tmux.wait_for(lambda s: CLEANED + "x" in s, "a key typed into the note")
        tmux.run("set-buffer", "-b", "hostile", PASTE)
        tmux.run("paste-buffer", "-p", "-d", "-b", "hostile", "-t", tmux.session)  # bracketed, as terminals paste
        tmux.wait_for(lambda s: CLEANED + "xabcdefghijk" in s, "the paste, cleaned and in order")
        assert tmux.run("display-message", "-p", "-t", tmux.session, "#{pane_title}").stdout == title
        assert "PWNED" not in title and "cm0g" not in tmux.run("list-buffers", check=False).stdout
        tmux.keys("Enter", "q")
        tmux.wait_until_gone()
    finally:
        tmux.kill()
    notes = {j.note for j in load(review, []).judgements}
    assert CLEANED + "xabcdefghijk" in notes and not any("\x1b" in n or "\x9b" in n for n in notes)
