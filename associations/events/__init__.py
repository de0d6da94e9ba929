"""Event notification: the notification form, advice, decision and permit, the public agenda."""
