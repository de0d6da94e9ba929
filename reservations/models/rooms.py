"""Room hire models: venues, rooms, tariffs, bookings, season requests."""
