"""Models of the ticketing app."""
