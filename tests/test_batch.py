"""`parallax batch`: many stories, each aligned as `--json` would, recorded once, resumable."""
from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from batch_helpers import story_articles, write_story
from conftest import ROOT, run_cli

STORIES = 80  # enough that each stop (20, 20 more, then a full disk) lands mid-batch
BAD = {"zz-binary": "binary", "zz-one-source": "at least two sources", "zz-empty": "no .txt, .md or .html files"}
HOSTILE = "zz-hostile"
# Tests that share a module fixture run on one test worker (`--dist loadgroup`), so that it is made once
ON_THE_CORPUS = pytest.mark.xdist_group("batch-corpus")
ON_THE_JSONL_RUN = pytest.mark.xdist_group("batch-jsonl")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """80 small stories, three that cannot be aligned, and one with hostile file names."""
    root = tmp_path_factory.mktemp("batch") / "corpus"
    for n in range(STORIES):
        write_story(root / f"st{n:03d}", story_articles(n))
    write_story(root / "zz-binary", {"a": story_articles(1)["ledger"], "b": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"})
    write_story(root / "zz-one-source", {"only": story_articles(2)["ledger"]})
    write_story(root / "zz-empty", {})
    report = "A flood damaged {} homes in Riga on Friday, officials said.\n\nThe river rose overnight."
    write_story(root / HOSTILE, {'bad\x1b[31m,"name"': report.format(12), "other": report.format(19)})
    return root


def batch(*args: str, **kwargs) -> subprocess.CompletedProcess[bytes]:
    return run_cli("batch", *args, **kwargs)


def by_story(path: Path) -> dict:
    """OUT as {story: line}, failing on a story written twice or a line that is not whole JSON."""
    data = path.read_bytes()
    assert data.endswith(b"\n")
    lines = {}
    for raw in data.splitlines():
        line = json.loads(raw)
        assert line["story"] not in lines, f"story {line['story']} written twice"
        lines[line["story"]] = line
    return lines


LOADED = ("import sys; from cli.main import main; rc = main(sys.argv[1:]); "
          "print(sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'rich', 'distributed', 'dask'})); "
          "sys.exit(rc)")


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory):
    """The corpus through the local pool (2 workers), with a summary; stdout lists which of
    Textual, Rich and Dask the command loaded."""
    out = tmp_path_factory.mktemp("ref")
    result = subprocess.run([sys.executable, "-c", LOADED, "batch", str(corpus), "-o", str(out / "out.jsonl"),
                             "--summary", str(out / "summary.csv"), "--workers", "2"],
                            cwd=ROOT, capture_output=True, timeout=120)
    return result, by_story(out / "out.jsonl"), out / "summary.csv"


def _json_of(folder: Path) -> dict:
    """What `parallax --json FOLDER` prints, with the story id a batch line adds."""
    from cli.main import main

    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        assert main(["--json", str(folder)]) == 0
    return {"story": folder.name, **json.loads(printed.getvalue())}


@ON_THE_CORPUS
def test_every_story_is_the_same_document_as_its_own_json_run(corpus, reference):
    result, lines, _ = reference
    assert result.stdout.decode().strip() == "[]", "loaded Textual, Rich or Dask"
    assert result.returncode == 1, result.stderr.decode()  # the three bad stories
    assert len(lines) == STORIES + len(BAD) + 1
    for n in range(STORIES):
        assert lines[f"st{n:03d}"] == _json_of(corpus / f"st{n:03d}")


@ON_THE_CORPUS
def test_each_failing_story_is_an_error_line_and_the_batch_goes_on(reference):
    result, lines, _ = reference
    errors = {story: line for story, line in lines.items() if "error" in line}
    assert set(errors) == set(BAD)
    for story, reason in BAD.items():
        assert set(errors[story]) == {"story", "error"}
        assert reason in errors[story]["error"] and "\n" not in errors[story]["error"]
        assert f"story {story}:" in result.stderr.decode()
    assert sum("facts" in line for line in lines.values()) == STORIES + 1
    said = result.stderr.decode().splitlines()  # piped: failures and the tally, no progress
    assert len(said) == len(BAD) + 1 and all(line.startswith("parallax batch: ") for line in said)
    assert "\x1b" not in result.stderr.decode() and "\r" not in result.stderr.decode()


@ON_THE_CORPUS
def test_the_summary_has_a_row_per_discrepancy_readable_by_csv_readers(reference):
    _, lines, summary = reference
    text = summary.read_text(encoding="utf-8")
    assert "\x1b" not in text
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    expected = [(story, fact["id"], d["kind"], d["severity"], [v["text"] for v in d["values"]])
                for story, line in lines.items() if "facts" in line
                for fact in line["facts"] for d in fact["discrepancies"]]
    got = [(row["story"], row["fact"], row["kind"], row["severity"], json.loads(row["values"])) for row in rows]
    assert sorted(got) == sorted(expected)
    assert len(rows) >= STORIES // 4  # every fourth story gives two figures
    hostile = [row for row in rows if row["story"] == HOSTILE]
    assert hostile and json.loads(hostile[0]["sources"]) == ['bad,"name"', "other"]
    assert json.loads(hostile[0]["values"]) == ["12", "19"]


def _lines_in(path: Path) -> int:
    try:
        return path.read_bytes().count(b"\n")
    except FileNotFoundError:
        return 0


def _start(corpus: Path, out: Path, *extra: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "cli", "batch", str(corpus), "-o", str(out), *extra],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _wait_for_lines(proc: subprocess.Popen[bytes], out: Path, count: int) -> None:
    deadline = time.monotonic() + 60
    while _lines_in(out) < count:
        assert proc.poll() is None, "the batch ended before it could be stopped"
        assert time.monotonic() < deadline
        time.sleep(0.005)


def _descendants(pid: int) -> list[int]:
    import psutil

    return [p.pid for p in psutil.Process(pid).children(recursive=True)]


@ON_THE_CORPUS
def test_ctrl_c_kill_9_and_a_full_disk_then_resume_lose_and_repeat_nothing(corpus, tmp_path, capsys):
    import psutil

    out = tmp_path / "out.jsonl"

    first = _start(corpus, out, "--workers", "1")
    _wait_for_lines(first, out, 20)
    first.send_signal(signal.SIGSTOP)  # paused mid-batch, holding OUT, however fast this machine is
    size = out.stat().st_size
    from batch.cli import main

    assert main([str(corpus), "-o", str(out)]) == 2  # a second batch on the same OUT is refused
    assert "another parallax batch is writing it" in capsys.readouterr().err
    assert out.stat().st_size == size
    first.send_signal(signal.SIGINT)
    first.send_signal(signal.SIGCONT)
    _, err = first.communicate(timeout=30)
    assert first.returncode == 130, err.decode()
    assert b"run the same command again to resume" in err
    kept = by_story(out)

    killed = _start(corpus, out, "--workers", "2")
    _wait_for_lines(killed, out, len(kept) + 20)
    killed.send_signal(signal.SIGSTOP)
    workers = [psutil.Process(pid) for pid in _descendants(killed.pid)]
    killed.kill()
    killed.communicate(timeout=30)
    _, alive = psutil.wait_procs(workers, timeout=10)
    for process in alive:
        process.kill()
    assert not alive, "worker processes outlived a kill -9 of their batch"
    after_kill = by_story(out)
    assert set(kept) < set(after_kill)

    limit = out.stat().st_size + 60_000  # room for a few stories, then a full disk

    def small_disk() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    full = subprocess.run([sys.executable, "-m", "cli", "batch", str(corpus), "-o", str(out), "--workers", "1"],
                          cwd=ROOT, capture_output=True, preexec_fn=small_disk, timeout=120)
    assert full.returncode == 3, full.stderr.decode()
    assert b"cannot write" in full.stderr and b"resume" in full.stderr
    assert out.stat().st_size <= limit
    after_full = by_story(out)  # whole lines only
    every = {folder.name for folder in corpus.iterdir()}
    assert set(after_kill) < set(after_full) < every

    missing = sorted(every - set(after_full))[0]
    with out.open("ab") as f:  # what a power cut mid-write leaves
        f.write(b'{"story":"' + missing.encode() + b'","version":1,"threshold":0.2,"sources":[{"id":"le')
    final = batch(str(corpus), "-o", str(out))
    assert final.returncode == 1, final.stderr.decode()
    assert b"its last line was cut off" in final.stderr
    lines = by_story(out)  # each story once, every line whole
    assert set(lines) == every and {story for story, line in lines.items() if "error" in line} == set(BAD)
    assert lines[missing] == _json_of(corpus / missing)  # the story of the cut-off line, done again
    for story in sorted(kept)[:5]:  # and stories written before each stop, as --json has them
        assert lines[story] == _json_of(corpus / story)


def _jsonl_story(story, articles):
    return json.dumps({"story": story, "articles": [{"id": k, "text": v, "url": f"https://example.org/{k}"}
                                                    for k, v in articles.items()]})


@pytest.fixture(scope="module")
def jsonl_input(tmp_path_factory) -> Path:
    """Twenty stories with integer ids, then a blank line, bad lines, a repeated id, a story of
    one source, one whose id is not valid Unicode and whose second article has no text, and a
    line nested too deeply for a recursive parser."""
    source = tmp_path_factory.mktemp("jsonl") / "stories.jsonl"
    lines = [_jsonl_story(n, story_articles(n)) for n in range(20)]
    lines += ["", "{not json", json.dumps({"articles": []}), _jsonl_story(2, story_articles(7)),
              json.dumps({"story": "solo", "articles": [{"id": "a", "text": "Only one source here."}]}),
              json.dumps({"story": "\ud800odd", "articles": [{"id": "a", "text": "A."}, {"id": "b"}]}),
              "[" * 100_000]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return source


@pytest.fixture(scope="module")
def jsonl_run(jsonl_input):
    out = jsonl_input.with_name("out.jsonl")
    return batch(str(jsonl_input), "-o", str(out), "--workers", "1"), by_story(out)


@ON_THE_JSONL_RUN
def test_a_json_lines_input_aligns_each_line_and_records_bad_lines(jsonl_run):
    from align import align, to_dict
    from align.sources import RawText

    result, got = jsonl_run
    assert result.returncode == 1
    assert b"story 2 appears again at line 24" in result.stderr
    for n in range(20):  # integer ids stay integers; articles keep their order and have no path
        expected = to_dict(align([RawText(k, None, v) for k, v in story_articles(n).items()]))
        assert got[n] == {"story": n, **expected}
    assert "not valid JSON" in got["line 22"]["error"]
    assert 'needs a "story" id' in got["line 23"]["error"]
    assert "at least two sources" in got["solo"]["error"]
    assert 'article b: needs "text"' in got["\ud800odd"]["error"]
    assert "nested too deeply" in got["line 27"]["error"]
    assert set(got) == {*range(20), "line 22", "line 23", "solo", "\ud800odd", "line 27"}


@ON_THE_JSONL_RUN
def test_a_dask_cluster_gives_the_same_output_as_the_pool(jsonl_input, jsonl_run, tmp_path):
    import distributed  # the cluster extra, which scripts/test.sh installs
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False, protocol="tcp://",
                                  host="127.0.0.1", dashboard_address=None) as cluster:
        result = batch(str(jsonl_input), "-o", str(tmp_path / "dask.jsonl"), "--scheduler", cluster.scheduler_address)
    assert result.returncode == 1, result.stderr.decode()
    assert by_story(tmp_path / "dask.jsonl") == jsonl_run[1]


