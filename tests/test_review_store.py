"""The review file under attack and under bad luck: many writers, kills, fallbacks, symlinks,
devices, corrupt and newer files, repeated sentences. Nothing the reviewer saved is lost, no
file of theirs is replaced, nothing hangs."""
from __future__ import annotations

import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import ROOT, fails_cleanly, run_cli, run_main
from itemised import IDS, articles

from align.model import Alignment, Fact
from review.destination import write_new
from review.files import write_atomically, write_output
from review.format import VERSION
from review.index import FactIndex
from review.lock import locked
from review.report import report
from review.session import ReviewSession, fallback_for
from review.store import ReviewFileError, ReviewStore, load, save
from review.verdicts import FactVerdict, ReviewState, attach, judge

A = "The council approved a budget of $2.3 billion on Monday.\nDock workers protested outside city hall.\n"
B = "On Monday the council passed the $2.3 billion budget.\nDock workers gathered outside city hall in protest.\n"

def record(session: ReviewSession, alignment: Alignment, fact: Fact, **what: object) -> str | None:
    return session.record(session.review(FactIndex(alignment)), fact, **what)[1]  # type: ignore[arg-type]


def placed(path: Path, alignment: Alignment) -> dict[str, tuple[str | None, str]]:
    """What the saved review shows on each fact: (verdict, note)."""
    return {fid: (j.verdict, j.note) for fid, j in attach(load(path, []), alignment).facts.items()}


# -- many writers, and kills ------------------------------------------------------------------

WORKER = '''
import json, sys
sys.path.insert(0, "tests")
from itemised import articles
from pathlib import Path
from review.index import FactIndex
from review.lock import locked
from review.report import report
from review.session import ReviewSession
from review.verdicts import FactVerdict

path, name, rounds, slot = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
alignment = articles(240)
index = FactIndex(alignment)
verdicts = list(FactVerdict)
n = 0
for r in range(rounds or 10**9):
    session = ReviewSession(path, ("wire", "herald"))
    session.open()
    review = session.review(index)
    for k in range(4):
        if k == 3 and rounds:  # the last verdict and quitting: at the same moment as the other process
            print("ready", flush=True)
            sys.stdin.readline()
        fact = alignment.facts[(2 * n + slot) % len(alignment.facts)]  # a fact of its own, new until 120
        review, problem = session.record(review, fact, verdict=verdicts[n % 3], note=f"{name} {n}")
        assert problem is None, problem
        j = review.judged(fact).fact
        print(json.dumps([fact.id, j.verdict, j.note, j.updated]), flush=True)
        n += 1
    session.leave()
'''


