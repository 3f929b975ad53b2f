"""``python -m tui``: the same as the ``podium`` command."""

from tui.cli import main

raise SystemExit(main())
