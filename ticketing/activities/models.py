"""Models of Activiteiten: none yet; the issue that builds the module adds them."""
