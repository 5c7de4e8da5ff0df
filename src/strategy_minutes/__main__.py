"""`strategy-minutes` and `python -m strategy_minutes`: the window, or one command.

The entry point sits above both the GUI (`ui/`) and the command line (`desktop/cli.py`), so
neither imports the other. Only argparse and the data folder's name are loaded before the
choice, so the window is not kept waiting for modules only the commands use, and a command
never loads Qt.
"""

from __future__ import annotations

import sys

from strategy_minutes.desktop.cli import window_folder


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else list(argv)
    folder = window_folder(args)
    if folder is not None:
        from strategy_minutes.ui.app import run_gui

        return run_gui(folder)
    from strategy_minutes.desktop.cli import main as run_command

    return run_command(args)


def run() -> None:
    sys.exit(main())


if __name__ == "__main__":
    run()
