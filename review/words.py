"""The words a journalist reads for what the engine finds: one place, so that the app's help,
its inspector and overview, and the report say the same thing the same way.

The engine's names (`number`, `conflict`, `variant`, cohesion, "in passing") stay in the JSON;
people read "figures differ", "less precise", "agreement", "mentioned by".
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from align.model import Discrepancy, DiscrepancyKind, Fact, Severity

from .index import FactFilter, FactIndex, FilterKind, Standing

DISAGREEMENT: dict[tuple[DiscrepancyKind, Severity], str] = {
    (DiscrepancyKind.NUMBER, Severity.CONFLICT): "figures differ",
    (DiscrepancyKind.NUMBER, Severity.VARIANT): "one figure is less precise",
    (DiscrepancyKind.DATE, Severity.CONFLICT): "dates differ",
    (DiscrepancyKind.DATE, Severity.VARIANT): "one date is less precise",
    (DiscrepancyKind.ENTITY, Severity.CONFLICT): "names differ",
    (DiscrepancyKind.ENTITY, Severity.VARIANT): "named differently",
    (DiscrepancyKind.QUOTE, Severity.CONFLICT): "quoted differently",
    (DiscrepancyKind.QUOTE, Severity.VARIANT): "quoted in other words",
    (DiscrepancyKind.NEGATION, Severity.CONFLICT): "one says the opposite",
    (DiscrepancyKind.NEGATION, Severity.VARIANT): "one says the opposite",
}

SEVERITY = {Severity.CONFLICT: "cannot both be true", Severity.VARIANT: "both can be true"}

STANDING = {Standing.REPORTED: "reports it", Standing.IN_PASSING: "mentions it in passing",
            Standing.MISSING: "does not have it", Standing.DISAGREES: "disagrees"}

FILTERS = {FilterKind.ALL: "all facts", FilterKind.SHARED: "facts several sources report",
           FilterKind.DISCREPANCIES: "facts where sources disagree", FilterKind.SINGLE: "facts only one source has",
           FilterKind.MISSING: "facts missing from the focused source",
           FilterKind.UNREVIEWED: "facts without a verdict"}

AGREEMENT = "agreement"
AGREEMENT_HINT = "how alike"


def disagreement(discrepancy: Discrepancy) -> str:
    """What kind of disagreement it is, in a few words: 'figures differ', 'one date is less precise'."""
    return DISAGREEMENT[(discrepancy.kind, discrepancy.severity)]


_PARENTHESES = re.compile(r"\(([^()]*)\)")


def summary(discrepancy: Discrepancy, index: FactIndex) -> str:
    """The engine's summary of a disagreement after the kind it opens with (the screen and the
    report say the kind in their own words first), with the sources it lists in parentheses by
    their ids named by their labels instead: '(000_c1ee8d38dd246e7e)' is '(000)'."""
    names = {source.id: source.name for source in index.alignment.sources}

    def named(match: re.Match[str]) -> str:
        items = [item.strip() for item in match.group(1).split(",")]
        if not all(item in names for item in items):
            return match.group(0)
        return "(" + ", ".join(names[item] for item in items) + ")"

    from align.discrepancies import summary_details  # noqa: PLC0415 - the checks' engine, once facts exist

    return _PARENTHESES.sub(named, summary_details(discrepancy))


def disagreements(fact: Fact) -> str:
    """A fact's disagreements in a few words, each kind once: 'figures differ, dates differ'."""
    return ", ".join(dict.fromkeys(disagreement(d) for d in fact.discrepancies))


def sources(count: int) -> str:
    return f"{count} source{'' if count == 1 else 's'}"


def coverage(index: FactIndex, fact: Fact) -> str:
    """Who has the fact: 'reported by 4 sources, mentioned by 1, missing from 1'."""
    standings = [index.standing(fact, s) for s in index.source_ids]
    mentioned = standings.count(Standing.IN_PASSING)
    missing = standings.count(Standing.MISSING)
    reported = len(standings) - mentioned - missing
    if fact.single_source:
        return f"only {index.alignment.source(fact.sources[0]).name} has it"
    parts = [f"reported by {sources(reported)}"]
    if mentioned:
        parts.append(f"mentioned by {mentioned}")
    if missing:
        parts.append(f"missing from {missing}")
    return ", ".join(parts)


def score(fact: Fact) -> str:
    """The fact's score as what it means: for a shared fact how alike its sentences are, for a
    fact only one source has how sure it is that no other source has it."""
    if fact.single_source:
        return f"{fact.score:.2f} sure no other source has it"
    return f"{AGREEMENT} {fact.score:.2f} ({AGREEMENT_HINT})"


def filter_name(fact_filter: FactFilter, index: FactIndex) -> str:
    """The filter in words, naming the source of 'missing from' by its label."""
    if fact_filter.kind is FilterKind.MISSING and fact_filter.source in index.source_ids:
        return f"missing from {index.alignment.source(fact_filter.source).name}"
    return fact_filter.label


def listing(names: Iterable[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    items = list(names)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1] if items else ""
