"""Where the reviewer is: the fact on screen, the filter, the discrepancy keys act on, and the
threshold asked for. One immutable value the status line, the inspector and the panes watch."""
from __future__ import annotations

from dataclasses import dataclass, replace

from align.model import Fact

from .index import FactFilter, FactIndex

ALL_FACTS = FactFilter()


@dataclass(frozen=True, slots=True)
class Cursor:
    fact: Fact | None  # None only when the alignment has no facts at all
    threshold: float  # the one asked for; the alignment on screen may still be at the last one
    filter: FactFilter = ALL_FACTS
    discrepancy: int = 0  # index into the fact's discrepancies

    def on(self, fact: Fact) -> Cursor:
        """On another fact, at its first discrepancy."""
        return replace(self, fact=fact, discrepancy=0)

    def filtered(self, fact_filter: FactFilter, index: FactIndex) -> Cursor:
        """With another filter, moved onto a fact it keeps (the next one) if there is any."""
        fact = self.fact
        if fact is None or fact_filter.accepts(fact):
            return replace(self, filter=fact_filter)
        later = index.step(fact, fact_filter, 1) or index.step(None, fact_filter, 1)
        return replace(self, filter=fact_filter, fact=later or fact, discrepancy=0 if later else self.discrepancy)

    @property
    def current_discrepancy(self) -> int | None:
        """The discrepancy verdict keys act on; None when the fact has none."""
        if self.fact is None or not self.fact.discrepancies:
            return None
        return min(self.discrepancy, len(self.fact.discrepancies) - 1)
