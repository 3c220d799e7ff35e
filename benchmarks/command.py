"""The `parallax` the benchmarks time: the script installed beside this Python (what a user's
virtual environment runs), not a version manager's shim found first on PATH (pyenv's adds
0.1-0.2 s of bash to every run), else `python -m cli`."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path


def command() -> list[str]:
    beside = Path(sys.executable).with_name("parallax")
    if beside.is_file():
        return [str(beside)]
    exe = shutil.which("parallax")
    return [exe] if exe else [sys.executable, "-m", "cli"]