def test_a_worker_that_dies_costs_only_its_own_story(tmp_path):
    from batch_helpers import dies_on_boom

    from batch.output import open_output
    from batch.pool import ProcessPool
    from batch.runner import StopFlag, run
    from batch.stories import Story

    stories = [Story(f"ok{n}", str(tmp_path)) for n in range(6)]
    stories.insert(3, Story("boom", str(tmp_path)))
    out, _ = open_output(str(tmp_path / "out.jsonl"))
    with out:
        tally = run(stories, ProcessPool(2, work=dies_on_boom), out, threshold=0.2, stop=StopFlag())
    lines = by_story(tmp_path / "out.jsonl")
    assert (tally.aligned, tally.failed) == (6, 1)
    assert set(lines) == {s.id for s in stories}
    assert "worker process aligning this story died" in lines["boom"]["error"]


def test_a_story_given_to_the_pool_after_a_worker_died_is_aligned_all_the_same(tmp_path):
    """The pool learns of a dead worker on its own, before the runner reads that story's result:
    the next story handed to it must run in a new pool, not end the whole run (a race CI met)."""
    from batch_helpers import dies_on_boom

    from batch.pool import ProcessPool
    from batch.runner import WorkerLost
    from batch.stories import Story

    pool = ProcessPool(1, work=dies_on_boom)
    try:
        boom = pool.submit(Story("boom", str(tmp_path)), 0.2)
        pool.wait([boom], 30)
        assert boom.done()
        after = pool.submit(Story("ok", str(tmp_path)), 0.2)
        assert pool.result(after)[1] is True
        with pytest.raises(WorkerLost):
            pool.result(boom)
    finally:
        pool.close(abandon=True)


