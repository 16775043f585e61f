"""``python -m lingong_city``: the same as the ``lingong-city`` command."""

import sys

from lingong_city.cli import main

sys.exit(main())
