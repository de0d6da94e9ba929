"""Reads of room hire reused by views and staff pages."""
