"""What happened to editions and sections, sent after commit (see khabar.core.events)."""

from django.dispatch import Signal

# With `edition`: its settings changed (name, calendar, digits…), shown on all its pages.
edition_changed = Signal()
# With `section`: created, renamed, moved or deleted (then `deleted=True`).
section_changed = Signal()
