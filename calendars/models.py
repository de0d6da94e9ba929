"""Models of the calendars app."""
