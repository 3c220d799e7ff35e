"""Two articles of numbered items, sentence n of each reporting fact n: an alignment built, not
computed, of any size, for tests and benchmarks of the review (what the engine makes of the
text is not what they test). Imported by worker processes too (`sys.path` holds tests/)."""
from __future__ import annotations

from align.model import Alignment, Fact, Mention, Sentence, Source

IDS = ("wire", "herald")


def articles(facts: int, repeat: tuple[int, ...] = ()) -> Alignment:
    """Sentence n of each article reports fact n (`f<n+1>`); the sentences listed in `repeat`
    read the same as sentence 0 of their article (an article saying one thing twice)."""
    sources = []
    forms = ("Officials said item {n} of the plan passed.", "The council passed item {n} of the plan.")
    for sid, form in zip(IDS, forms, strict=True):
        text, sentences = "", []
        for n in range(facts):
            sentence = form.format(n=0 if n in repeat else n)
            sentences.append(Sentence(n, len(text), len(text) + len(sentence), sentence))
            text += sentence + " "
        sources.append(Source(sid, None, None, text, tuple(sentences)))
    found = tuple(Fact(f"f{n + 1}", 0.9, (Mention("wire", n), Mention("herald", n))) for n in range(facts))
    return Alignment(tuple(sources), found, 0.2)
