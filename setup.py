"""Compiles the discrepancy checks with mypyc where it can, and installs plain Python where not.

The checks read every compared sentence with many small functions; compiled, they take about a
fifth less time (README, "Compiled checks"). Everything else is declared in pyproject.toml.
`PARALLAX_PURE_PYTHON=1 pip install ...` installs without compiling (full tracebacks, no C
compiler needed). Whatever stops the compilation is reported and leaves no compiled file behind,
in the build or beside the sources (an editable install): a module whose shared library is
missing would not import, and one left from an earlier build would run instead of its source.
"""

from __future__ import annotations

import os
import sys
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

# The checks' modules. mypyc reads them as one program and compiles their annotations into
# checks at run time: they must pass `mypy --strict` (scripts/check.sh) and hold to their types.
COMPILED = [
    "align/caseless.py",
    "align/dates.py",
    "align/discrepancies.py",
    "align/figures.py",
    "align/measures.py",
    "align/names.py",
    "align/polarity.py",
    "align/quotes.py",
    "align/words.py",
]
GROUP = "parallax_checks"  # mypyc's shared library: `parallax_checks__mypyc` beside the packages
HERE = Path(__file__).resolve().parent


def built_files(root: Path) -> list[Path]:
    """The compiled files an earlier build left under `root`, for every platform's suffix."""
    stems = [root / Path(path).with_suffix("") for path in COMPILED] + [root / f"{GROUP}__mypyc"]
    return [built for stem in stems for suffix in EXTENSION_SUFFIXES
            if (built := stem.with_name(stem.name + suffix)).exists()]


def plain(reason: str) -> list[Extension]:
    """No extensions, and none left beside the sources from an earlier editable build."""
    for stale in built_files(HERE):
        stale.unlink()
    print(f"parallax: {reason}; installing plain Python", file=sys.stderr)
    return []


class BuildOrFallBack(build_ext):
    """Builds every compiled module or none: a half-built set would break the imports."""

    def run(self) -> None:
        try:
            super().run()
        except Exception as error:  # the compiler's and the linker's errors share no class
            for extension in self.extensions:
                Path(self.get_ext_fullpath(extension.name)).unlink(missing_ok=True)
            print(f"parallax: compiling the checks failed ({error}); installing plain Python", file=sys.stderr)


def pure_python() -> bool:
    """Whether the user asked for plain Python (any value but empty or "0")."""
    return os.environ.get("PARALLAX_PURE_PYTHON", "") not in ("", "0")


def compiled_extensions() -> list[Extension]:
    if pure_python():
        return plain("PARALLAX_PURE_PYTHON is set")
    try:
        from mypyc.build import mypycify  # noqa: PLC0415 (only a build with its build requirements has it)
    except ImportError:  # built without the build requirements (--no-build-isolation)
        return plain("mypyc is not installed")
    try:
        # The build's own environment holds none of the project's dependencies: their types are Any.
        return list(mypycify(["--ignore-missing-imports", *COMPILED], opt_level="3", group_name=GROUP))
    except (Exception, SystemExit) as error:  # mypyc exits on code it cannot compile
        return plain(f"the checks cannot be compiled ({error})")


if __name__ == "__main__":  # as the build runs it; the tests import the module for its parts
    setup(ext_modules=compiled_extensions(), cmdclass={"build_ext": BuildOrFallBack})
