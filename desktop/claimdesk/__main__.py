"""`python -m claimdesk` runs the same entry point as the `claimdesk` command."""

import sys

from claimdesk.cli import main

sys.exit(main())
