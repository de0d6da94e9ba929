"""Reads of material loans reused by views and staff pages."""
