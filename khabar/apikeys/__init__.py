"""Partners' keys to the content API: each with a name and its own rate, stored hashed."""
