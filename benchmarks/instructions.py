#!/usr/bin/env python3
"""The discrepancy stage's cost over alignment's, in instructions: a figure the machine's speed
does not move.

usage: python3 benchmarks/instructions.py [--against OTHER_TREE] [--documents 80]

This machine's speed drifts by up to 1.5x within minutes, and the share `bench.py` times moves
with it by several points; counting the instructions a run executes (valgrind's callgrind, hash
seed fixed) gives the same figure every time, so that two versions of the engine can be compared
to a percent. Four runs per input, each a fresh process: reading only; reading, `prepare` and a
grouping; that and a second grouping; that and a grouping that examines the facts. Alignment is
the second less the first, discrepancy checking the fourth less the third. Instructions are not
time (the checks run colder code than alignment, so their share of the time is a few points
higher), but what lowers one lowers the other. Inputs: the seeds, and the first `--documents`
documents of the ECB+ development set in one run. Needs valgrind (`apt install valgrind`);
a run takes a minute or two per input.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ECB = ROOT.parent / "shared" / "bench" / "ecbplus-dev"
STAGES = ("read", "align", "align+group", "align+examine")

# One run of the engine, cut after a stage, inputs read as `bench.py` reads them; run inside
# valgrind with the tree's own code first on the path.
_RUN = """
import sys
from pathlib import Path
sys.path[:0] = [sys.argv[1], sys.argv[1] + "/benchmarks"]
stage, what = sys.argv[2], sys.argv[3]
import align.forked
align.forked.can_fork = lambda *a, **k: False  # one process: the copy's instructions are not counted
from align.pipeline import prepare, regroup
from bench import load_inputs
raws = load_inputs(Path(sys.argv[4]), "seeds" if what == "seeds" else "corpus")
raws = raws if what == "seeds" else raws[:int(what)]
if stage != "read":
    prepared = prepare(raws)
    regroup(prepared, discrepancies=False)
    if stage == "align+group":
        regroup(prepared, discrepancies=False)
    elif stage == "align+examine":
        regroup(prepared)
"""


def instructions(tree: Path, stage: str, what: str) -> int:
    """Instructions one run executes (callgrind's total), the string hash seed fixed."""
    with tempfile.TemporaryDirectory() as tmp:
        script, out = Path(tmp) / "run.py", Path(tmp) / "callgrind.out"
        script.write_text(_RUN, encoding="utf-8")
        done = subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", sys.executable, str(script),
             str(tree), stage, what, str(ECB)],
            capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": "0"}, check=False)
    found = re.search(r"Collected : (\d+)", done.stderr)
    if done.returncode != 0 or found is None:
        raise SystemExit(f"valgrind failed on {tree} ({stage}, {what}): {done.stderr.strip()[-300:]}")
    return int(found.group(1))


def shares(tree: Path, what: str) -> tuple[int, int]:
    """(alignment, discrepancy checking), in instructions."""
    read, aligned, grouped, examined = (instructions(tree, stage, what) for stage in STAGES)
    return aligned - read, examined - grouped


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--against", type=Path, help="another tree of the project (a git worktree) to compare with")
    parser.add_argument("--documents", type=int, default=80, help="ECB+ documents in the second input")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (apt install valgrind)")
    inputs = ["seeds"] + ([str(args.documents)] if ECB.is_dir() else [])
    trees = [ROOT] + ([args.against.resolve()] if args.against else [])
    for what in inputs:
        name = "seeds" if what == "seeds" else f"{what} ECB+ documents"
        for tree in trees:
            align_count, check_count = shares(tree, what)
            print(f"{name}, {tree}: alignment {align_count / 1e6:,.0f} M instructions, discrepancy checking "
                  f"{check_count / 1e6:,.0f} M: +{100 * check_count / align_count:.1f}% (budget of time: +30%)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
