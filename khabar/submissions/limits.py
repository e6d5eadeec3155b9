"""What a reader may send, and how fast: the code's own limits, stated once.

The limits an operator tunes (number and size of files, video and PDF, the rate) are
settings (config/settings.py).
"""

NAME_MAX = 80
CONTACT_MAX = 254  # RFC 5321's longest path, which also fits any phone number
# Long enough for a witness's account; a document belongs in a file.
TEXT_MAX = 10_000
# A file's name as the newsroom sees it; the stored file has a generated one.
FILE_NAME_MAX = 120
# A phone number, counted in digits (E.164 has at most 15; a local one at least 6).
PHONE_DIGITS_MIN = 6
PHONE_DIGITS_MAX = 15
# A person takes longer than this to fill the form (from the form's issue).
FILL_SECONDS_MIN = 3
# A form older than this is refused as expired; the reader gets a fresh one, text kept.
FORM_AGE_MAX_SECONDS = 24 * 3600
