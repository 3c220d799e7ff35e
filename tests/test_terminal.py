"""What the app writes to a terminal, in fewer bytes, shows the same: every cell's character and
style, read here by a terminal model of the test's own (not the module's), on the app's real
frames and on random ones."""
from __future__ import annotations

import io
import random
import re

import handbuilt as h
import pytest
from driving import loaded
from rich.console import Console

from tui.app import ParallaxApp
from tui.terminal import CompactDriver, _FewerResets, fewer_resets

_TOKEN = re.compile(r"\x1b\[([0-9;:]*)m|\x1b\[(\d*)(?:;(\d*))?H|(\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07]*\x07)|(.)",
                    re.DOTALL)
_ON = {1: "bold", 2: "faint", 3: "italic", 4: "underline", 5: "blink", 6: "rapid blink", 7: "reverse",
       8: "conceal", 9: "strike", 21: "double underline", 51: "frame", 52: "encircle", 53: "overline"}
_OFF = {22: {"bold", "faint"}, 23: {"italic"}, 24: {"underline", "double underline"},
        25: {"blink", "rapid blink"}, 27: {"reverse"}, 28: {"conceal"}, 29: {"strike"},
        54: {"frame", "encircle"}, 55: {"overline"}}

Cells = dict[tuple[int, int], tuple[str, frozenset[str]]]


def shown(output: str) -> tuple[Cells, list[tuple[str, frozenset[str]]]]:
    """Each cell a terminal shows after `output` (its character and all that styles it), and
    every other control sequence with the style it met (erasing paints the background)."""
    screen: Cells = {}
    others = []
    row = col = 0
    attrs: set[str] = set()
    fg = bg = "default"
    for match in _TOKEN.finditer(output):
        sgr, y, x, other, char = match.groups()
        if sgr is not None:
            codes = [int(c) if c else 0 for c in (sgr or "0").split(";")]
            k = 0
            while k < len(codes):
                code = codes[k]
                if code == 0:
                    attrs, fg, bg = set(), "default", "default"
                elif code in _ON:
                    attrs.add(_ON[code])
                elif code in _OFF:
                    attrs -= _OFF[code]
                elif code in (39, 49):
                    fg, bg = ("default", bg) if code == 39 else (fg, "default")
                elif 30 <= code <= 37 or 90 <= code <= 97:
                    fg = str(code)
                elif 40 <= code <= 47 or 100 <= code <= 107:
                    bg = str(code)
                elif code in (38, 48):
                    n = 3 if codes[k + 1] == 5 else 5
                    colour = ";".join(map(str, codes[k + 1:k + n]))
                    fg, bg = (colour, bg) if code == 38 else (fg, colour)
                    k += n - 1
                k += 1
            continue
        style = frozenset(attrs | {f"fg {fg}", f"bg {bg}"})
        if y is not None:
            row, col = int(y or 1) - 1, int(x or 1) - 1
        elif other is not None or ord(char) < 32:
            others.append((match.group(), style))
        else:
            screen[(row, col)] = (char, style)
            col += 1
    return screen, others


def same_on_screen(output: str) -> str:
    compact, _ = fewer_resets(output)
    assert shown(compact) == shown(output)
    return compact


async def frames(app: ParallaxApp, size: tuple[int, int], keys: list[str], colours: str) -> list[str]:
    """The whole screen as the app's terminal driver is given it, after each key, for a
    terminal of `colours` (one of Rich's colour systems; a strip is rendered once, so one
    system a run)."""
    out = []
    console = Console(file=io.StringIO(), force_terminal=True, color_system=colours)  # type: ignore[arg-type]
    async with app.run_test(size=size) as pilot:
        await loaded(app, pilot)
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
            out.append(app.screen._compositor.render_update(full=True).render_segments(console))
    return out


@pytest.mark.parametrize("colours", ["truecolor", "256"])
async def test_the_apps_frames_show_the_same_in_fewer_bytes(colours):
    app = ParallaxApp([], alignment=h.build(h.with_copies(4)))
    written = before = 0
    screens = await frames(app, (160, 40), ["j", "n", "l", "slash", "t", "escape", "o", "escape", "question_mark"],
                           colours)
    assert {"truecolor": "8;2;", "256": "8;5;"}[colours] in "".join(screens)
    for frame in screens:
        compact = same_on_screen(frame)
        written, before = written + len(compact.encode()), before + len(frame.encode())
    assert written < 0.8 * before


def test_random_styles_show_the_same_and_what_is_not_read_is_left_as_it_came():
    rng = random.Random(7)
    pieces = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "21", "22", "23", "24", "25", "27", "29", "51",
              "53", "54", "55", "31", "39", "44", "49", "92", "103", "38;5;178", "48;5;17", "38;2;10;20;30",
              "48;2;1;2;3", ""]
    compacted = 0
    for _ in range(2000):
        parts = []
        for _ in range(rng.randrange(1, 30)):
            kind = rng.random()
            if kind < 0.5:
                parts.append(f"\x1b[{';'.join(rng.sample(pieces, rng.randrange(1, 4)))}m")
            elif kind < 0.8:
                parts.append(rng.choice(["x", "ab", "  ", "北", "✕ "]))
            elif kind < 0.9:
                parts.append(f"\x1b[{rng.randrange(1, 60)};{rng.randrange(1, 200)}H")
            else:
                parts.append(rng.choice(["\x1b[K", "\x1b[2J", "\n", "\x1b[?2026h", "\x1b]0;title\x07"]))
        output = "".join(parts)
        compacted += same_on_screen(output) != output
    assert compacted > 1000
    curly = "\x1b[4:3mwavy\x1b[0m"
    assert fewer_resets(curly)[0] == curly  # sub-parameters are not read: the write is left as it came
    assert fewer_resets("\x1b[31mred", fewer_resets(curly)[1])[0] == "\x1b[31mred"  # and so is the next


def test_erasing_meets_the_background_it_was_written_with():
    output = "\x1b[44m\x1b[K\x1b[0mtext\x1b[41m\x1b[2J\x1b[0m"
    assert shown(fewer_resets(output)[0])[1] == shown(output)[1]


def test_each_write_starts_in_the_style_the_last_one_left_and_the_app_writes_through_them():
    first, style = fewer_resets("\x1b[1;31mred")  # left bold and red
    second, _ = fewer_resets("more\x1b[0m plain", style)
    assert shown(first + second) == shown("\x1b[1;31mred" + "more\x1b[0m plain")
    terminal = io.StringIO()
    file = _FewerResets(terminal)  # what the driver hands Textual's writer thread
    parts = ("\x1b[1;31mred", "\x1b[0m\x1b[1;31mmore\x1b[0m\x1b[1;2mfaint", "\x1b[0m")
    for part in parts:
        file.write(part)
    assert shown(terminal.getvalue()) == shown("".join(parts))
    assert len(terminal.getvalue()) < len("".join(parts)) - 10
    assert ParallaxApp([]).get_driver_class() is CompactDriver
