"""Models of Evenementen: none yet; the issue that builds the module adds them."""
