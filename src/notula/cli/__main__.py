"""`python -m notula.cli`: the notula command."""

import sys

from notula.cli import main

sys.exit(main())
