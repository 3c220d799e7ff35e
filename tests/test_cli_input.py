"""Bad input gets one clear line on stderr and exit status 2; good input gets JSON."""
from __future__ import annotations

import json

from conftest import SEEDS, fails_cleanly, run_cli, run_main


def test_missing_path(tmp_path):
    fails_cleanly(run_main("--json", str(tmp_path / "nope.txt"), str(SEEDS[0])), "nope.txt", "no such file")


def test_directory_without_text_files(tmp_path):
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    fails_cleanly(run_main("--json", str(tmp_path), str(SEEDS[0])), str(tmp_path), "no .txt, .md or .html")


def test_binary_file(tmp_path):
    f = tmp_path / "blob.txt"
    f.write_bytes(b"abc\x00\x01\x02" * 100)
    fails_cleanly(run_main("--json", str(f), str(SEEDS[0])), "blob.txt", "binary")


def test_invalid_utf8(tmp_path):
    f = tmp_path / "latin.txt"
    f.write_bytes("Caf\u00e9 au lait. Ol\u00e9.".encode("latin-1"))
    fails_cleanly(run_main("--json", str(f), str(SEEDS[0])), "latin.txt", "UTF-8")


def test_empty_file(tmp_path):
    f = tmp_path / "empty.txt"
    f.write_text("  \n\n")
    fails_cleanly(run_main("--json", str(f), str(SEEDS[0])), "empty.txt", "empty")


def test_single_source():
    fails_cleanly(run_main("--json", str(SEEDS[0])), "at least two")


def test_file_over_five_megabytes(tmp_path):
    f = tmp_path / "huge.txt"
    f.write_text("The minister spoke. " * 300_000)
    fails_cleanly(run_main("--json", str(f), str(SEEDS[0])), "huge.txt", "5 MB")


def test_bad_threshold_is_a_usage_error():
    result = run_cli("--json", "--threshold", "7")
    assert result.returncode == 2 and b"Traceback" not in result.stderr


def test_bom_directory_stdin_and_colliding_names(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir(), b.mkdir()
    (a / "story.txt").write_bytes("\ufeffThe council approved the budget on Monday.".encode())
    (b / "story.md").write_text("# Budget\n\nOn Monday the council approved the budget.\n")
    (b / "notes.csv").write_text("ignored,file\n")
    result = run_main("--json", str(a), str(b), "-", stdin=b"The budget was approved by the council.")
    assert result.returncode == 0, result.stderr.decode()
    doc = json.loads(result.stdout)
    assert [s["id"] for s in doc["sources"]] == ["story", "story-2", "stdin"]
    assert doc["sources"][0]["text"].startswith("The council")  # BOM tolerated, not kept
    assert doc["sources"][2]["path"] is None
    shared = [f for f in doc["facts"] if len(f["sources"]) == 3]
    assert shared, "the three budget sentences should form one fact"


def test_default_input_is_the_bundled_seeds():
    result = run_main("--json")
    assert result.returncode == 0, result.stderr.decode()
    doc = json.loads(result.stdout)
    assert len(doc["sources"]) == len(SEEDS) == 5


def test_the_app_without_a_terminal_says_what_to_use_instead():
    fails_cleanly(run_cli(), "needs a terminal", "--json")


def test_a_file_of_nothing_but_site_chrome_is_named_in_a_warning(tmp_path):
    f = tmp_path / "chrome.txt"
    f.write_text("Menu\nSubscribe to our newsletter\nShare\nPublished\n")
    result = run_main("--json", str(f), str(SEEDS[0]), str(SEEDS[1]))
    assert result.returncode == 0
    err = result.stderr.decode()
    assert "chrome.txt" in err and "no article text" in err and len(err.strip().splitlines()) == 1
    assert json.loads(result.stdout)["sources"][0]["id"] == "chrome"


def test_output_into_a_missing_folder_names_it_and_creates_nothing(tmp_path):
    target = tmp_path / "missing" / "out.json"
    fails_cleanly(run_main("--json", "-o", str(target)), str(target), "cannot write")
    assert not (tmp_path / "missing").exists()


def test_file_names_reach_stderr_without_escape_sequences(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "x\x1b[2Jy.txt").write_text("")
    err = fails_cleanly(run_main("--json", str(folder), str(SEEDS[0])), "xy.txt", "empty")
    assert "\x1b" not in err


def test_a_closed_pipe_is_not_an_error():
    import subprocess
    import sys

    from conftest import ROOT

    shell = f"{sys.executable} -m cli --json | head -c 10 > /dev/null"
    result = subprocess.run(["bash", "-o", "pipefail", "-c", shell], cwd=ROOT, capture_output=True)
    assert result.returncode == 0 and b"Traceback" not in result.stderr and b"cannot write" not in result.stderr


def test_a_labels_file_beside_the_articles_names_them_and_label_still_wins(tmp_path):
    (tmp_path / "reuters-3f9a8c2d1e4b.txt").write_text("The council approved the harbour budget on Monday.\n")
    (tmp_path / "ap-77c1e0a9b2d4.txt").write_text("On Monday the council passed the harbour budget.\n")
    (tmp_path / "wire.txt").write_text("Dock workers protested outside city hall on Monday.\n")
    (tmp_path / "labels.toml").write_text('"reuters-3f9a8c2d1e4b.txt" = "Reuters"\n'
                                          '"ap-77c1e0a9b2d4.txt" = "AP\\nnews"\n')
    doc = json.loads(run_main("--json", str(tmp_path)).stdout)
    assert [s["label"] for s in doc["sources"]] == ["AP news", "Reuters", "wire"]
    doc = json.loads(run_main("--json", "--label", "Associated Press", str(tmp_path)).stdout)
    assert [s["label"] for s in doc["sources"]] == ["Associated Press", "Reuters", "wire"]


def test_a_labels_file_that_is_not_toml_is_one_warning_and_changes_nothing(tmp_path):
    (tmp_path / "a.txt").write_text("The council approved the harbour budget on Monday.\n")
    (tmp_path / "b.txt").write_text("On Monday the council passed the harbour budget.\n")
    (tmp_path / "labels.toml").write_text("a.txt = Reuters without quotes\n")
    result = run_main("--json", str(tmp_path))
    assert result.returncode == 0
    err = result.stderr.decode()
    assert len(err.strip().splitlines()) == 1 and "labels.toml: not a labels file" in err
    assert [s["label"] for s in json.loads(result.stdout)["sources"]] == ["a", "b"]
