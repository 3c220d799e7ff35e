"""The app's settings, from a TOML file in the user's config folder
(`$XDG_CONFIG_HOME/parallax/config.toml`, by default `~/.config/parallax/config.toml`):

    theme = "textual-light"      # a theme name (ctrl+p, Theme, lists them)
    threshold = 0.2              # the app's starting threshold where the review does not say
    inspector_height = 12        # rows, or a share of the screen: "35%"

    [keys]                       # binding ids (see ?) and the keys for them
    next-fact = "j,down,ctrl+n"
    verdict-confirmed = "y"

A file with a mistake is one message in the app, never a traceback: a file that is not TOML is
ignored as a whole, a setting that is wrong is ignored alone, and the file is never written
over. A theme chosen in the palette is kept by rewriting only the file's `theme` line.
"""
from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from platformdirs import user_config_path
from textual.binding import Binding

from align.sources.files import read_small_regular
from review.files import write_atomically

KEY = re.compile(r"^[A-Za-z0-9_+\-]+$")  # one key name: j, ctrl+d, question_mark, f5
HEIGHT = re.compile(r"^(\d{1,3})%$")
SETTINGS = ("theme", "threshold", "inspector_height", "keys")
MAX_BYTES = 256 * 1024
TEMPLATE = """# Parallax settings (see the README: "Settings").
# theme = "textual-dark"
# threshold = 0.2
# inspector_height = 12
#
# [keys]
# next-fact = "j,down"
"""


def config_path() -> Path:
    return user_config_path("parallax", appauthor=False) / "config.toml"


@dataclass(frozen=True, slots=True)
class Config:
    """Settings as read: None (or empty) for what the file does not set or sets wrongly."""

    path: Path | None = None
    theme: str | None = None
    threshold: float | None = None
    inspector_height: str | None = None  # a CSS height: "12" rows or "35%"
    keys: dict[str, str] = field(default_factory=dict)
    problems: tuple[str, ...] = ()  # what was wrong, each in a few words
    readable: bool = True  # the file parsed (so its theme line may be rewritten)

    def checked(self, scopes: Sequence[tuple[str, Sequence[Binding]]], themes: Iterable[str]) -> Config:
        """The settings the app can use: key bindings for ids that exist, no key had by two
        bindings of one scope (`scopes`: where each set of bindings applies), counting the keys
        of those the file leaves alone (the second would silently take it: `quit` given "?"
        leaves `help` without it), a theme it has."""
        problems = list(self.problems)
        defaults = {b.id: b.key for _, bindings in scopes for b in bindings if b.id}
        keys = {}
        for binding_id, value in self.keys.items():
            if binding_id in defaults:
                keys[binding_id] = value
            else:
                problems.append(f"keys: no key binding is called {binding_id!r} (? lists them)")
        ids = [[b.id for b in bindings if b.id] for _, bindings in scopes]
        while clashes := _clashes(ids, defaults, keys):  # again: a binding given back its keys may clash
            for key, given, held in clashes:
                who = " and ".join(given)
                owner = f" but is {' and '.join(held)}'s already" if held else ""
                keep = "those keep their own keys" if len(given) > 1 else f"{who} keeps its own keys"
                problems.append(f"keys: {key!r} is given to {who}{owner}; {keep}")
                for binding_id in given:
                    keys.pop(binding_id, None)
        theme = self.theme
        if theme is not None and theme not in set(themes):
            problems.append(f"theme: there is no theme {theme!r}")
            theme = None
        return Config(self.path, theme, self.threshold, self.inspector_height, keys, tuple(problems), self.readable)

    @property
    def message(self) -> str | None:
        """The problems as one line, or None."""
        if not self.problems:
            return None
        return f"{self.path}: {'; '.join(self.problems)} (ignored; the file is left as it is)"


Clash = tuple[str, list[str], list[str]]  # a key, the ids the file gives it, the ids that have it by default


def _clashes(scopes: list[list[str]], defaults: dict[str, str], keys: dict[str, str]) -> list[Clash]:
    """Each key that two bindings of one scope (their ids) would have, one of them at least by
    the file's `keys`."""
    clashes: list[Clash] = []
    for scope in scopes:
        holders: dict[str, list[str]] = {}  # key -> the ids that would have it
        for binding_id in scope:
            for key in dict.fromkeys(k.strip() for k in keys.get(binding_id, defaults[binding_id]).split(",")):
                holders.setdefault(key, []).append(binding_id)
        for key, ids in sorted(holders.items()):
            given = sorted(i for i in ids if i in keys)
            if len(ids) > 1 and given:
                clashes.append((key, given, sorted(i for i in ids if i not in keys)))
    return clashes


