"""Parallax's alignment engine: articles in, facts and discrepancies out.

Names are exported lazily so that `import align` costs nothing until a name is used, and this
package never imports Textual or Rich.
"""
from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

_EXPORTS = {
    "align": "align.pipeline",
    "prepare": "align.pipeline",
    "regroup": "align.pipeline",
    "DEFAULT_THRESHOLD": "align.pipeline",
    "similarity": "align.pipeline",
    "to_json": "align.export",
    "to_dict": "align.export",
    "InputError": "align.sources",
    "read_texts": "align.sources",
    "read_inputs": "align.sources",
    "ReadOptions": "align.sources",
    "RawText": "align.sources",
    "Alignment": "align.model",
    "Fact": "align.model",
    "Source": "align.model",
    "SourceMeta": "align.model",
    "SourceFormat": "align.model",
    "Sentence": "align.model",
    "Mention": "align.model",
    "SentenceRef": "align.model",
    "DiscrepancyKind": "align.model",
    "Severity": "align.model",
    "Discrepancy": "align.model",
    "Value": "align.model",
}

__all__ = sorted(_EXPORTS)

if TYPE_CHECKING:
    from .export import to_dict, to_json
    from .model import (
        Alignment,
        Discrepancy,
        DiscrepancyKind,
        Fact,
        Mention,
        Sentence,
        SentenceRef,
        Severity,
        Source,
        SourceFormat,
        SourceMeta,
        Value,
    )
    from .pipeline import DEFAULT_THRESHOLD, align, prepare, regroup, similarity
    from .sources import InputError, RawText, ReadOptions, read_inputs, read_texts


def __getattr__(name: str) -> Any:
    try:
        module = _EXPORTS[name]
    except KeyError:
        raise AttributeError(f"module 'align' has no attribute {name!r}") from None
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value
