"""What the command tells the user: one line on stderr, and the exit status that goes with it."""
from __future__ import annotations

import argparse
import sys
from typing import NoReturn

from align.untrusted import clean, written_out

EXIT_INPUT = 2  # bad input or an output that cannot be written
EXIT_INTERRUPTED = 130


def _one_line(message: str) -> str:
    """`message` as one clean line: file names and article text in it are untrusted."""
    return " ".join(clean(written_out(message)).split())


def say(message: str, *, warning: bool = False) -> None:
    """One line on stderr."""
    print(f"parallax: {'warning: ' if warning else ''}{_one_line(message)}", file=sys.stderr)


class OneLineParser(argparse.ArgumentParser):
    """argparse, but a mistake in the arguments is one line (and a pointer to --help), not the
    usage block: the same shape as every other error the command gives."""

    def error(self, message: str) -> NoReturn:
        print(f"{self.prog}: {_one_line(message)} (see {self.prog} --help)", file=sys.stderr)
        sys.exit(EXIT_INPUT)
