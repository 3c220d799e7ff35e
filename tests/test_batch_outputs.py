"""`parallax batch`'s other outputs: where the summary may go, a summary that cannot be written,
and summary cells a spreadsheet would run as formulas."""
from __future__ import annotations

import csv
import io
import json
import os
import stat

import pytest
from batch_helpers import write_story
from conftest import fails_cleanly, run_main
from test_batch import by_story

# two reports of one made-up event that disagree on a figure (one discrepancy)
FERRY = "The ferry Northern Star carried {} passengers into Hull harbour on Sunday evening.\n\nIts captain thanked the crew."
REPORTS = {"dockside": FERRY.format(40), "harbourwatch": FERRY.format(46)}


@pytest.mark.parametrize("case", ["summary is an article", "summary is an article through a link",
                                  "out is a new file in a story folder", "summary is out",
                                  "summary is out through a link"])
def test_a_summary_or_out_that_is_an_input_or_each_other_is_refused_and_nothing_is_touched(case, tmp_path):
    stories = tmp_path / "in"
    article = write_story(stories / "st1", REPORTS) / "harbourwatch.txt"
    write_story(stories / "st2", REPORTS)
    (tmp_path / "there").symlink_to(stories / "st1")
    out, summary = tmp_path / "out.jsonl", tmp_path / "summary.csv"
    if case == "summary is an article":
        summary = article
    elif case == "summary is an article through a link":
        summary = tmp_path / "there" / article.name
    elif case == "out is a new file in a story folder":
        out = stories / "st1" / "notes.txt"
    elif case == "summary is out":
        summary = out
    else:  # OUT does not exist yet, and the two names differ
        summary = tmp_path / "link-to-here" / out.name
        (tmp_path / "link-to-here").symlink_to(tmp_path)
    before = {path: path.read_bytes() for path in stories.rglob("*") if path.is_file()}

    result = run_main("batch", str(stories), "-o", str(out), "--summary", str(summary), "--workers", "1")

    fails_cleanly(result, "-o" if case.startswith("out") else "--summary")
    assert {path: path.read_bytes() for path in stories.rglob("*") if path.is_file()} == before
    assert not out.exists() and not (tmp_path / "summary.csv").exists()


@pytest.fixture
def full_device(tmp_path) -> str:
    """A device that says "no space left" to every write: /dev/full, or (when this test runs
    as root, which could replace /dev/full itself before the fix) a node of it in tmp_path."""
    if os.geteuid() != 0:
        return "/dev/full"
    node = tmp_path / "full"
    try:
        os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, 7))
    except PermissionError:
        pytest.skip("root without the right to make device nodes")
    return str(node)


def test_a_summary_the_disk_cannot_take_is_a_one_line_error_and_out_is_kept(tmp_path, full_device):
    write_story(tmp_path / "in" / "st1", REPORTS)
    out = tmp_path / "out.jsonl"

    result = run_main("batch", str(tmp_path / "in"), "-o", str(out), "--summary", full_device, "--workers", "1")

    err = result.stderr.decode()
    assert result.returncode == 3, err  # as when OUT itself cannot be written
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    assert f"{full_device}: cannot write" in err and "resume" in err
    assert "facts" in by_story(out)["st1"]  # the alignment is kept
    assert stat.S_ISCHR(os.stat(full_device).st_mode)  # the device is written to, not replaced


def test_summary_cells_a_spreadsheet_would_run_as_formulas_are_quoted_numbers_stay_numbers(tmp_path):
    names = ['=HYPERLINK("http://example.invalid","open")', "+1+cmd|' /C calc'!A0", "-2-3", "@SUM(A1:A9)",
             "plain", -7]
    source = tmp_path / "stories.jsonl"
    source.write_text("".join(json.dumps({"story": name, "articles": [{"id": "=" + k, "text": v}
                                                                      for k, v in REPORTS.items()]}) + "\n"
                              for name in names), encoding="utf-8")
    out, summary = tmp_path / "out.jsonl", tmp_path / "summary.csv"

    result = run_main("batch", str(source), "-o", str(out), "--summary", str(summary), "--workers", "1")

    assert result.returncode == 0, result.stderr.decode()
    rows = list(csv.DictReader(io.StringIO(summary.read_text(encoding="utf-8"), newline="")))
    assert sorted(row["story"] for row in rows) == sorted(["'" + str(name) for name in names[:4]] + ["plain", "-7"])
    for row in rows:  # the arrays still read back whole, with the ids as the articles gave them
        assert json.loads(row["sources"]) == ["=dockside", "=harbourwatch"]
        assert json.loads(row["values"]) == ["40", "46"]
        assert not [cell for cell in row.values() if cell[:1] in ("=", "+", "@", "\t", "\r")]
