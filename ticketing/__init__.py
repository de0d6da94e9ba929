"""Ticketing: ticket sales (`ticketing.tickets`) and activity sign-up (`ticketing.activities`)."""
