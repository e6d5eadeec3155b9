"""How much an article may hold: the newsroom's limits, in one place.

Every writer (the newsroom, the bulk path, the importer) meets them through the article
services, which refuse a value past its limit with a ValidationError naming the field and
the limit. They are constants, not settings: they are the newsroom's rules, the same in
every deployment, and the models' column sizes are taken from them.
"""

from __future__ import annotations

# Distinct keywords on one article. Editors tag a story with a handful; archives with a
# few dozen. The article page and its related articles read at most this many, so rows
# written before the cap (or around the services) cannot make the page's queries grow.
KEYWORDS_MAX = 50
# Characters in a keyword's name (the column's size).
KEYWORD_NAME_MAX = 100
