"""`python -m claimdesk` runs the same entry point as the `claimdesk` command; it is also
the frozen bundle's entry script."""

import multiprocessing
import sys

from claimdesk.cli import main

if __name__ == "__main__":
    # In a frozen bundle the parser worker is spawned by re-running this executable;
    # freeze_support() turns that run into the worker instead of a second app.
    multiprocessing.freeze_support()
    sys.exit(main())
