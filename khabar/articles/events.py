"""What happened to articles, for whoever needs to know (caches, search, feeds).

Each is sent after commit with `article` (the saved instance) as argument.
"""

from django.dispatch import Signal

article_published = Signal()
article_changed = Signal()
article_unpublished = Signal()
keyword_changed = Signal()
# With `article` and `correction`: shown under the article and on the corrections page.
correction_added = Signal()
# A breaking flag set, cleared or expired: the edition's breaking bar, on every page.
breaking_changed = Signal()
# Sent with `edition` when editors change the home page's top stories.
top_stories_changed = Signal()
