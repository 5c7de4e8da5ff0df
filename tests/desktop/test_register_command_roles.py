"""The register command names its roles without importing the database driver; they must be
the register schema's roles."""

from strategy_minutes.desktop.commands import register as register_command
from strategy_minutes.storage import register_schema


def test_the_command_offers_exactly_the_register_roles() -> None:
    assert tuple(register_schema.GROUPS) == register_command.ROLES
