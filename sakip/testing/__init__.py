"""Test helpers other capabilities use (importable from tests, not used at run time)."""
