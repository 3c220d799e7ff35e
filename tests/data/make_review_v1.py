"""How review-v1.* were made: with the code before issue 10 (commit 81c1baa, where the review
lived in align/), on the hand-built alignment. Kept for provenance; it does not run on the
current tree. review-v1.report.md was written again after issue 13, which deliberately lists each
source by its label with its id beside it, and after issue 12, which names facts by number and
id and says what they are in plain words ("figures differ", "agreement 0.50 (how alike)"); the
verdicts and notes in it are unchanged. Run from a checkout of 81c1baa: PYTHONPATH=.:tests python tests/data/make_review_v1.py
"""
import json
from dataclasses import replace
from pathlib import Path

import handbuilt as h
from align.export import to_dict
from align.report import report
from align.reviewfile import save
from align.verdicts import ReviewState, attach, judge, sentence_key

HERE = Path(__file__).parent
a = h.ALIGNMENT
budget, protest, mayor, ferries, schools = (h.fact(x) for x in ("budget", "protest", "mayor", "ferries", "schools"))
state = ReviewState(tuple(s.id for s in a.sources))
state = judge(state, a, budget, verdict="confirmed", note="minutes checked — vérifié", now="2026-11-30T10:00:01.000000+00:00")
state = judge(state, a, budget, discrepancy=0, verdict="real", now="2026-11-30T10:00:02.000000+00:00")
state = judge(state, a, budget, discrepancy=1, verdict="not a discrepancy", note="Tuesday is the signing",
              now="2026-11-30T10:00:03.000000+00:00")
state = judge(state, a, protest, verdict="disputed", now="2026-11-30T10:00:04.000000+00:00")
state = judge(state, a, protest, verdict="", now="2026-11-30T10:00:05.000000+00:00")  # cleared, kept dated
state = judge(state, a, mayor, note="ask the [bold]mayor's[/] office", now="2026-11-30T10:00:06.000000+00:00")
state = judge(state, a, ferries, discrepancy=0, verdict="real", now="2026-11-30T10:00:07.000000+00:00")
state = judge(state, a, schools, verdict="unclear", now="2026-11-30T10:00:08.000000+00:00")
edited = h.build({**h.ARTICLES, h.WIRE: (None, [[(lbl, t.replace("Schools near the port", "Port schools"))
                                                  for lbl, t in para] for para in h.ARTICLES[h.WIRE][1]])})
gone = next(f for f in edited.facts if edited.sentence(f.primary[0]).text.startswith("Port schools"))
state = judge(state, edited, gone, verdict="disputed", now="2026-11-30T10:00:09.000000+00:00")  # orphaned on `a`
first = mayor.primary[0]
state = replace(state, threshold=0.25, at=sentence_key(first.source, a.sentence(first).text))
save(HERE / "review-v1.review.json", state)
attached = attach(state, a)
(HERE / "review-v1.export.json").write_text(
    json.dumps(to_dict(a, (attached, "review-v1.review.json"))["review"], ensure_ascii=False, indent=2) + "\n")
(HERE / "review-v1.report.md").write_text(report(a, attached))
