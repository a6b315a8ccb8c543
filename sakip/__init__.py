"""Sakip: the SAKIP performance-accountability cycle of Indonesian regional government."""

__version__ = "0.1.0"
