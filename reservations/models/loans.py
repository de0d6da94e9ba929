"""Material loan models: catalogue items, kits, loans and their lines."""
