"""What happened to photos of the library, sent after commit with `photo`.

`photo_changed`: its text changed, or its renditions were (re)made; pages showing it
are stale.
"""

from django.dispatch import Signal

photo_changed = Signal()
