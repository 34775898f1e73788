"""Finding and validating configuration (SPEC §7)."""

from __future__ import annotations

from paperlint.settings import Settings


class ConfigError(Exception):
    """A configuration file that cannot be used; the message names the file and key."""


def load(path: str | None) -> Settings:
    """Settings from ``path``; discovery and validation arrive with the config issue."""
    if path is not None:
        raise ConfigError(f"{path}: configuration files are not supported yet")
    return Settings()
