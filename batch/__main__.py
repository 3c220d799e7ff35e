"""`python -m batch INPUT -o OUT`: the same as `parallax batch`."""
import sys

from batch.cli import main

sys.exit(main())
