"""Models of the associations app."""
