"""`python -m tidings.cli`."""
import sys

from tidings.cli import main

if __name__ == "__main__":  # a spawned worker re-imports this module: no second run
    sys.exit(main())
