"""Celery tasks of material loans."""
