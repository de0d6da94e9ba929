"""Models of the themes app."""
