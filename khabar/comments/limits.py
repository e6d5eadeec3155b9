"""How much a reader may write, and how fast: the code's limits, stated once."""

# A comment is a comment, not an article: about a page of text.
BODY_MAX = 3_000
NAME_MAX = 80
EMAIL_MAX = 254  # RFC 5321's longest path
# More links than this and a comment is an advertisement.
LINKS_MAX = 2
# A person takes longer than this to read an article and write about it (from the form's
# issue: with a cached page, the time since that page was rendered, which is no shorter).
FILL_SECONDS_MIN = 3
# A form older than this is refused as expired; the reader gets a fresh one, text kept.
FORM_AGE_MAX_SECONDS = 24 * 3600
# Duplicate detection: the same text from one sender on another article within this.
DUPLICATE_WINDOW_SECONDS = 24 * 3600
# Client address hashes change key this often (days); a network blocked from a comment
# stays blocked while its period's key is still accepted (this period and the last).
HASH_PERIOD_DAYS = 30
# The "most commented" list on an edition's home: approved comments of the last days.
MOST_COMMENTED_DAYS = 7
MOST_COMMENTED_SIZE = 5
