"""`python -m cli`: the `parallax` command."""
import sys

from .main import main

sys.exit(main())
