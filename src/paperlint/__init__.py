"""paperlint: lint, validate and format paper-list Markdown."""

__version__ = "0.1.0"
