"""`python -m tools.benchmark`: see tools/benchmark/__init__.py."""

import sys

from tools.benchmark.run import main

sys.exit(main())
