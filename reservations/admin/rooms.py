"""Wagtail admin of room hire (viewsets, approval inbox, day sheets)."""
