"""Reading files safely (issue 11), duplicates (issue 12), list files, labels and ids."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import ROOT, fails_cleanly, run_cli, run_main

from align.sources import InputError, ReadOptions, read_inputs
from align.sources.labels import id_from_url, readable

STORY_A = ("The city council approved the harbour budget on Monday after a long debate.\n"
           "The plan sets aside $12 million for new flood barriers along the river.\n")
STORY_B = ("On Monday the council voted to approve the harbour budget.\n"
           "It includes $12 million for flood barriers on the river, officials said.\n")


@pytest.fixture
def story_b(tmp_path: Path) -> Path:
    path = tmp_path / "b.txt"
    path.write_text(STORY_B, encoding="utf-8")
    return path


# -- issue 11: nothing hangs, nothing floods memory -----------------------------------------------


def test_dev_zero_is_refused_at_once_not_read_until_memory_runs_out(story_b):
    started = time.monotonic()
    fails_cleanly(run_cli("--json", "/dev/zero", str(story_b)), "/dev/zero", "binary")
    assert time.monotonic() - started < 10


def test_a_fifo_nobody_writes_to_gets_a_clear_error_after_the_timeout(tmp_path, story_b):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    started = time.monotonic()
    err = fails_cleanly(run_cli("--json", "--timeout", "1", str(fifo), str(story_b)), "pipe.txt", "cannot read")
    assert "nothing arrived for 1 s" in err
    assert time.monotonic() - started < 15


def test_a_fifo_with_a_writer_is_read(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)

    def write_later() -> None:
        time.sleep(0.3)
        with open(fifo, "w", encoding="utf-8") as out:
            out.write(STORY_A)

    writer = threading.Thread(target=write_later)
    writer.start()
    try:
        [raw] = read_inputs([fifo], ReadOptions(timeout=10))
    finally:
        writer.join()
    assert raw.text == STORY_A


def test_an_endless_pipe_is_cut_off_at_the_cap(story_b):
    shell = f"yes 'The council met again.' | {sys.executable} -m cli --json - {story_b}"
    started = time.monotonic()
    result = subprocess.run(["bash", "-c", shell], cwd=ROOT, capture_output=True, timeout=60)
    fails_cleanly(result, "<stdin>: larger than 10 MB")
    assert time.monotonic() - started < 30


def test_text_over_five_megabytes_from_a_pipe_is_refused(story_b):
    result = run_cli("--json", "-", str(story_b), stdin=b"The council met again. " * (6 * 1024 * 1024 // 23))
    fails_cleanly(result, "<stdin>: larger than 5 MB")


def test_a_file_that_reports_size_zero_is_read_whole():
    proc_file = Path("/proc/self/status")
    [raw] = read_inputs([proc_file])
    assert proc_file.stat().st_size == 0 and "Name:" in raw.text and "Pid:" in raw.text


def test_a_nul_byte_after_the_first_8_kib_is_a_binary_file(tmp_path, story_b):
    blob = tmp_path / "late-nul.txt"
    blob.write_bytes(STORY_A.encode() * 200 + b"\x00" + STORY_A.encode())
    assert blob.stat().st_size > 8192 * 2
    fails_cleanly(run_main("--json", str(blob), str(story_b)), "late-nul.txt", "binary")


def test_read_errors_say_cannot_read_never_cannot_write(story_b):
    err = fails_cleanly(run_main("--json", "/proc/self/mem", str(story_b)), "/proc/self/mem", "cannot read")
    assert "write" not in err


def test_a_file_used_as_a_folder_is_no_such_file(story_b):
    fails_cleanly(run_main("--json", str(story_b / "x.txt"), str(story_b)), "no such file")


def test_control_characters_in_file_names_never_reach_ids_labels_or_messages(tmp_path, story_b):
    odd = tmp_path / "evening\nedition\x1b[31m\u202e.txt"
    odd.write_text(STORY_A, encoding="utf-8")
    result = run_main("--json", str(odd), str(story_b))
    assert result.returncode == 0, result.stderr.decode()
    source = json.loads(result.stdout)["sources"][0]
    assert source["id"] == "evening edition"
    assert source["label"] == "evening edition"
    empty = tmp_path / "bad\nname\x1b]0;x\x07.txt"
    empty.write_text("")
    err = fails_cleanly(run_main("--json", str(empty), str(story_b)), "empty")
    assert "\x1b" not in err and "\x07" not in err


def test_the_python_api_never_reads_stdin_for_a_string():
    code = ("import align\n"
            f"a = align.align(['-', {STORY_A!r}, {STORY_B!r}])\n"
            "print(a.sources[0].text)")
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    try:
        out, err = proc.communicate(timeout=60)  # stdin stays open: reading it would hang here
    finally:
        proc.kill()
    assert proc.returncode == 0, err.decode()
    assert out.decode().strip() == "-"


def test_the_python_api_reads_path_objects(tmp_path, story_b):
    import align

    a = tmp_path / "a.txt"
    a.write_text(STORY_A, encoding="utf-8")
    alignment = align.align([a, story_b])
    assert [s.text for s in alignment.sources] == [STORY_A, STORY_B]
    assert [s.path for s in alignment.sources] == [str(a), str(story_b)]


# -- issue 12: the same article twice -------------------------------------------------------------


def test_the_same_file_twice_is_aligned_once_with_a_warning(tmp_path, story_b):
    a = tmp_path / "a.txt"
    a.write_text(STORY_A, encoding="utf-8")
    copy = tmp_path / "copy-of-a.txt"
    copy.write_bytes(a.read_bytes())
    result = run_main("--json", str(a), str(story_b), str(a), str(copy))
    assert result.returncode == 0
    assert [s["id"] for s in json.loads(result.stdout)["sources"]] == ["a", "b"]
    warnings = result.stderr.decode().strip().splitlines()
    assert len(warnings) == 2, warnings
    assert all("warning" in w and "aligned once" in w and str(a) in w for w in warnings)
    assert "copy-of-a.txt" in warnings[1]


def test_a_duplicate_leaving_one_source_is_an_error(tmp_path):
    a = tmp_path / "a.txt"
    a.write_text(STORY_A, encoding="utf-8")
    result = run_main("--json", str(a), str(a))
    assert result.returncode == 2 and "at least two" in result.stderr.decode()


# -- directories, list files, stdin ---------------------------------------------------------------


def test_a_directory_includes_html_and_markdown_pages(tmp_path):
    (tmp_path / "a.txt").write_text(STORY_A, encoding="utf-8")
    (tmp_path / "b.htm").write_text(f"<html><body><article><p>{STORY_B}</p></article></body></html>", encoding="utf-8")
    (tmp_path / "c.md").write_text("# Budget\n\n**The council approved the harbour budget on Monday, with "
                                   "$12 million for flood barriers.**\n", encoding="utf-8")
    (tmp_path / "notes.csv").write_text("skipped,file\n")
    raws = read_inputs([str(tmp_path)])
    assert [(r.id, r.format.value) for r in raws] == [("a", "text"), ("b", "html"), ("c", "markdown")]


def test_a_list_file_names_inputs_relative_to_itself(tmp_path, story_b):
    folder = tmp_path / "story"
    folder.mkdir()
    (folder / "a.txt").write_text(STORY_A, encoding="utf-8")
    listing = folder / "inputs.txt"
    listing.write_text(f"# the sources of this story\n\na.txt\n{story_b}\n", encoding="utf-8")
    raws = read_inputs([f"@{listing}"])
    assert [r.id for r in raws] == ["a", "b"]


def test_a_list_file_cannot_name_stdin_or_another_list(tmp_path):
    listing = tmp_path / "inputs.txt"
    listing.write_text("-\n", encoding="utf-8")
    with pytest.raises(InputError, match="not '-'"):
        read_inputs([f"@{listing}"])


def test_every_unreadable_input_is_its_own_line_and_keep_going_aligns_the_rest(tmp_path, story_b):
    a = tmp_path / "a.txt"
    a.write_text(STORY_A, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("\n")
    result = run_main("--json", str(tmp_path / "gone.txt"), str(a), str(tmp_path / "empty.txt"), str(story_b))
    lines = result.stderr.decode().strip().splitlines()
    assert result.returncode == 2 and len(lines) == 2
    assert "gone.txt: no such file" in lines[0] and "empty.txt: the file is empty" in lines[1]
    kept = run_main("--json", "--keep-going", str(tmp_path / "gone.txt"), str(a), str(tmp_path / "empty.txt"),
                   str(story_b))
    assert kept.returncode == 0
    assert [s["id"] for s in json.loads(kept.stdout)["sources"]] == ["a", "b"]
    assert all(line.startswith("parallax: warning:") and line.endswith("left out")
               for line in kept.stderr.decode().strip().splitlines())


def test_utf16_with_a_bom_is_text_not_binary(tmp_path):
    path = tmp_path / "windows.txt"
    path.write_bytes(STORY_A.encode("utf-16"))
    [raw] = read_inputs([path])
    assert raw.text == STORY_A


def test_a_pdf_is_named_as_such(tmp_path, story_b):
    pdf = tmp_path / "article.pdf"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    fails_cleanly(run_main("--json", str(pdf), str(story_b)), "article.pdf", "is a PDF")


# -- labels ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("name, label", [
    ("000_c1ee8d38dd246e7e", "000"),
    ("reuters-bridge-vote-3f9a8c2d1e4b", "reuters-bridge-vote"),
    ("2025-05-14_ledger_harbor-bridge", "2025-05-14 ledger harbor-bridge"),
    ("ap_5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a", "ap"),
    ("guardian_1715680800123", "guardian"),
    ("c1ee8d38dd246e7e", "c1ee8d38dd24"),  # nothing else to go by: the name, cut short
    ("Evening Post", "Evening Post"),
])
def test_a_readable_label_drops_hash_like_parts_of_a_file_name(name, label):
    assert readable(name) == label


def test_labels_stay_distinct_and_can_be_given(tmp_path):
    for name, text in (("000_c1ee8d38dd246e7e", STORY_A), ("000_10a14e14b268ca69", STORY_B)):
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    raws = read_inputs([str(tmp_path)])
    assert [r.label for r in raws] == ["000", "000 (2)"]
    named = read_inputs([str(tmp_path)], ReadOptions(labels=("Reuters", "")))
    assert [r.label for r in named] == ["Reuters", "000"]
    with pytest.raises(InputError, match="--label given 3 times for 2 sources"):
        read_inputs([str(tmp_path)], ReadOptions(labels=("a", "b", "c")))


def test_a_url_id_is_a_file_name_that_reads_back_as_itself():
    url = "https://www.ledger.example/news/2025/05/14/harbor-street-bridge.html?page=2"
    assert id_from_url(url) == "ledger.example-harbor-street-bridge-page-2"
    assert id_from_url("http://127.0.0.1:8080/") == "127.0.0.1-8080"
    assert readable(id_from_url(url)) == id_from_url(url)


def test_a_timeout_out_of_range_is_a_usage_error(story_b):
    fails_cleanly(run_main("--json", "--timeout", "0", str(story_b), str(story_b)), "--timeout")
