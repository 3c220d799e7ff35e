"""What an attacker (or an unlucky user) found, each now a regression test: outputs that would
have destroyed a review, reads that hung, streams that crashed, controls that reached the
terminal, errors that were five lines."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import handbuilt as h
import pytest
from conftest import ROOT, fails_cleanly, run_cli, run_main
from driving import loaded, notes

from tui.app import ParallaxApp

HARBOUR = "The council approved the harbour budget on Monday. Dock workers protested outside city hall.\n"
WIRE = "On Monday the council passed the harbour budget. Dock workers protested outside the hall.\n"


@pytest.fixture
def two(tmp_path):
    a, b = tmp_path / "harbour.txt", tmp_path / "wire.txt"
    a.write_text(HARBOUR)
    b.write_text(WIRE)
    return str(a), str(b)


@pytest.mark.parametrize("companion", [".journal", ".lock"])
def test_output_over_the_reviews_journal_or_lock_is_refused_and_it_stays(tmp_path, two, companion):
    review = tmp_path / "r.review.json"
    kept = tmp_path / ("r.review.json" + companion)
    kept.write_text('{"journal": "a verdict not yet compacted"}\n')
    fails_cleanly(run_main("--json", *two, "--review", str(review), "-o", str(kept)), "journal or its lock")
    assert kept.read_text() == '{"journal": "a verdict not yet compacted"}\n'


def test_a_journal_given_as_the_review_file_is_refused_not_moved_aside(tmp_path, two):
    journal = tmp_path / "r.review.json.journal"
    journal.write_text('{"journal": 1}\n')
    fails_cleanly(run_main("--json", *two, "--review", str(journal)), "journal or lock")
    assert [p.name for p in tmp_path.iterdir() if "corrupt" in p.name] == []


def test_a_fifo_named_labels_toml_is_a_warning_not_a_hang(tmp_path, two):
    os.mkfifo(tmp_path / "labels.toml")
    result = run_cli("--json", *two)
    assert result.returncode == 0
    assert b"labels.toml: cannot read it (not a regular file)" in result.stderr


def test_a_fifo_named_config_toml_is_a_problem_said_not_a_hang(tmp_path):
    (tmp_path / "parallax").mkdir()
    os.mkfifo(tmp_path / "parallax" / "config.toml")
    code = "from tui.config import load_config; print(load_config().problems)"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=30,
                         env={**os.environ, "XDG_CONFIG_HOME": str(tmp_path)})
    assert "not a regular file" in run.stdout


def test_a_server_dripping_its_headers_is_given_up_on_at_the_timeout(two):
    import socket

    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(4)
    stop = threading.Event()

    def drip() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            conn.recv(4096)
            conn.sendall(b"HTTP/1.1 200 OK\r\nX-Slow: ")
            while not stop.is_set():  # a byte of one header every 0.2 s: each read is quick
                try:
                    conn.sendall(b"a")
                except OSError:
                    break
                time.sleep(0.2)
            conn.close()

    thread = threading.Thread(target=drip, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.getsockname()[1]}/story"
        began = time.monotonic()
        result = run_main("--json", "--timeout", "2", url, *two)
        took = time.monotonic() - began
    finally:
        stop.set()
        thread.join(5)
        server.close()
    fails_cleanly(result, "no complete answer within 2 s")
    assert took < 20  # it was unbounded: every read was within the timeout


@pytest.mark.parametrize("encoding", ["latin-1", "ascii"])
def test_json_and_reports_are_utf8_whatever_stdout_is_said_to_be(two, encoding, tmp_path):
    quoted = tmp_path / "quoted.txt"
    quoted.write_text("The mayor called it “a fair budget” on Monday. Dock workers protested outside city hall.\n")
    for mode in (["--json"], ["--report", "md"]):
        result = run_cli(*mode, str(quoted), two[1], env={"PYTHONIOENCODING": encoding})
        assert result.returncode == 0, result.stderr
        assert "“a fair budget”" in result.stdout.decode("utf-8")


def test_a_closed_stdout_is_one_line_not_a_traceback(two):
    result = subprocess.run([sys.executable, "-m", "cli", "--json", *two], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, cwd=ROOT, timeout=60, close_fds=True,
                            preexec_fn=lambda: os.close(1))
    err = result.stderr.decode()
    assert result.returncode == 2 and "Traceback" not in err
    assert "standard output" in err and len(err.strip().splitlines()) == 1


def test_json_escapes_what_a_terminal_would_act_on(tmp_path, two):
    hostile = tmp_path / "hostile.txt"
    hostile.write_text("The council approved\u009b2J the harbour \u202ebudget on Monday.\u2028 Workers\u007f protested.\n")
    result = run_main("--json", str(hostile), two[1])
    assert result.returncode == 0
    for char in "\u009b\u202e\u2028\u007f":
        assert char.encode("utf-8") not in result.stdout
    text = json.loads(result.stdout)["sources"][0]["text"]
    assert "\u009b2J" in text and "\u202ebudget" in text  # the same data, only written as escapes


@pytest.mark.parametrize("args", [["--threshold", "nan"], ["--threshold", "abc"], ["--json", "--report", "md"],
                                  ["--nonsense"]])
def test_a_mistake_in_the_arguments_is_one_line(args):
    fails_cleanly(run_main(*args), "see parallax --help")


async def test_reopening_a_review_while_the_facts_are_found_warns_of_no_orphans(tmp_path):
    review = tmp_path / "r.review.json"
    first = ParallaxApp([], texts=h.raw_texts(), review_path=review)
    async with first.run_test(size=(160, 45)) as pilot:
        await loaded(first, pilot)
        await pilot.press("c")
        await pilot.pause()
    again = ParallaxApp([], texts=h.raw_texts(), review_path=review)
    with notes(again) as said:
        async with again.run_test(size=(160, 45)) as pilot:
            screen = await loaded(again, pilot)
            assert screen.review.attached.orphans == ()
            assert not [n for n in said if "not found now" in n]


def test_output_naming_a_folder_by_its_trailing_slash_writes_nothing(tmp_path, two):
    fails_cleanly(run_main("--json", *two, "-o", f"{tmp_path}/newdir/"), "names a folder")
    assert not (tmp_path / "newdir").exists()


def test_output_over_the_journal_of_a_review_given_through_a_symlink_is_refused(tmp_path, two):
    """The review keeps its journal and lock beside the file the link points to: `-o` naming
    them replaced the journal, and the verdicts not yet compacted into the file were lost."""
    (tmp_path / "real").mkdir()
    link = tmp_path / "rv.json"
    link.symlink_to(tmp_path / "real" / "t.review.json")
    journal = tmp_path / "real" / "t.review.json.journal"
    journal.write_text('{"journal": "verdicts not yet compacted"}\n')
    for target in (journal, tmp_path / "real" / "t.review.json.lock"):
        fails_cleanly(run_main("--report", "md", *two, "--review", str(link), "-o", str(target)), "journal or its lock")
    assert journal.read_text() == '{"journal": "verdicts not yet compacted"}\n'
    assert not (tmp_path / "real" / "t.review.json.lock").exists()


@pytest.mark.parametrize("name", ["r.review.json.journal", "r.review.json.lock", "other.review.json.journal",
                                  "other.review.json"])
def test_output_over_a_journal_or_lock_not_there_yet_is_refused(tmp_path, two, name):
    """A review's journal comes with its first verdict: a report written there first would be
    read as a corrupt journal and moved aside. Any review's file, journal or lock, by its name
    (another review's file replaced lost its verdicts)."""
    target = tmp_path / name
    fails_cleanly(run_main("--json", *two, "--review", str(tmp_path / "r.review.json"), "-o", str(target)),
                  "journal or its lock")
    assert not target.exists()


@pytest.mark.parametrize("url", ["http://[bad/", "http://[::1", "https://exa]mple.com/"])
def test_a_malformed_url_is_one_line_not_a_threads_traceback(two, url):
    """urllib rejects these as it builds the request, which was outside the fetch's error
    handling: a traceback from the fetch thread, then a wrong "no complete answer"."""
    err = fails_cleanly(run_main("--json", "--timeout", "3", url, two[0]), url, "cannot fetch (Invalid IPv6 URL)")
    assert "no complete answer" not in err


def test_a_file_name_that_is_not_utf8_is_read_and_shown_as_its_bytes(tmp_path, two):
    """Python reads such a name with lone surrogates, which no encoder takes: hashing the
    source id, naming the review file and printing the JSON all failed with a traceback."""
    odd = tmp_path / os.fsdecode(b"harbour\xff\xfe.txt")
    odd.write_text(HARBOUR)
    result = run_main("--json", str(odd), two[1])
    assert result.returncode == 0, result.stderr.decode()
    ids = [s["id"] for s in json.loads(result.stdout)["sources"]]
    assert ids[0] == "harbour\\xff\\xfe"
    report = run_main("--report", "md", str(odd), two[1])
    assert report.returncode == 0 and "harbour\\\\xff\\\\xfe" in report.stdout.decode()


def test_a_fifo_fed_a_byte_at_a_time_is_given_up_on_at_the_timeout(tmp_path, two):
    """`--timeout` bounds the whole read, as for a page: a writer dripping bytes held the run
    for as long as it kept writing."""
    fifo = tmp_path / "drip.txt"
    os.mkfifo(fifo)
    stop = threading.Event()

    def drip() -> None:
        fd = os.open(fifo, os.O_WRONLY)  # waits for the reader
        try:
            while not stop.wait(0.2):
                os.write(fd, b"a")
        except BrokenPipeError:
            pass
        finally:
            os.close(fd)

    writer = threading.Thread(target=drip, daemon=True)
    writer.start()
    started = time.monotonic()
    try:
        fails_cleanly(run_cli("--json", "--timeout", "1", str(fifo), two[1]), "drip.txt", "still arriving after 1 s")
    finally:
        stop.set()
    assert time.monotonic() - started < 10


def test_output_through_a_plainly_named_link_to_another_reviews_journal_is_refused(tmp_path, two):
    journal = tmp_path / ".parallax" / "other.review.json.journal"
    journal.parent.mkdir()
    journal.write_text('{"journal": "three verdicts"}\n')
    link = tmp_path / "out.json"
    link.symlink_to(journal)
    fails_cleanly(run_main("--json", *two, "--review", str(tmp_path / "r.review.json"), "-o", str(link)),
                  "journal or its lock")
    assert journal.read_text() == '{"journal": "three verdicts"}\n'


@pytest.mark.parametrize("left_out", ["duplicate", "binary", "empty", "in a folder", "the list"])
def test_output_over_an_input_that_was_not_aligned_is_refused(tmp_path, two, left_out):
    """An input dropped as the same article as another, or left out by --keep-going, or the
    @list naming the inputs, is still the user's file: -o over it replaced it."""
    folder = tmp_path / "folder"
    folder.mkdir()
    target = {"duplicate": tmp_path / "copy.txt", "binary": tmp_path / "bin.txt", "empty": tmp_path / "empty.txt",
              "in a folder": folder / "bad.txt", "the list": tmp_path / "list.txt"}[left_out]
    content = {"duplicate": HARBOUR.encode(), "binary": b"\x00\x01", "empty": b"", "in a folder": b"\x00\x02",
               "the list": f"{two[0]}\n{two[1]}\n".encode()}[left_out]
    target.write_bytes(content)
    (folder / "story.txt").write_text(WIRE)
    inputs = {"duplicate": [two[0], str(target), two[1]], "binary": [*two, str(target)],
              "empty": [*two, str(target)], "in a folder": [str(folder), two[0]], "the list": ["@" + str(target)]}
    result = run_main("--json", "--keep-going", "-o", str(target), *inputs[left_out])
    assert result.returncode == 2, result.stderr.decode()
    assert b"--output names the input" in result.stderr and b"Traceback" not in result.stderr
    assert target.read_bytes() == content


def test_output_and_reports_of_inputs_whose_names_are_not_utf8(tmp_path, two):
    """The JSON's path and the report's name the file with its bytes written out: written to a
    file (UTF-8, strict) they raised; on stdout they showed as "?"."""
    odd = tmp_path / os.fsdecode(b"caf\xe9.txt")
    odd.write_text(HARBOUR)
    out = tmp_path / "out.json"
    assert run_main("--json", "-o", str(out), str(odd), two[1]).returncode == 0
    assert json.loads(out.read_text(encoding="utf-8"))["sources"][0]["path"] == str(tmp_path / "caf\\xe9.txt")
    report = tmp_path / "out.md"
    assert run_main("--report", "md", "-o", str(report), str(odd), two[1]).returncode == 0
    assert "caf\\xe9.txt" in report.read_text(encoding="utf-8")
    missing = run_main("--json", str(tmp_path / os.fsdecode(b"gone\xff.txt")), two[1])
    assert b"gone\\xff.txt: no such file" in missing.stderr  # said as the ids say it, not as \udcff


def test_the_api_takes_texts_ids_and_labels_with_lone_surrogates(tmp_path):
    """A script's string may hold a lone surrogate; hashing fact ids and saving the review
    encode text, and raised deep inside. Texts keep their length (U+FFFD), ids and labels are
    written out, and a review session on those ids saves and leaves."""
    import align
    from align.sources import RawText
    from review.index import FactIndex
    from review.session import ReviewSession
    from review.verdicts import FactVerdict

    text = "The council approved the harbour budget on Monday.\ud800 Dock workers protested outside city hall."
    alignment = align.align([RawText("h\ud800", None, text, label="Harbour \udce9"), RawText("w", None, WIRE)])
    assert [s.id for s in alignment.sources] == ["h\\ud800", "w"]
    assert alignment.sources[0].text == text.replace("\ud800", "\ufffd")
    session = ReviewSession(tmp_path / "r.review.json", ("h\ud800", "w"))
    session.open()
    fact = next(f for f in alignment.facts if not f.single_source)
    assert session.record(session.review(FactIndex(alignment)), fact, verdict=FactVerdict.CONFIRMED)[1] is None
    assert session.leave() is None


@pytest.mark.parametrize("left_out", ["duplicate", "the list"])
def test_review_over_an_input_that_was_not_aligned_is_refused(tmp_path, two, left_out):
    """A review file there would move the user's file aside as an unreadable review."""
    target = tmp_path / ("copy.txt" if left_out == "duplicate" else "list.txt")
    content = HARBOUR if left_out == "duplicate" else f"{two[0]}\n{two[1]}\n"
    target.write_text(content)
    inputs = [two[0], str(target), two[1]] if left_out == "duplicate" else ["@" + str(target)]
    result = run_main("--json", "--review", str(target), *inputs)
    assert result.returncode == 2 and b"--review names the input" in result.stderr, result.stderr.decode()
    assert target.read_text() == content
    assert [p.name for p in tmp_path.iterdir() if "corrupt" in p.name] == []


def test_a_label_with_bytes_that_are_not_utf8_is_written_out(tmp_path, two):
    out = tmp_path / "out.json"
    assert run_main("--json", *two, "--label", os.fsdecode(b"Herald \xe9"), "-o", str(out)).returncode == 0
    assert json.loads(out.read_text(encoding="utf-8"))["sources"][0]["label"] == "Herald \\xe9"


def test_batch_output_and_summary_over_a_reviews_journal_are_refused(tmp_path, two):
    story = tmp_path / "stories" / "one"
    story.mkdir(parents=True)
    for path in two:
        (story / os.path.basename(path)).write_text(Path(path).read_text())
    journal = tmp_path / "r.review.json.journal"
    journal.write_text('{"journal": "a verdict"}\n')
    link = tmp_path / "summary.csv"
    link.symlink_to(journal)
    for option in (["--summary", str(journal)], ["--summary", str(link)]):
        result = run_main("batch", str(tmp_path / "stories"), "-o", str(tmp_path / "out.jsonl"), "--workers", "1",
                          *option)
        fails_cleanly(result, "journal or lock")
    assert journal.read_text() == '{"journal": "a verdict"}\n'


def test_output_over_a_review_or_journal_with_a_name_of_its_own_is_refused(tmp_path, two):
    """`--review` may give a review any name: told by what it holds, its file and its journal
    are refused to -o and to batch's --summary (they were replaced, the verdicts lost)."""
    import align
    from review.index import FactIndex
    from review.session import ReviewSession
    from review.verdicts import FactVerdict

    review = tmp_path / "notes.json"
    alignment = align.align([Path(p) for p in two])
    session = ReviewSession(review, tuple(s.id for s in alignment.sources))
    session.open()
    fact = next(f for f in alignment.facts if not f.single_source)
    session.record(session.review(FactIndex(alignment)), fact, verdict=FactVerdict.CONFIRMED)
    session.leave()
    session = ReviewSession(review, tuple(s.id for s in alignment.sources))
    session.open()
    session.record(session.review(FactIndex(alignment)), fact, verdict=FactVerdict.DISPUTED)  # in the journal
    journal = tmp_path / "notes.json.journal"
    kept = {p: p.read_bytes() for p in (review, journal)}
    stories = tmp_path / "stories" / "one"
    stories.mkdir(parents=True)
    for path in two:
        (stories / Path(path).name).write_text(Path(path).read_text())
    for target in kept:
        fails_cleanly(run_main("--report", "md", *two, "-o", str(target)), "review file")
        fails_cleanly(run_main("batch", str(stories.parent), "-o", str(tmp_path / "out.jsonl"), "--workers", "1",
                               "--summary", str(target)), "review file")
    assert {p: p.read_bytes() for p in kept} == kept


def test_keep_going_leaves_out_a_lists_bad_line_not_the_whole_list(tmp_path, two):
    """One missing file named in an @list dropped every input the list named ("need at least
    two sources, got 0"), though only that line was said to be left out."""
    listed = tmp_path / "list.txt"
    listed.write_text(f"{two[0]}\n{tmp_path / 'missing.txt'}\n{two[1]}\n")
    result = run_main("--json", "--keep-going", "@" + str(listed))
    assert result.returncode == 0, result.stderr.decode()
    assert [s["id"] for s in json.loads(result.stdout)["sources"]] == ["harbour", "wire"]
    assert b"missing.txt" in result.stderr and b"left out" in result.stderr
    fails_cleanly(run_main("--json", "@" + str(listed)), "missing.txt")  # without --keep-going: the error


def test_standard_output_on_a_full_device_is_one_line_saying_cannot_write(two):
    with open("/dev/full", "wb") as full:
        done = subprocess.run([sys.executable, "-m", "cli", "--json", *two], stdout=full, stderr=subprocess.PIPE,
                              cwd=ROOT, timeout=120)
    err = done.stderr.decode()
    assert done.returncode == 2 and "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    assert "standard output: cannot write (No space left on device)" in err


@pytest.mark.parametrize("url", ["http://user:pass@127.0.0.1:9/story", "https://用户@example.org/a"])
def test_an_address_with_a_user_name_is_refused_in_words_that_say_so(two, url):
    """urllib took the user name for the host: "cannot find the host", or a codec error."""
    fails_cleanly(run_main("--json", url, two[0]), "user name or password")
