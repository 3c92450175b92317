"""``python -m cluster_map``: see :mod:`cluster_map.cli`."""

from cluster_map.cli import main

raise SystemExit(main())
