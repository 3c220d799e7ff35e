"""Stories written for the batch tests, and a work function that kills its worker on demand.

Importable by pool workers (the tests folder is on the path the fork server starts with).
"""
from __future__ import annotations

import os
import random
from pathlib import Path

from batch.lines import result_line
from batch.stories import Story

CITIES = ["Lisbon", "Tallinn", "Gdansk", "Bergen", "Turku", "Porto", "Riga", "Malmo"]
EVENTS = [("fire", "destroyed", "warehouses"), ("flood", "damaged", "homes"), ("storm", "flattened", "barns"),
          ("landslide", "buried", "cars"), ("blast", "wrecked", "shops")]
OFFICIALS = ["Mayor Ana Costa", "Chief Inspector Lars Berg", "Governor Ilse Varga", "Commissioner Tomas Lind"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
OUTLETS = ["Ledger", "Courier", "Herald", "Gazette"]
EXTRAS = ["Residents were told to keep their windows closed until further notice.",
          "Schools in the district will stay shut for the rest of the week.",
          "Police closed the main road into the town centre.",
          "A relief fund opened on the council's website within hours."]


def story_articles(n: int) -> dict[str, str]:
    """Two to four short reports of one made-up event; in every fourth story the second
    source gives another figure (a discrepancy)."""
    rng = random.Random(n)
    city, (event, verb, things), official, day = (rng.choice(CITIES), rng.choice(EVENTS), rng.choice(OFFICIALS),
                                                   rng.choice(DAYS))
    count = rng.randint(3, 40)
    articles = {}
    for j in range(2 + n % 3):
        figure = count + 7 if j == 1 and n % 4 == 0 else count
        lines = [f"A {event} {verb} {figure} {things} in {city} on {day}, officials said.",
                 f"{official} said crews worked through the night to contain the {event}.",
                 rng.choice(EXTRAS),
                 f"The {OUTLETS[j]} understands that insurers expect claims to rise."]
        articles[OUTLETS[j].lower()] = "\n\n".join(lines)
    return articles


def write_story(folder: Path, articles: dict[str, str | bytes]) -> Path:
    folder.mkdir(parents=True)
    for name, text in articles.items():
        path = folder / f"{name}.txt"
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return folder


def dies_on_boom(story: Story, threshold: float) -> tuple[bytes, bool]:
    """A stand-in for the aligner: the story named "boom" kills the process running it."""
    if story.id == "boom":
        os._exit(9)
    return result_line(story.id, {"threshold": threshold}), True
