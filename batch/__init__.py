"""`parallax batch`: align many stories at once, on every core or on a Dask cluster.

One module, one job: `stories` finds and reads stories, `work` aligns one (in a worker),
`pool` and `cluster` run that work locally or on Dask, `runner` keeps a bounded number of
stories in flight and records each as it finishes, `output` owns the JSON Lines file (lock,
resume, repair), `summary` writes the CSV, `progress` draws on a terminal, `cli` is the command.
The engine (`align`) never imports this package; this package never imports Textual.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["main"]

if TYPE_CHECKING:
    from .cli import main


def __getattr__(name: str) -> Any:  # lazy, so `import batch` costs nothing
    if name == "main":
        from .cli import main  # noqa: PLC0415

        return main
    raise AttributeError(f"module 'batch' has no attribute {name!r}")
