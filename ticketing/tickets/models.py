"""Models of Ticketverkoop: none yet; the issue that builds the module adds them."""
