"""State changes of material loans; one transaction each."""
