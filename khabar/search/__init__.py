"""Full-text search over the editions' published articles: one interface, two engines."""
