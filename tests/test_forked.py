"""Large inputs use two cores (align/forked.py): the results must be exactly those of one
process, and a failing or interrupted copy must cost nothing but time.

Each case runs in a fresh interpreter: pytest-xdist's workers have threads, and the engine
(rightly) never forks a threaded process."""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from dataclasses import dataclass

from conftest import ROOT


def run_python(code: str) -> dict:
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_items_come_back_in_order_from_two_processes():
    out = run_python("""
        import json, os, time
        from align.forked import in_two
        def work(lo, hi):
            time.sleep(0.01 * (hi - lo))
            return [(k, os.getpid()) for k in range(lo, hi)]
        got = in_two(100, work, min_items=2)
        print(json.dumps({"items": [k for k, _ in got], "pids": len({p for _, p in got})}))
    """)
    assert out["items"] == list(range(100))
    assert out["pids"] == 2


def test_uneven_items_are_shared_by_what_each_gets_done():
    """The first half's items cost ten times the second's: the copy, taking from the back, does
    far more than half of the items (by halves, one process would wait for the other)."""
    out = run_python("""
        import json, os, time
        from align.forked import in_two
        me = os.getpid()
        def work(lo, hi):
            time.sleep(sum(0.01 if k < 100 else 0.001 for k in range(lo, hi)))
            return [os.getpid() != me for k in range(lo, hi)]
        by_copy = in_two(200, work, min_items=2)
        print(json.dumps({"copy": sum(by_copy)}))
    """)
    assert out["copy"] > 110  # about 145 when shared by what each gets done; by halves 100


def test_a_copy_that_fails_has_its_half_done_here():
    out = run_python("""
        import json, os
        from align.forked import in_two
        me = os.getpid()
        def work(lo, hi):
            if os.getpid() != me:
                raise RuntimeError("the copy fails")
            return list(range(lo, hi))
        print(json.dumps({"items": in_two(9, work, min_items=2)}))
    """)
    assert out["items"] == list(range(9))


def test_an_error_here_ends_the_copy_too():
    out = run_python("""
        import json, os, time
        from align.forked import in_two
        me = os.getpid()
        def work(lo, hi):
            if os.getpid() == me:
                raise ValueError("here")
            time.sleep(30)  # the copy would linger for this long
            return []
        try:
            in_two(4, work, min_items=2)
        except ValueError:
            pass
        try:
            os.waitpid(-1, os.WNOHANG)
            left = True
        except ChildProcessError:
            left = False
        print(json.dumps({"child_left": left}))
    """)
    assert out["child_left"] is False


def test_no_fork_while_another_thread_runs():
    out = run_python("""
        import json, os, threading
        from align.forked import in_two
        stop = threading.Event()
        threading.Thread(target=stop.wait).start()
        got = in_two(10, lambda lo, hi: [os.getpid()] * (hi - lo), min_items=2)
        stop.set()
        print(json.dumps({"pids": len(set(got))}))
    """)
    assert out["pids"] == 1


ARTICLES = [
    "Fire crews fought a blaze at the Harbour Mill in Castleton on Tuesday. Officials said 40 people were "
    "evacuated from nearby homes. Chief Anna Reyes said the fire started in the east wing. "
    "The mill was built in 1898 and employed 120 workers. Police closed Dock Road until Wednesday.",
    "A fire broke out at Castleton's Harbour Mill on Monday, officials said. About 60 people were evacuated "
    "from homes nearby. Fire chief Maria Reyes said the blaze began in the west wing. "
    "The mill, built in 1898, employed 120 workers. Dock Road stayed closed until Thursday.",
    "Castleton's Harbour Mill burned on Tuesday. Forty residents left their homes. The blaze began in the "
    "east wing, Chief Anna Reyes said. The mill employed 120 people.",
]


def test_the_alignment_is_the_same_split_in_two_or_not():
    """Whole alignments, JSON byte for byte, with every stage that can be split forced to split
    (and one process doing it all): the same facts, discrepancies and word diffs."""
    out = run_python(f"""
        import json, os
        import align.forked, align.pipeline
        from align.pipeline import prepare, regroup
        from align.export import to_json
        from align.sources import RawText
        texts = {ARTICLES!r} * 3
        raws = [RawText(f"s{{k}}", None, t + " Filed by desk " + str(k) + ".") for k, t in enumerate(texts)]
        forks = []
        real_fork = os.fork
        def counting_fork():
            forks.append(1)
            return real_fork()
        os.fork = counting_fork
        align.forked.MIN_ITEMS, align.pipeline.FORK_MIN_FACTS = 10**9, 10**9
        alone = to_json(regroup(prepare(raws)))
        alone_forks = len(forks)
        align.forked.MIN_ITEMS, align.pipeline.FORK_MIN_FACTS = 2, 2
        split = to_json(regroup(prepare(raws)))
        print(json.dumps({{"same": alone == split, "alone_forks": alone_forks, "split_forks": len(forks),
                          "discrepancies": sum(len(f["discrepancies"]) for f in json.loads(split)["facts"])}}))
    """)
    assert out["alone_forks"] == 0
    assert out["split_forks"] == 4  # reading terms, weighing them, finding candidates, examining facts
    assert out["discrepancies"] > 0  # the articles disagree: the split examined something
    assert out["same"]


def test_the_copy_ends_when_the_process_that_forked_it_is_killed():
    """kill -9 of `parallax` mid-run: its forked helper does not work on for nobody."""
    import os
    import signal
    import time

    script = textwrap.dedent("""
        import os, sys, time
        from align.forked import in_two
        def work(lo, hi):
            if lo:  # the copy's half: say who it is, then work long
                print(os.getpid(), flush=True)
                time.sleep(60)
            else:
                time.sleep(60)
            return []
        in_two(4, work, min_items=2)
    """)
    proc = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        copy = int(proc.stdout.readline())
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and _running(copy):
            time.sleep(0.05)
        assert not _running(copy)
    finally:
        proc.kill()


def _running(pid: int) -> bool:
    """Alive and not a zombie (an orphan is reaped by init, or by a subreaper, in its own time)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False



@dataclass(frozen=True)
class OneField:  # at module level: pickling names a record's class
    value: int


def test_the_copys_records_come_back_equal_whatever_their_fields() -> None:
    """The copy pickles records as their class called with their fields: records of one field, of
    fields with defaults, without slots (a date keeps its worked-out form on the instance), and one
    with a field its constructor does not take (pickled the usual way) all come back equal."""
    import pickle

    from align.dates import extract_dates
    from align.forked import dumps
    from align.model import Alignment, Fact, Mention, Sentence, Source

    dated = extract_dates("It happened on Tuesday, March 3, 2021.")[0]
    assert dated.normalized  # worked out and kept on the instance before pickling
    source = Source("s", None, None, "A b.", (Sentence(0, 0, 4, "A b."),))
    records = [OneField(7), Fact("f", 0.5, (Mention("s", 0),)), dated, Alignment((source,), (), 0.2)]
    back = pickle.loads(dumps(records))
    assert back == records
    assert back[3].source("s") == source  # its lookup table, which the constructor builds, is there
