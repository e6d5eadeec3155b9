"""The content API: published articles, editions, sections and keywords as JSON and ninjs."""