def load_config(path: Path | None = None) -> Config:
    """The settings in `path` (default: the user's config file); a missing file is no settings."""
    path = path or config_path()
    try:
        raw = read_small_regular(path, MAX_BYTES)
    except FileNotFoundError:
        return Config(path)
    except OSError as err:
        return Config(path, problems=(f"cannot read it ({err.strerror or err})",), readable=False)
    if len(raw) > MAX_BYTES:
        return Config(path, problems=("larger than 256 KB, not a settings file",), readable=False)
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return Config(path, problems=("not UTF-8 text",), readable=False)
    except tomllib.TOMLDecodeError as err:
        return Config(path, problems=(f"not valid TOML ({err})",), readable=False)
    return _settings(path, data)


def _settings(path: Path, data: dict[str, object]) -> Config:
    problems = [f"unknown setting {name!r}" for name in data if name not in SETTINGS]
    theme = data.get("theme")
    if theme is not None and not isinstance(theme, str):
        problems.append("theme: not a name in quotes")
        theme = None
    threshold = data.get("threshold")
    if threshold is not None and (isinstance(threshold, bool) or not isinstance(threshold, int | float)
                                  or not 0 < threshold <= 1):
        problems.append("threshold: not a number more than 0 and at most 1")
        threshold = None
    height = data.get("inspector_height")
    css_height: str | None = None
    if isinstance(height, int) and not isinstance(height, bool) and 3 <= height <= 200:
        css_height = str(height)
    elif isinstance(height, str) and (m := HEIGHT.match(height.strip())) and 10 <= int(m.group(1)) <= 90:
        css_height = f"{int(m.group(1))}%"
    elif height is not None:
        problems.append("inspector_height: not a number of rows (3 to 200) nor a share like \"35%\" (10% to 90%)")
    keys: dict[str, str] = {}
    raw_keys = data.get("keys", {})
    if not isinstance(raw_keys, dict):
        problems.append("keys: not a table of binding ids and keys")
        raw_keys = {}
    for binding_id, value in raw_keys.items():
        if not isinstance(value, str) or not all(KEY.match(k.strip()) for k in value.split(",")):
            problems.append(f"keys: {binding_id!r} is not given keys like \"j,down\"")
        else:
            keys[binding_id] = ",".join(k.strip() for k in value.split(","))
    return Config(path, theme, None if threshold is None else float(threshold), css_height, keys, tuple(problems))


_THEME_LINE = re.compile(r"^\s*#?\s*theme\s*=.*$", re.MULTILINE)
_TABLE = re.compile(r"^\s*\[", re.MULTILINE)


def remember_theme(config: Config, theme: str) -> str | None:
    """Keep `theme` in the config file, changing only its `theme` line (or adding one at the
    top, or writing the file with only the template and it); a message if it could not be kept.
    A file that did not parse, or changed since it was read into something that does not, is
    left alone."""
    path = config.path
    if path is None:
        return None
    if not config.readable:
        return f"theme {theme!r} not kept: {path} has a mistake to fix first"
    try:
        text = path.read_text(encoding="utf-8") if path.exists() else TEMPLATE
        tomllib.loads(text)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return f"theme {theme!r} not kept: {path} has a mistake to fix first"
    line = f'theme = "{theme}"'
    top = text[:m.start()] if (m := _TABLE.search(text)) else text
    found = [m for m in _THEME_LINE.finditer(top) if not m.group(0).lstrip().startswith("#")]
    text = text[:found[0].start()] + line + text[found[0].end():] if found else f"{line}\n{text}"
    try:
        if tomllib.loads(text).get("theme") != theme:
            return f"theme {theme!r} not kept: could not write it into {path}"
        write_atomically(path.resolve(), text)  # a symlinked file (dotfiles) stays a symlink
    except (OSError, tomllib.TOMLDecodeError) as err:
        return f"theme {theme!r} not kept: cannot write {path} ({getattr(err, 'strerror', None) or err})"
    return None
