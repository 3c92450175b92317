"""``python -m cluster_map``: see :mod:`cluster_map.cli`."""

from .cli import main

raise SystemExit(main())
