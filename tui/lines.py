"""Drawing a line-API widget's rows straight to the screen, past Textual's styles cache.

Textual passes every row a widget draws through its styles cache, which adds the widget's
border, padding, tint and opacity and makes a new strip of it, so the line filters (colour
conversion, NO_COLOR's monochrome) and the compositor's cutting start again on every row after
every scroll. A widget that keeps its own drawn rows and has none of those decorations can hand
its rows over as they are: the filtered and cut rows are then kept with them, and a scroll costs
only what changed. With any decoration the widget is drawn as Textual draws it.
"""
from __future__ import annotations

from textual.geometry import Region, Spacing
from textual.strip import Strip
from textual.widget import Widget

NO_SPACING = Spacing(0, 0, 0, 0)


def undecorated(widget: Widget) -> bool:
    """Whether Textual's styles cache would pass the widget's rows through unchanged."""
    styles = widget.styles
    return (styles.gutter == NO_SPACING and not any(edge for edge, _ in styles.outline)
            and not styles.tint.a and widget.opacity == 1.0 and styles.text_opacity == 1.0
            and (not styles.has_rule("hatch") or styles.hatch == "none") and widget.border_title is None
            and widget.border_subtitle is None and not widget.auto_links)


def to_screen(widget: Widget, strips: list[Strip], crop: Region) -> list[Strip]:
    """The widget's rows of `crop` (`strips`, as wide as the widget) filtered and cropped as
    Textual would, for an `undecorated` widget."""
    filters = widget.get_line_filters()
    if filters:
        background = widget.background_colors[1]
        for line_filter in filters:
            strips = [strip.apply_filter(line_filter, background) for strip in strips]
    if crop.column_span != (0, widget.size.width):
        x1, x2 = crop.column_span
        strips = [strip.crop(x1, x2) for strip in strips]
    return strips
