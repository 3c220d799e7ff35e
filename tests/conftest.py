"""Shared test helpers: the bundled seeds, and running the installed command."""
from __future__ import annotations

import contextlib
import gc
import io
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def run_cli(*args: str, stdin: bytes | None = None,
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run `parallax` as a user would, in a fresh interpreter."""
    return subprocess.run(
        [sys.executable, "-m", "cli", *args],
        input=stdin,
        capture_output=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


def run_main(*args: str, stdin: bytes | None = None,
             env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run `parallax` in this interpreter: its `main` with stdin, stdout and stderr of its own
    (bytes in, bytes out, none a terminal), `env` added to the environment and the tree as the
    working folder, as `run_cli` runs it. For tests of what the command says and its exit
    status; an exception it does not handle fails the test (where a process would print a
    traceback). Use `run_cli` where the process itself matters: its encoding, signals, file
    descriptors, locks held by another process, what it imports."""
    from cli.main import main

    streams = [io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", errors=errors, write_through=True)
               for data, errors in ((stdin or b"", "strict"), (b"", "strict"), (b"", "backslashreplace"))]
    with _environment(env or {}), contextlib.chdir(ROOT), _std_streams(*streams):
        try:
            code: object = main(list(args))
        except SystemExit as exit_:  # argparse: usage errors, --help, --version
            code = exit_.code
    out, err = (stream.buffer.getvalue() for stream in streams[1:])  # type: ignore[attr-defined]
    return subprocess.CompletedProcess(["parallax", *args], 0 if code is None else code, out, err)


@contextlib.contextmanager
def _std_streams(stdin: io.TextIOWrapper, stdout: io.TextIOWrapper, stderr: io.TextIOWrapper) -> Iterator[None]:
    saved = sys.stdin, sys.stdout, sys.stderr
    sys.stdin, sys.stdout, sys.stderr = stdin, stdout, stderr
    try:
        yield
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved


@contextlib.contextmanager
def _environment(added: dict[str, str]) -> Iterator[None]:
    saved = dict(os.environ)
    os.environ.update(added)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


def fails_cleanly(result: subprocess.CompletedProcess[bytes], *needles: str) -> str:
    """Bad input: exit 2, nothing on stdout, one line on stderr (no traceback) saying each needle."""
    err = result.stderr.decode()
    assert result.returncode == 2, err
    assert result.stdout == b""
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err
    for needle in needles:
        assert needle in err, err
    return err


def require(**tools: str | None) -> None:
    """Skip a test whose tools (name: path, None when missing) are not installed, except in CI
    (which sets CI): there scripts/test.sh installs them, so a missing one is a failure."""
    missing = [name for name, path in tools.items() if path is None]
    if missing and os.environ.get("CI"):
        pytest.fail(f"{', '.join(missing)} not installed, though scripts/test.sh installs it")
    if missing:
        pytest.skip(f"{', '.join(missing)} not installed (scripts/test.sh installs it)")


@pytest.fixture(autouse=True)
def _private_settings(tmp_path_factory, monkeypatch):
    """No test reads the settings of whoever runs it: a config folder of its own (empty)."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("config")))


@pytest.fixture(scope="session")
def seed_alignment():
    from align import align

    return align(SEEDS)


def pytest_configure(config: pytest.Config) -> None:
    """Each test worker builds hundreds of apps and alignments, most of it long-lived (modules,
    caches, fixtures): collect cycles far less often than Python's default (700 allocations),
    which otherwise walks all of that again and again; the suite's CPU time fell by a fifth.
    The app does the same for its review with `gc.freeze`; memory stays well within bounds."""
    gc.set_threshold(50_000, 20, 100)
