"""The five sample articles Parallax opens when given no paths (shipped as package data)."""
from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def seed_paths() -> list[Path]:
    """The bundled articles, in name order."""
    root = Path(str(files(__name__)))
    return sorted(root.glob("*.txt"))
