"""Staff accounts: signing in to the newsroom (throttling now; roles come with the newsroom)."""
