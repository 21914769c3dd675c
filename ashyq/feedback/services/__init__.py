"""Writes of the feedback app (ARCHITECTURE rule 1), one module per area (STYLE: Zulip's actions package)."""
