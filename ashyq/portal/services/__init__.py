"""Writes of the portal (ARCHITECTURE rule 1): reports (003 §4–7) and internet conferences (003 §8)."""
