"""Writes of the registry (ARCHITECTURE rule 1), one module per part of seed 004."""
