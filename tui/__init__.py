"""Parallax's terminal front end: the command line, and the Textual review app.

Importing this package imports nothing else, so the headless path stays free of Textual.
"""
