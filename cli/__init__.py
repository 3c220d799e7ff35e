"""The `parallax` command: reads the arguments, runs the engine headless or opens the app.

Importing this package imports nothing else, so `--help` and the headless path stay lean.
"""
