"""Whitespace rules (PL601–PL605): invisible differences that still matter."""

from __future__ import annotations
