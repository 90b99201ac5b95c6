"""The rank stability panel under its former address (the focus list's page imports it
from here); it lives in `ui.workshop.stability`."""

from __future__ import annotations

from ui.workshop.stability import stability_panel

__all__ = ["stability_panel"]
