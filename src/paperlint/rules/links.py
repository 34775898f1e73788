"""Link rules (PL501–PL508): table of contents, links, arXiv ids, duplicate papers."""

from __future__ import annotations
