"""The settings file (`$XDG_CONFIG_HOME/parallax/config.toml`): keys by binding id, theme,
starting threshold and inspector height; a file with a mistake is one message, never a
traceback, and is never written over; a theme chosen in the palette is kept. And `--version`."""
from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import handbuilt as h
from conftest import run_cli
from driving import SMALL, WIDE, current, loaded, notes
from textual.containers import VerticalScroll
from textual.pilot import Pilot
from textual.widgets import DataTable

import align.pipeline as engine
from tui.app import ParallaxApp
from tui.config import Config, config_path, load_config, remember_theme
from tui.help import HelpScreen
from tui.matrix import CoverageScreen
from tui.review_screen import ReviewScreen

GOOD = """# my settings
theme = "textual-light"   # light, for the office
threshold = 0.35
inspector_height = 6

[keys]
next-fact = "j,down,ctrl+n"
verdict-confirmed = "y"
"""


def write_config(text: str) -> Path:
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_the_file_is_in_the_xdg_config_folder():
    assert config_path() == Path(os.environ["XDG_CONFIG_HOME"]) / "parallax" / "config.toml"


def test_settings_are_read_and_a_missing_file_is_no_settings():
    assert load_config() == Config(config_path())
    write_config(GOOD)
    config = load_config()
    assert (config.theme, config.threshold, config.inspector_height) == ("textual-light", 0.35, "6")
    assert config.keys == {"next-fact": "j,down,ctrl+n", "verdict-confirmed": "y"}
    assert config.message is None


def test_each_mistake_is_named_and_only_that_setting_is_dropped():
    write_config('theme = 3\nthreshold = 2\ninspector_height = "all"\ncolour = "red"\n[keys]\nnext-fact = 5\n'
                 'verdict-confirmed = "y"\n')
    config = load_config()
    assert config.theme is None and config.threshold is None and config.inspector_height is None
    assert config.keys == {"verdict-confirmed": "y"}
    message = config.message
    assert message is not None and "\n" not in message and str(config_path()) in message
    for said in ("unknown setting 'colour'", "theme:", "threshold:", "inspector_height:", "'next-fact'"):
        assert said in message, said


def test_a_file_that_is_not_toml_or_text_is_ignored_whole_with_one_line():
    write_config('theme = "textual-light"\nthis is not toml\n')
    config = load_config()
    assert config == Config(config.path, problems=config.problems, readable=False)
    assert "not valid TOML" in (config.message or "") and "line 2" in (config.message or "")
    config_path().write_bytes(b"theme = \"\xff\"\n")
    assert "not UTF-8" in (load_config().message or "")


async def test_the_app_uses_the_keys_theme_height_and_threshold_of_the_file(tmp_path, monkeypatch):
    write_config(GOOD)
    app = ParallaxApp([], alignment=h.ALIGNMENT)
    async with app.run_test(size=WIDE) as pilot:
        screen = await loaded(app, pilot)
        assert app.theme == "textual-light"
        assert screen.inspector.outer_size.height == 6
        await pilot.press("ctrl+n")
        assert current(screen) is h.ALIGNMENT.facts[1]
        await pilot.press("y")
        assert screen.review.judged(current(screen)).verdict == "confirmed"
        await pilot.press("c")  # c is free now: nothing happens
        assert screen.review.judged(current(screen)).verdict == "confirmed"
    seen = []
    real = engine.regroup

    def regroup(prepared, threshold):
        seen.append(threshold)
        return real(prepared, threshold)

    monkeypatch.setattr(engine, "regroup", regroup)
    app = ParallaxApp([h.write_articles(tmp_path / "articles")])
    async with app.run_test(size=SMALL) as pilot:
        screen = await loaded(app, pilot)
        assert seen == [0.35] and screen.cursor.threshold == 0.35  # no review, no --threshold: the file's


async def test_a_file_with_mistakes_is_said_once_and_the_app_opens_as_usual():
    path = write_config('theme = "no-such-theme"\n[keys]\nnext-fakt = "x"\nnext-fact = "m"\n')
    before = path.read_bytes()
    app = ParallaxApp([], alignment=h.ALIGNMENT)
    with notes(app) as said:
        async with app.run_test(size=WIDE) as pilot:
            screen = await loaded(app, pilot)
            await pilot.press("m")
            assert current(screen) is h.ALIGNMENT.facts[1]  # the good part of the file holds
    (message,) = [n for n in said if str(path) in n]
    assert "there is no theme 'no-such-theme'" in message and "'next-fakt'" in message
    assert path.read_bytes() == before


