"""The shipped pair model's file: the weights the pair score uses, and the default threshold,
which the command and the review app read as they start, before anything is compared (and
so without importing the engine that compares)."""
from __future__ import annotations

import json
from functools import lru_cache
from importlib.resources import files
from typing import Any

MODEL_FILE = "data/pairmodel.json"  # inside the `align` package; written by benchmarks/fit_pairscore.py


@lru_cache(maxsize=1)
def shipped_model() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(files("align").joinpath(MODEL_FILE).read_text(encoding="utf-8"))
    return data


def shipped_threshold() -> float:
    """The default threshold: the probability that maximised development F1."""
    return float(shipped_model()["threshold"])
