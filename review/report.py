"""A Markdown report a journalist can paste: facts, disagreements, verdicts and notes.

Article text is cleaned of control characters and kept from being read as Markdown structure
(a sentence starting with '#' must not become a heading).
"""
from __future__ import annotations

import re

from align.model import Alignment, Fact
from align.untrusted import clean, written_out

from .index import Review, Standing
from .verdicts import Judgement
from .words import SEVERITY, disagreement, listing, score, summary

_MARKDOWN = re.compile(r"([\\`*_~&\[\]<>#|!])")


def md(text: str) -> str:
    """Untrusted text as one line of literal Markdown."""
    return _MARKDOWN.sub(r"\\\1", " ".join(clean(text).split()))


def code(text: str) -> str:
    """Untrusted text as an inline code span (where backslash escapes do not apply)."""
    return "`" + " ".join(clean(text).replace("`", "'").split()) + "`"


def _who(alignment: Alignment, source: str) -> str:
    """A source as the reader knows it: its label."""
    return md(alignment.source(source).name)


def _judged(j: Judgement | None) -> str:
    if j is None:
        return "not yet judged"
    text = f"**{md(j.verdict)}**" if j.verdict else "no verdict"
    return text + (f" — note: {md(j.note)}" if j.note.strip() else "")


def _title(review: Review, fact: Fact) -> str:
    """How the report names a fact: its number on screen and its id, which stays the same
    at another threshold."""
    return f"Fact {review.index.number(fact)} ({code(fact.id)})"


def _fact(review: Review, fact: Fact) -> list[str]:
    alignment, judged, index = review.alignment, review.judged(fact), review.index
    reporting = [s for s in index.source_ids if index.standing(fact, s) not in (Standing.IN_PASSING, Standing.MISSING)]
    lines = [f"### {_title(review, fact)}: reported by {listing(_who(alignment, s) for s in reporting)}", ""]
    for m in index.mentions(fact):
        passing = "" if m.primary else " (mentions it in passing)"
        lines.append(f"- **{_who(alignment, m.source)}**{passing}: {md(alignment.sentence(m).text)}")
    missing = index.missing(fact)
    if missing:
        lines.append(f"- *missing from*: {listing(_who(alignment, s) for s in missing)}")
    lines += ["", f"{md(score(fact)).capitalize()}. Verdict: {_judged(judged.fact)}", ""]
    for k, d in enumerate(fact.discrepancies):
        lines.append(f"- **{disagreement(d).capitalize()}** ({SEVERITY[d.severity]}): {md(summary(d, index))}")
        lines.extend(f"  - {_who(alignment, v.source)}: “{md(v.text)}”" for v in d.values)
        lines.append(f"  - verdict: {_judged(judged.discrepancies.get(k))}")
    if fact.discrepancies:
        lines.append("")
    return lines


def report(review: Review) -> str:
    alignment = review.alignment
    reviewed, total = review.progress
    shared = [f for f in alignment.facts if not f.single_source]
    lines = ["# Parallax report", "",
             f"{len(alignment.sources)} sources, {len(shared)} facts reported by several of them, "
             f"{len(alignment.facts) - len(shared)} by one only; {reviewed} of {total} have a verdict.", ""]
    for s in alignment.sources:
        where = written_out(s.path) if s.path else (s.meta.url if s.meta else None)
        lines.append(f"- **{md(s.name)}**" + (f": {md(s.title)}" if s.title else "")
                     + f" ({code(s.id)}" + (f", {code(where)}" if where else "") + ")")
    lines += ["", "## Facts several sources report", ""]
    for fact in shared:
        lines += _fact(review, fact)
    lines += ["## Reported by one source only", ""]
    for src in alignment.sources:
        own = [f for f in alignment.facts if f.single_source and f.sources == (src.id,)]
        if own:
            lines += [f"### {md(src.name)}", ""]
            for f in own:
                text = " ".join(alignment.sentence(m).text for m in f.members)
                judged = review.judged(f).fact
                lines.append(f"- {_title(review, f)}: {md(text)}" + (f" — {_judged(judged)}" if judged else ""))
            lines.append("")
    open_items = [f for f in alignment.facts if not review.reviewed(f)]
    lines += ["## Without a verdict yet", ""]
    lines += [f"- {_title(review, f)} ({', '.join(_who(alignment, s) for s in f.sources)}): "
              f"{md(alignment.sentence(f.members[0]).text)}" for f in open_items] or ["Every fact has a verdict."]
    lines.append("")
    for title, judgements in (("Judgements whose sentences are gone", review.attached.orphans),
                              ("Earlier judgements on facts that have since merged", review.attached.stacked)):
        if judgements:
            lines += [f"## {title}", ""]
            lines += [f"- {_judged(j)} on: {md(j.excerpt)}" + (f" ({md(str(j.detail))})" if j.detail else "")
                      for j in judgements]
            lines.append("")
    return "\n".join(lines)
