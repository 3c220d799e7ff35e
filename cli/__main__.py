"""`python -m cli`: the `parallax` command."""
from .main import run

run()