async def test_a_theme_chosen_in_the_app_is_kept_in_the_file_and_nothing_else_changes():
    path = write_config(GOOD)
    app = ParallaxApp([], alignment=h.ALIGNMENT)
    async with app.run_test(size=WIDE) as pilot:
        await loaded(app, pilot)
        app.theme = "nord"
        await pilot.pause()
    assert path.read_text() == GOOD.replace('theme = "textual-light"   # light, for the office', 'theme = "nord"')
    assert load_config().theme == "nord"


def test_a_theme_is_added_to_a_file_without_one_and_a_new_file_is_made_from_the_template(tmp_path):
    path = write_config("[keys]\nnext-fact = \"j\"\n")
    assert remember_theme(load_config(), "nord") is None
    assert path.read_text() == 'theme = "nord"\n[keys]\nnext-fact = "j"\n'
    path.unlink()
    assert remember_theme(load_config(), "gruvbox") is None
    assert load_config().theme == "gruvbox" and "# Parallax settings" in path.read_text()


def test_a_file_with_a_mistake_is_never_written_and_a_linked_file_stays_linked(tmp_path):
    path = write_config("theme = \n")
    assert "mistake" in (remember_theme(load_config(), "nord") or "")
    assert path.read_text() == "theme = \n"
    real = tmp_path / "dotfiles" / "parallax.toml"
    real.parent.mkdir()
    real.write_text(GOOD)
    path.unlink()
    path.symlink_to(real)
    assert remember_theme(load_config(), "nord") is None
    assert path.is_symlink() and 'theme = "nord"' in real.read_text()


def test_version():
    result = run_cli("--version")
    assert result.returncode == 0 and result.stdout.decode().startswith("parallax ")
    assert result.stdout.decode().split()[1][0].isdigit()


@asynccontextmanager
async def opened_with(settings: str, size: tuple[int, int] = WIDE) -> AsyncIterator[tuple[
        ParallaxApp, Pilot[None], list[str]]]:
    """The app on the hand-built articles with `settings` as the user's file; the list is
    filled, once the app has closed, with what it said of that file (messages naming it)."""
    path = write_config(settings)
    app = ParallaxApp([], alignment=h.ALIGNMENT)
    about: list[str] = []
    with notes(app) as said:
        async with app.run_test(size=size) as pilot:
            yield app, pilot, about
    about += [n for n in said if str(path) in n]


async def rest_of_the_file_holds(app: ParallaxApp, pilot: Pilot[None]) -> ReviewScreen:
    """The review open, and `m`, which the file gives to next-fact, moving to the next fact:
    a clash drops only the bindings it names."""
    screen = await loaded(app, pilot)
    await pilot.press("m")
    assert current(screen) is h.ALIGNMENT.facts[1]
    return screen


async def test_one_key_given_to_two_bindings_is_said_and_both_keep_their_own():
    async with opened_with('[keys]\nquit = "x"\nhelp = "x,F1"\nnext-fact = "m"\n') as (app, pilot, about):
        screen = await rest_of_the_file_holds(app, pilot)
        assert app.screen is screen
        await pilot.press("x")
        assert app.screen is screen and app.is_running  # x opened nothing and quit nothing
    (message,) = about
    assert "'x' is given to help and quit" in message


async def test_a_key_given_to_bindings_of_different_screens_is_no_clash():
    async with opened_with('[keys]\nhelp-down = "n"\noverview-down = "n"\n', SMALL) as (app, pilot, about):
        await loaded(app, pilot)
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, CoverageScreen)
        table = app.screen.query_one(DataTable)
        await pilot.press("n", "n")
        assert table.cursor_row == 2
        await pilot.press("escape", "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("n")
        await pilot.pause()
        assert app.screen.query_one("#help", VerticalScroll).scroll_y > 0
    assert not about


async def test_a_key_that_is_another_bindings_own_is_said_and_that_binding_keeps_it():
    async with opened_with('[keys]\nquit = "question_mark"\nnext-fact = "m"\n') as (app, pilot, about):
        await rest_of_the_file_holds(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen) and app.is_running
    (message,) = about
    assert "'question_mark' is given to quit but is help's already; quit keeps its own keys" in message
