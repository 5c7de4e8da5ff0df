"""Sub-commands of `strategy-minutes`; each module has `register(subparsers)`."""
