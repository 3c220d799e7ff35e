"""How the review app looks, pinned as SVG snapshots at the smallest and a roomy terminal, and
without colour (NO_COLOR): one end to end on the bundled seeds (reading, comparing and drawing
them), the others on the hand-built alignment so that an engine change does not redraw them.

Regenerate after an intended change with `pytest tests/test_snapshots.py --snapshot-update`
and look at the report before committing.
"""
from __future__ import annotations

import handbuilt as h
from conftest import SEEDS
from driving import SMALL, WIDE

from tui.app import ParallaxApp


def after(*keys: str):
    """A run_before hook: wait for the review screen, then press `keys`."""

    async def run_before(pilot) -> None:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if keys:
            await pilot.press(*keys)
        await pilot.pause()

    return run_before


def test_the_seeds_in_four_panes_at_160x45_on_the_second_fact(snap_compare):
    assert snap_compare(ParallaxApp(SEEDS), terminal_size=WIDE, run_before=after("j"))


def test_two_panes_at_80x24_on_a_fact_with_discrepancies(snap_compare):
    assert snap_compare(ParallaxApp([], alignment=h.ALIGNMENT), terminal_size=SMALL, run_before=after("n"))


def test_four_panes_at_160x45_searching_on_a_fact_with_discrepancies(snap_compare):
    assert snap_compare(ParallaxApp([], alignment=h.ALIGNMENT), terminal_size=WIDE,
                        run_before=after("n", "slash", *"monday"))


def test_without_colour_at_160x45_marks_and_emphasis_stay(snap_compare, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("COLORTERM", raising=False)
    assert snap_compare(ParallaxApp([], alignment=h.ALIGNMENT), terminal_size=WIDE, run_before=after("n"))


def test_hidden_panes_come_into_view_with_focus_and_the_inspector_collapses(snap_compare):
    assert snap_compare(ParallaxApp([], alignment=h.ALIGNMENT), terminal_size=SMALL,
                        run_before=after("j", "j", "tab", "tab", "tab", "i"))


def test_coverage_overview_of_shared_facts(snap_compare):
    assert snap_compare(ParallaxApp([], alignment=h.ALIGNMENT), terminal_size=WIDE, run_before=after("f", "o"))


def test_help_at_80x24(snap_compare):
    assert snap_compare(ParallaxApp([], alignment=h.ALIGNMENT), terminal_size=SMALL, run_before=after("question_mark"))
