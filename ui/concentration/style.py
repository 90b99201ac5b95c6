"""The page's colours, shared by its charts and matched by the deck's
(`analytics.deck.COLOURS`)."""

from __future__ import annotations

__all__ = ["FOCUS", "GREY", "INK", "TIER_COLOURS"]

TIER_COLOURS = {"A": "#1f5f8b", "B": "#6b9ac4", "C": "#b8c2cc"}
INK = "#1d2733"
GREY = "#5b6670"
FOCUS = "#d98c2b"
