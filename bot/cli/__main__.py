"""`python -m bot.cli`: the same as the `senda` command."""

import sys

from bot.cli.main import main

sys.exit(main())