def writers(path: Path, names: list[str], rounds: int) -> list[subprocess.Popen[str]]:
    return [subprocess.Popen([sys.executable, "-c", WORKER, str(path), name, str(rounds), str(slot)], cwd=ROOT,
                             text=True, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
            for slot, name in enumerate(names)]


def latest(lines: list[str]) -> dict[str, tuple[str, str]]:
    """Per fact, the (verdict, note) written last (by time, as the sessions stamped them)."""
    newest: dict[str, tuple[str, str, str]] = {}
    for line in lines:
        fid, verdict, note, updated = json.loads(line)
        if fid not in newest or (updated, verdict, note) > newest[fid]:
            newest[fid] = (updated, verdict, note)
    return {fid: (verdict, note) for fid, (_, verdict, note) in newest.items()}


def test_two_processes_saving_and_quitting_at_once_lose_no_verdict(tmp_path):
    path = tmp_path / "r.review.json"
    procs = writers(path, ["one", "two"], rounds=25)  # 100 verdicts each, 25 opens and quits
    lines: list[str] = []
    for _ in range(25):
        for proc in procs:  # each has saved 3 verdicts of the round, and waits
            assert proc.stdout is not None
            while (line := proc.stdout.readline()) != "ready\n":
                lines.append(line)
        for proc in procs:  # now both save their 4th and quit, together
            assert proc.stdin is not None
            proc.stdin.write("\n")
            proc.stdin.flush()
    for proc in procs:
        out, _ = proc.communicate(timeout=60)
        assert proc.returncode == 0
        lines += out.splitlines()
    assert len(lines) == 200
    assert placed(path, articles(240)) == latest(lines)


def test_killing_a_session_at_any_moment_loses_no_saved_verdict(tmp_path):
    path = tmp_path / "r.review.json"
    lines: list[str] = []
    for attempt in range(5):
        (proc,) = writers(path, [f"run{attempt}"], rounds=0)
        assert proc.stdout is not None
        lines.extend(proc.stdout.readline() for _ in range(3 + 5 * attempt))  # each printed once saved
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        lines += proc.stdout.read().splitlines()
        found = placed(path, articles(240))
        for fid, (verdict, note) in latest(lines).items():  # what it saved, or what it saved after
            assert found[fid] == (verdict, note) or order(found[fid][1]) > order(note)
    assert not [p for p in tmp_path.iterdir() if ".corrupt-" in p.name]


def order(note: str) -> tuple[str, int]:
    run, n = note.split()
    return run, int(n)


# -- one place: the fallback -----------------------------------------------------------------

def test_a_fallback_is_read_by_later_sessions_json_and_report_and_folded_back_once_writable(tmp_path, monkeypatch):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text(A)
    (folder / "b.txt").write_text(B)
    state_home = tmp_path / "state"
    env = {"XDG_STATE_HOME": str(state_home)}
    blocker = folder / ".parallax"
    blocker.write_text("not a folder")  # nothing can be written beside the articles
    alignment = __import__("align").align([folder / "a.txt", folder / "b.txt"])
    path = folder / ".parallax" / "r.review.json"
    monkeypatch.setenv("XDG_STATE_HOME", str(state_home))
    facts = [f for f in alignment.facts if not f.single_source]
    first = ReviewSession(path, ("a", "b"))
    first.open()
    said = record(first, alignment, facts[0], verdict=FactVerdict.CONFIRMED, note="first")
    assert said and "saved in" in said
    first.leave()
    for n in range(3):  # later sessions resume it, save to it, and never fork it
        later = ReviewSession(path, ("a", "b"))
        assert "resumed" in (later.open() or "")
        assert record(later, alignment, facts[-1], verdict=FactVerdict.DISPUTED, note=f"later {n}") is None
        later.leave()
    fallback = fallback_for(path)
    assert fallback is not None
    kept = [p.name for p in (state_home / "parallax").iterdir()]  # its file, journal, lock: no second copy
    assert kept and all(name.startswith(fallback.name) for name in kept)

    review_flag = ["--review", str(path)]
    doc = json.loads(run_main("--json", *review_flag, str(folder / "a.txt"), str(folder / "b.txt"), env=env).stdout)
    assert {j["note"] for j in doc["review"]["facts"].values()} == {"first", "later 2"}
    report = run_main("--report", "md", *review_flag, str(folder / "a.txt"), str(folder / "b.txt"), env=env)
    assert "first" in report.stdout.decode() and "later 2" in report.stdout.decode()

    blocker.unlink()  # the folder can be written again: the next session folds the fallback in
    back = ReviewSession(path, ("a", "b"))
    assert "is back in it" in (back.open() or "")
    assert not fallback.exists() and not fallback.with_name(fallback.name + ".journal").exists()
    assert {j.note for j in load(path, []).judgements} == {"first", "later 2"}


@contextmanager
def unwritable(folder: Path):
    """`folder` and its files made read-only for this process: by their modes, or (as root, whom
    modes do not stop) by the immutable attribute; skipped where neither is possible."""
    paths = [folder, *folder.iterdir()]
    if os.geteuid() != 0:
        modes = {p: stat.S_IMODE(p.stat().st_mode) for p in paths}
        for p in paths:
            p.chmod(modes[p] & 0o555)
        try:
            yield
        finally:
            for p in paths:
                p.chmod(modes[p])
        return
    if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", *map(str, paths)],
                                                        capture_output=True).returncode != 0:
        pytest.skip("cannot make a folder read-only for root here")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", *map(str, paths)], check=True)


