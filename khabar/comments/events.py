"""What happened to comments, sent after commit (see khabar.core.events).

Each carries `comment`; the page cache refreshes the article's page and the lists that
count its comments. `comments_closed` carries `article`.
"""

from django.dispatch import Signal

comment_approved = Signal()
# An approved comment rejected, marked spam or deleted: no longer shown.
comment_removed = Signal()
# An approved comment's text changed by a moderator.
comment_edited = Signal()
comments_closed = Signal()
