"""The headless path: JSON that matches the shipped schema, stable bytes, a lean import."""
from __future__ import annotations

import json
import subprocess
import sys
from importlib.resources import files

import jsonschema
import pytest
from conftest import ROOT, SEEDS, run_cli, run_main
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st


@pytest.fixture(scope="module")
def seed_json():
    result = run_main("--json", *map(str, SEEDS))
    assert result.returncode == 0, result.stderr.decode()
    return result.stdout


def test_output_validates_against_the_shipped_schema(seed_json):
    schema = json.loads(files("align").joinpath("schema.json").read_text())
    jsonschema.validate(json.loads(seed_json), schema)


def test_output_is_byte_identical_across_runs(seed_json):
    again = run_cli("--json", *map(str, SEEDS))  # in a process of its own, the first in this one
    assert again.stdout == seed_json


def test_sentence_offsets_index_the_text_as_read(seed_json):
    for src in json.loads(seed_json)["sources"]:
        with open(src["path"], encoding="utf-8-sig", newline="") as f:
            raw = f.read()
        assert src["text"] == raw
        for s in src["sentences"]:
            assert raw[s["start"]:s["end"]] == s["text"]


def test_every_body_sentence_is_in_a_fact(seed_json):
    doc = json.loads(seed_json)
    placed = {(m["source"], m["sentence"]) for f in doc["facts"] for m in f["members"]}
    for src in doc["sources"]:
        for i, s in enumerate(src["sentences"]):
            assert ((src["id"], i) in placed) != s["boilerplate"], (src["id"], s["text"])


@pytest.mark.parametrize("module", ["align", "align.pipeline", "align.export", "review.export", "review.report",
                                    "review.session", "review.opening", "cli.headless"])
def test_engine_review_and_headless_command_import_without_textual_or_rich(module):
    code = f"import sys, {module}; print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "[]"


def test_headless_run_loads_neither_textual_nor_rich_nor_nltk():
    code = (
        "import sys, io, contextlib; from cli.main import main\n"
        "with contextlib.redirect_stdout(io.StringIO()): main(['--json'])\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'rich', 'nltk'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "[]"


def test_no_progress_is_drawn_when_stderr_is_not_a_terminal(seed_json):
    assert run_cli("--json").stderr == b""


def test_progress_is_drawn_when_stderr_is_a_terminal():
    import os
    import pty
    import select

    leader, follower = pty.openpty()
    try:
        proc = subprocess.Popen([sys.executable, "-m", "cli", "--json"], cwd=ROOT, stdout=subprocess.PIPE,
                                stderr=follower, env={**os.environ, "TERM": "xterm-256color"})
        os.close(follower)
        out, _ = proc.communicate(timeout=60)
        drawn = b""
        while select.select([leader], [], [], 0.2)[0]:
            try:
                chunk = os.read(leader, 65536)
            except OSError:
                break
            if not chunk:
                break
            drawn += chunk
    finally:
        os.close(leader)
    assert proc.returncode == 0
    json.loads(out)
    assert b"comparing" in drawn

_PIECES = st.sampled_from([
    "The council met on Monday.", "Shares fell 7%.", "“We will rebuild,” she said.", "U.S. officials",
    "$5.5bn", "Published", "\n", "\n\n", " ", "—", "Subscribe to our newsletter", "Dr. Smith", "…", "?!",
    "In 2025 the Biden administration imposed curbs.", "Trump’s administration announced bans.", "[bold]x[/]",
    "\x1b[31m", "não", "会見した。", "didn't", "Jensen Huang", "about 4,000", "this week", "on Thursday",
])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(_PIECES | st.text(max_size=20), min_size=1, max_size=25).map(" ".join),
                min_size=2, max_size=4))
def test_any_articles_align_into_valid_json_with_exact_offsets(texts):
    import align
    from align.export import to_dict

    texts = [t if t.strip() else "Filler sentence." for t in texts]
    doc = to_dict(align.align(texts))
    jsonschema.validate(doc, json.loads(files("align").joinpath("schema.json").read_text()))
    for src in doc["sources"]:
        for s in src["sentences"]:
            assert src["text"][s["start"]:s["end"]] == s["text"]
    for fact in doc["facts"]:
        for d in fact["discrepancies"]:
            for v in d["values"]:
                source = next(s for s in doc["sources"] if s["id"] == v["source"])
                assert source["text"][v["start"]:v["end"]] == v["text"]


def test_the_command_ends_with_all_of_its_output_said(tmp_path):
    """A headless run leaves without taking its objects apart (seconds after a large input): what
    it printed, warned and wrote must all be out, and its status right, when it does."""
    lines = [f"The council of town {n} voted {n} to {n + 1} on Monday to close {n} schools early." for n in range(120)]
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    b.write_text("\n\n".join(line.replace("voted", "decided") for line in lines[::-1]) + "\n", encoding="utf-8")
    printed = run_cli("--json", str(a), str(b), str(a))  # a third copy of a: a warning on stderr
    assert printed.returncode == 0, printed.stderr
    assert len(printed.stdout) > 1 << 16 and printed.stdout.endswith(b"}\n")  # more than a pipe holds
    assert [len(s["sentences"]) for s in json.loads(printed.stdout)["sources"]] == [120, 120]
    assert b"aligned once" in printed.stderr
    out = tmp_path / "out.json"
    written = run_cli("--json", "-o", str(out), str(a), str(b))
    assert written.returncode == 0 and written.stdout == b""
    assert out.read_bytes() == printed.stdout
    failed = run_cli("--json", str(a), str(tmp_path / "missing.txt"))
    assert failed.returncode == 2 and b"missing.txt" in failed.stderr
