"""State changes of room hire; one transaction each."""
