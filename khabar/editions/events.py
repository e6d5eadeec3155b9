"""What happened to editions and sections, sent after commit (see khabar.core.events).

Two more are sent inside the writer's transaction, for what must change in the same commit
or not at all: the articles' position in the content API's sync (khabar.articles.receivers).
Editions know nothing of articles; articles listen."""

from django.dispatch import Signal

# With `edition`: its settings changed (name, calendar, digits…), shown on all its pages.
edition_changed = Signal()
# With `section`: created, renamed, moved or deleted (then `deleted=True`).
section_changed = Signal()

# In the transaction, with `edition`: a setting that every article's display shows changed.
edition_display_changing = Signal()
# In the transaction, with `section`: its name or slug changed, which its articles show.
section_display_changing = Signal()