def test_a_review_in_a_read_only_folder_and_its_fallback_are_read_together(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    alignment = articles(3)
    path = tmp_path / "shared" / "r.review.json"
    path.parent.mkdir()
    first = ReviewSession(path, IDS)
    first.open()
    record(first, alignment, alignment.facts[0], verdict=FactVerdict.CONFIRMED)
    first.leave()
    with unwritable(path.parent):
        second = ReviewSession(path, IDS)
        second.open()
        said = record(second, alignment, alignment.facts[1], verdict=FactVerdict.DISPUTED)
        assert said and "saved in" in said
        third = ReviewSession(path, IDS)
        third.open(writing=False)
        assert {fid: j.verdict for fid, j in third.review(FactIndex(alignment)).attached.facts.items()} == {
            "f1": "confirmed", "f2": "disputed"}
    fourth = ReviewSession(path, IDS)
    fourth.open()
    assert placed(path, alignment) == {"f1": ("confirmed", ""), "f2": ("disputed", "")}


def test_a_full_disk_keeps_the_verdict_and_saves_it_with_the_next_change(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    alignment = articles(3)
    path = tmp_path / "r.review.json"
    session = ReviewSession(path, IDS)
    session.open()
    real_append = ReviewStore.append

    def full(self, lines, seen):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(ReviewStore, "append", full)
    said = record(session, alignment, alignment.facts[0], verdict=FactVerdict.CONFIRMED)
    assert said and "could not save" in said and "kept" in said
    monkeypatch.setattr(ReviewStore, "append", real_append)
    assert record(session, alignment, alignment.facts[1], verdict=FactVerdict.UNCLEAR) is None
    assert placed(path, alignment) == {"f1": ("confirmed", ""), "f2": ("unclear", "")}


def test_a_lock_held_too_long_never_hangs_a_save_nor_a_reader(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setattr("review.session.LOCK_TIMEOUT", 0.3)
    alignment = articles(3)
    path = tmp_path / "r.review.json"
    session = ReviewSession(path, IDS)
    session.open()
    record(session, alignment, alignment.facts[0], verdict=FactVerdict.CONFIRMED)
    with locked(path.with_name(path.name + ".lock")):  # a session that hangs holding the lock
        said = record(session, alignment, alignment.facts[1], verdict=FactVerdict.DISPUTED)
        assert said and "busy" in said and "saved in" in said
        started = time.monotonic()
        assert record(session, alignment, alignment.facts[2], verdict=FactVerdict.UNCLEAR) is None
        assert time.monotonic() - started < 0.3  # it does not wait the whole time again
        reader = ReviewSession(path, IDS)
        reader.open(writing=False)  # reading takes no lock
        assert len(reader.review(FactIndex(alignment)).attached.facts) == 3
    assert "is back in it" in (record(session, alignment, alignment.facts[0], note="lock free again") or "")
    assert placed(path, alignment) == {"f1": ("confirmed", "lock free again"), "f2": ("disputed", ""),
                                       "f3": ("unclear", "")}
    assert not fallback_for(path).exists()  # type: ignore[union-attr]


# -- what a save costs -----------------------------------------------------------------------

def test_a_verdict_is_saved_as_one_journal_line_without_rewriting_the_review_file(tmp_path):
    alignment = articles(5)
    path = tmp_path / "r.review.json"
    session = ReviewSession(path, IDS)
    session.open()
    for fact in alignment.facts:
        record(session, alignment, fact, verdict=FactVerdict.CONFIRMED)
    session.leave()  # compacted into the file
    before = path.stat()
    again = ReviewSession(path, IDS)
    again.open()
    journal = path.with_name(path.name + ".journal")
    lines = journal.read_bytes().count(b"\n")
    record(again, alignment, alignment.facts[0], verdict=FactVerdict.DISPUTED)
    assert journal.read_bytes().count(b"\n") == lines + 1
    assert (path.stat().st_ino, path.stat().st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert placed(path, alignment)["f1"] == ("disputed", "")


def test_a_torn_or_foreign_journal_line_is_skipped_kept_aside_and_the_rest_is_read(tmp_path):
    alignment = articles(3)
    path = tmp_path / "r.review.json"
    session = ReviewSession(path, IDS)
    session.open()
    record(session, alignment, alignment.facts[0], verdict=FactVerdict.CONFIRMED)
    journal = path.with_name(path.name + ".journal")
    with journal.open("ab") as out:
        out.write(b'{"judgement": {"anchor": 5}}\n{"judgement": {"anch')  # a foreign line, a torn one
    later = ReviewSession(path, IDS)
    assert "could not be read" in (later.open() or "")
    record(later, alignment, alignment.facts[1], verdict=FactVerdict.DISPUTED)
    later.leave()
    assert placed(path, alignment) == {"f1": ("confirmed", ""), "f2": ("disputed", "")}
    aside = [p for p in tmp_path.iterdir() if ".journal.corrupt-" in p.name]
    assert len(aside) == 1 and b'"anch' in aside[0].read_bytes()


@pytest.mark.parametrize("file,journal", [
    ('{"version": 1, "sources": ["a\\udc80"], "judgements": [{"anchor": ["wire:1\\udfff"], "note": "x\\ud800",'
     ' "verdict": "confirmed", "updated": "1"}]}', None),
    (None, '{"parallax journal": 1, "generation": "g"}\n{"judgement": {"anchor": ["wire:1"], "note": "\\ud800",'
           ' "excerpt": "\\u001b]0;T\\u0007", "updated": "9999-12-31T23:59:59.999999+00:00"}}\n'),
])
def test_whatever_text_a_review_file_holds_the_review_can_be_saved_and_compacted(tmp_path, file, journal):
    """JSON can hold lone surrogates (which UTF-8 cannot) and far-future stamps: read, they
    are cleaned or outrun, so that the review is saved and compacted as any other."""
    path = tmp_path / "r.review.json"
    if file is not None:
        path.write_text(file)
    if journal is not None:
        path.with_name(path.name + ".journal").write_text(journal)
    alignment = articles(3)
    session = ReviewSession(path, IDS)
    session.open()
    for fact in alignment.facts:
        assert record(session, alignment, fact, verdict=FactVerdict.CONFIRMED, note="n" * 200) is None
    assert session.leave() is None
    assert path.exists() and placed(path, alignment) == {f.id: ("confirmed", "n" * 200) for f in alignment.facts}


# -- repeated sentences ----------------------------------------------------------------------

def test_a_verdict_on_a_repeated_sentence_stays_on_its_own_copy(tmp_path):
    alignment = articles(4, repeat=(2,))  # sentence 2 of each article reads as sentence 0
    first_copy, second_copy = alignment.facts[0], alignment.facts[2]
    state = judge(ReviewState(IDS), alignment, second_copy, verdict=FactVerdict.DISPUTED, note="the repeat")
    assert {fid: j.note for fid, j in attach(state, alignment).facts.items()} == {second_copy.id: "the repeat"}
    path = tmp_path / "r.review.json"
    save(path, state)
    assert placed(path, alignment) == {second_copy.id: ("disputed", "the repeat")}
    state = judge(load(path, []), alignment, first_copy, verdict=FactVerdict.CONFIRMED)
    assert {fid: j.verdict for fid, j in attach(state, alignment).facts.items()} == {
        first_copy.id: "confirmed", second_copy.id: "disputed"}


# -- files moved aside, left behind, from a newer Parallax -------------------------------------

def test_two_corrupt_review_files_moved_aside_in_one_second_are_both_kept(tmp_path):
    path = tmp_path / "r.review.json"
    for content in ("{ first", "{ second"):
        path.write_text(content)
        with pytest.raises(ReviewFileError):
            load(path, [])
    aside = sorted(p.read_text() for p in tmp_path.iterdir() if ".corrupt-" in p.name)
    assert aside == ["{ first", "{ second"]


def test_temporary_files_of_a_killed_save_are_cleaned_at_the_next_start_and_only_those(tmp_path):
    path = tmp_path / "r.review.json"
    save(path, ReviewState(IDS))
    old = tmp_path / ".r.review.json.k3j_x9a2.tmp"  # a save killed an hour ago
    fresh = tmp_path / ".r.review.json.ab12cd34.tmp"  # a save under way in another session
    journal_old = tmp_path / ".r.review.json.journal.zz99yy88.tmp"
    foreign = tmp_path / ".other.json.k3j_x9a2.tmp"
    for f in (old, fresh, journal_old, foreign):
        f.write_text("{")
    hour_ago = time.time() - 3600
    for f in (old, journal_old, foreign):
        os.utime(f, (hour_ago, hour_ago))
    ReviewSession(path, IDS).open()
    assert not old.exists() and not journal_old.exists()
    assert fresh.exists() and foreign.exists()


def test_a_review_file_from_a_newer_parallax_is_left_alone_and_said(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    path = tmp_path / "r.review.json"
    newer = json.dumps({"version": VERSION + 1, "verdicts": {"format": "unknown to us"}})
    path.write_text(newer)
    alignment = articles(2)
    session = ReviewSession(path, IDS)
    said = session.open() or ""
    assert "newer Parallax" in said and "not saved" in said
    assert record(session, alignment, alignment.facts[0], verdict=FactVerdict.CONFIRMED) is None
    assert session.review(FactIndex(alignment)).attached.facts["f1"].verdict == "confirmed"  # in memory
    session.leave()
    assert path.read_text() == newer
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.review.json"]  # nothing aside, no journal
    assert not (tmp_path / "state").exists()  # and no fallback


def test_json_with_a_newer_review_file_warns_and_leaves_it(tmp_path):
    (tmp_path / "a.txt").write_text(A)
    (tmp_path / "b.txt").write_text(B)
    review = tmp_path / "r.review.json"
    review.write_text('{"version": 99}')
    result = run_main("--json", "--review", str(review), str(tmp_path / "a.txt"), str(tmp_path / "b.txt"))
    assert result.returncode == 0 and b"newer Parallax" in result.stderr and b"Traceback" not in result.stderr
    assert "review" not in json.loads(result.stdout) and review.read_text() == '{"version": 99}'


# -- symlinks, inputs, devices -----------------------------------------------------------------

def test_a_review_file_behind_a_symlink_is_written_through_it(tmp_path):
    target = tmp_path / "kept" / "r.review.json"
    target.parent.mkdir()
    save(target, ReviewState(IDS))
    link = tmp_path / "link.review.json"
    link.symlink_to(target)
    alignment = articles(2)
    session = ReviewSession(link, IDS)
    session.open()
    record(session, alignment, alignment.facts[0], verdict=FactVerdict.CONFIRMED)
    session.leave()
    assert link.is_symlink() and placed(target, alignment) == {"f1": ("confirmed", "")}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kept", "link.review.json"]


def test_the_exported_report_never_writes_through_a_symlink_planted_where_it_goes(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    (tmp_path / "r.report.md").symlink_to(victim)
    alignment = articles(2)
    session = ReviewSession(tmp_path / "r.review.json", IDS)
    session.open()
    target = write_new([tmp_path], "r.report.md", report(session.review(FactIndex(alignment))))  # as `E` does
    assert victim.read_text() == "precious" and (tmp_path / "r.report.md").is_symlink()
    assert not target.is_symlink() and target.read_text().startswith("# Parallax report")


def test_output_through_a_symlink_updates_its_target_and_keeps_the_link(tmp_path):
    target = tmp_path / "target.json"
    target.write_text("old")
    target.chmod(0o600)  # a private file stays private
    link = tmp_path / "out.json"
    link.symlink_to(target)
    write_output(link, "new\n")
    assert link.is_symlink() and target.read_text() == "new\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_output_or_review_naming_an_input_article_is_refused(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(A)
    b.write_text(B)
    (tmp_path / "alias.txt").symlink_to(a)
    fails_cleanly(run_main("--json", "-o", str(tmp_path / "alias.txt"), str(a), str(b)), "a.txt", "refusing")
    fails_cleanly(run_main("--report", "md", "--review", str(b), str(a), str(b)), "b.txt", "not a review file")
    assert a.read_text() == A and b.read_text() == B
    assert not (tmp_path / ".parallax").exists() and len(list(tmp_path.iterdir())) == 3


def device(tmp_path: Path, name: str, minor: int) -> Path:
    """A character device like /dev/null (minor 3) or /dev/full (7): as root, a node of our own
    (so that a bug cannot replace the system's), else the system's (which we cannot replace)."""
    if os.geteuid() != 0:
        return Path("/dev") / name
    node = tmp_path / name
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, minor))
    except OSError:
        pytest.skip("cannot make a device node here")
    return node


def test_output_and_review_on_devices_are_written_through_never_replaced(tmp_path):
    null, full = device(tmp_path, "null", 3), device(tmp_path, "full", 7)
    (tmp_path / "a.txt").write_text(A)
    (tmp_path / "b.txt").write_text(B)
    inputs = [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]
    result = run_main("--json", "-o", str(null), "--review", str(null), *inputs)
    assert result.returncode == 0 and result.stdout == b"" and b"Traceback" not in result.stderr
    assert b"not a regular file" in result.stderr  # the review: said, and kept in memory
    fails_cleanly(run_main("--json", "-o", str(full), *inputs), str(full), "cannot write")
    for node in (null, full):
        assert stat.S_ISCHR(node.lstat().st_mode)
    assert not [p for p in tmp_path.iterdir() if ".corrupt-" in p.name or p.name.endswith(".tmp")]
    piped = run_cli("--json", "-o", "/dev/stdout", *inputs)  # stdout is a pipe here (a process of its own)
    assert piped.returncode == 0 and json.loads(piped.stdout)["sources"][0]["id"] == "a"


def test_write_atomically_refuses_to_replace_a_device_or_a_pipe(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(OSError, match="not a regular file"):
        write_atomically(fifo, "x")
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    with pytest.raises(OSError, match="nothing is reading"):  # never waits for a reader
        write_output(fifo, "x")


# -- an unusable home, state folder or path -----------------------------------------------------

UNREACHABLE = "/tmp/" + "x" * 300  # too long a name to stat, for root as for anyone


def test_an_unreachable_home_or_state_folder_breaks_nothing_when_the_review_folder_is_writable(tmp_path, monkeypatch):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(A)
    b.write_text(B)
    alignment = __import__("align").align([a, b])
    fact = next(f for f in alignment.facts if not f.single_source)
    env = {"HOME": UNREACHABLE, "XDG_STATE_HOME": UNREACHABLE + "/state"}
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    session = ReviewSession(tmp_path / ".parallax" / "r.review.json", ("a", "b"))
    assert session.open() is None
    assert record(session, alignment, fact, verdict=FactVerdict.CONFIRMED) is None
    assert session.leave() is None
    result = run_main("--json", "--review", str(tmp_path / ".parallax" / "r.review.json"), str(a), str(b), env=env)
    assert result.returncode == 0 and result.stderr == b"", result.stderr
    assert json.loads(result.stdout)["review"]["reviewed"] == 1


def test_paths_that_cannot_be_looked_at_say_cannot_read_or_cannot_write_in_one_line(tmp_path):
    (tmp_path / "a.txt").write_text(A)
    (tmp_path / "b.txt").write_text(B)
    inputs = [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]
    fails_cleanly(run_main("--json", "-o", UNREACHABLE + "/out.json", *inputs), "cannot write")
    result = run_main("--json", "--review", UNREACHABLE + "/r.review.json", *inputs)
    err = result.stderr.decode()
    assert result.returncode == 0 and "cannot read the review file" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1 and json.loads(result.stdout)["sources"]


def test_a_note_with_a_lone_surrogate_from_the_api_is_saved_cleaned_and_the_session_goes_on(tmp_path):
    """A caller's note that UTF-8 cannot encode: cleaned like a note read from a file, so the
    save succeeds, and later verdicts of the session save too (it stayed pending and every
    save raised)."""
    alignment = articles(4)
    path = tmp_path / "r.review.json"
    session = ReviewSession(path, IDS)
    session.open()
    first, second = alignment.facts[0], alignment.facts[1]
    assert record(session, alignment, first, verdict=FactVerdict.DISPUTED, note="the toll\udcff is wrong") is None
    assert record(session, alignment, second, verdict=FactVerdict.CONFIRMED, note="fine") is None
    session.leave()
    saved = placed(path, alignment)
    assert saved[first.id] == (FactVerdict.DISPUTED, "the toll is wrong")
    assert saved[second.id] == (FactVerdict.CONFIRMED, "fine")