def test_an_engine_crash_is_that_story_s_error(tmp_path, monkeypatch):
    import align.pipeline
    from batch.stories import Story
    from batch.work import align_story

    def broken(*_args, **_kwargs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(align.pipeline, "regroup", broken)
    folder = write_story(tmp_path / "s", story_articles(0))
    line, aligned = align_story(Story("s", str(folder)), 0.2)
    assert not aligned
    error = json.loads(line)["error"]
    assert error.startswith("the alignment failed: ZeroDivisionError: division by zero (")


def test_a_worker_keeps_no_sentence_memo_from_one_story_to_the_next(tmp_path):
    """Memory stays what one story needs, however many stories a worker aligns."""
    import functools

    from batch.stories import Story
    from batch.work import KEPT_CACHES, align_story

    _line, aligned = align_story(Story("s", str(write_story(tmp_path / "s", story_articles(3)))), 0.2)
    assert aligned
    caches = {f"{name}.{attr}": value for name, module in list(sys.modules.items()) if name.startswith("align.")
              for attr, value in vars(module).items() if isinstance(value, functools._lru_cache_wrapper)}
    assert caches, "the engine has no memo caches any more: drop forget_story_caches"
    kept = {id(caches[k]) for k in KEPT_CACHES if k in caches}
    left = {k: c.cache_info().currsize for k, c in caches.items() if id(c) not in kept}
    assert {k: n for k, n in left.items() if n} == {}
    assert all(caches[k].cache_info().currsize for k in KEPT_CACHES if k in caches)


def test_progress_is_drawn_on_a_terminal(tmp_path):
    import pty
    import select

    root = tmp_path / "corpus"
    for n in range(4):
        write_story(root / f"s{n}", story_articles(n))
    leader, follower = pty.openpty()
    try:
        proc = subprocess.Popen([sys.executable, "-m", "cli", "batch", str(root), "-o", str(tmp_path / "b.jsonl")],
                                cwd=ROOT, stdout=subprocess.PIPE, stderr=follower,
                                env={**os.environ, "TERM": "xterm-256color", "COLUMNS": "120"})
        os.close(follower)
        drawn = b""
        while True:
            if select.select([leader], [], [], 0.1)[0]:
                try:
                    chunk = os.read(leader, 65536)
                except OSError:
                    break
                drawn += chunk
            elif proc.poll() is not None:
                break
        proc.wait(timeout=60)
    finally:
        os.close(leader)
    assert proc.returncode == 0
    assert b"4 stories aligned, 0 failed in" in drawn and b"/s)" in drawn


@pytest.mark.parametrize("case", ["missing input", "fifo input", "out is a folder", "out is a device",
                                  "out is not a batch output", "threshold differs", "workers and scheduler",
                                  "no scheduler there", "far more workers than cores"])
def test_bad_invocations_exit_2_with_one_line_and_touch_nothing(case, tmp_path, capsys):
    from batch.cli import main

    story = write_story(tmp_path / "in" / "s", story_articles(0)).parent
    out = tmp_path / "out.jsonl"
    args = [str(story), "-o", str(out)]
    if case == "missing input":
        args[0] = str(tmp_path / "nowhere")
    elif case == "fifo input":
        os.mkfifo(tmp_path / "fifo")
        args[0] = str(tmp_path / "fifo")
    elif case == "out is a folder":
        args[2] = str(tmp_path)
    elif case == "out is a device":
        args[2] = os.devnull
    elif case == "out is not a batch output":
        out.write_text("my notes\nline two, no newline")
    elif case == "threshold differs":
        out.write_bytes(b'{"story":"x","version":1,"threshold":0.2,"sources":[],"facts":[]}\n')
        args += ["--threshold", "0.5"]
    elif case == "workers and scheduler":
        args += ["--workers", "2", "--scheduler", "tcp://127.0.0.1:1"]
    elif case == "far more workers than cores":
        from batch.pool import cores

        args += ["--workers", str(100 * cores())]
    elif case == "no scheduler there":
        import socket

        with socket.socket() as probe:  # a port nobody listens on
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        args += ["--scheduler", f"tcp://127.0.0.1:{port}"]
    before = out.read_bytes() if out.exists() else None
    try:
        code = main(args)
    except SystemExit as exit_:  # argparse's usage errors
        code = exit_.code
    assert code == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.strip().splitlines()[-1].startswith("parallax batch: ")
    assert (out.read_bytes() if out.exists() else None) == before


def test_retry_failed_aligns_again_the_stories_recorded_as_errors(tmp_path, capsys):
    from batch.cli import main

    root = tmp_path / "corpus"
    for n in range(2):
        write_story(root / f"s{n}", story_articles(n))
    write_story(root / "lonely", {"only": story_articles(5)["ledger"]})
    out = tmp_path / "out.jsonl"
    assert main([str(root), "-o", str(out), "--workers", "1"]) == 1
    (root / "lonely" / "second.txt").write_text(story_articles(5)["courier"], encoding="utf-8")
    assert main([str(root), "-o", str(out), "--workers", "1"]) == 1  # errors are kept unless asked
    assert "error" in by_story(out)["lonely"]
    assert main([str(root), "-o", str(out), "--workers", "1", "--retry-failed"]) == 0
    lines = by_story(out)
    assert set(lines) == {"s0", "s1", "lonely"} and all("facts" in line for line in lines.values())
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary left
    capsys.readouterr()
