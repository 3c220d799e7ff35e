"""Parallax's Textual review app: its screens and widgets. The command line (`cli`) opens it."""
