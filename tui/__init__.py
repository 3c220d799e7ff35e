"""Parallax's Textual review app: its screens and widgets. The command line (`cli`) opens it."""
import os

# Textual draws a screen's changes on a clock of TEXTUAL_FPS ticks a second (its documented
# setting, 60 unless set): a key's frame waits for the next tick, up to 1/60 s. At 120 it
# waits at most half that (measured, benchmarks/screen.py); a user's own setting wins.
os.environ.setdefault("TEXTUAL_FPS", "120")
