"""Wagtail admin of material loans (catalogue, day lists, hand-out and return)."""
