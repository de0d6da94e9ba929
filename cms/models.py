"""Models of the cms app."""
