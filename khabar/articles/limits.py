"""How much an article may hold: the newsroom's limits, in one place.

Every writer (the newsroom, the bulk path, the importer) meets them through the article
services, which refuse a value past its limit with a ValidationError naming the field and
the limit (a photo's caption and credit are the media library's: khabar.photos). They are
constants, not settings: they are the newsroom's rules, the same in every deployment, and
the models' column sizes are taken from them. Lengths are counted in characters (code
points) of the text as stored: trimmed, invisible characters removed, and for the body,
the sanitised HTML.

| field          | limit   | why                                                          |
|----------------|---------|--------------------------------------------------------------|
| headline       | 300     | two lines of a front page; search engines show ~60           |
| overline       | 200     | a kicker, a few words                                        |
| lead           | 2,000   | a written lead is 1–3 sentences; an imported one is the      |
|                |         | archive's first paragraph, which runs longer                 |
| body           | 100,000 | about 15,000 words of HTML: the longest long-reads           |
| byline, source | 200     | names                                                        |
| correction     | 2,000   | a short note under the article                               |
| keywords       | 50      | editors tag with a handful, archives with a few dozen        |
| keyword name   | 100     | a name or a phrase                                           |
| news code      | 2⁶³ − 2 | the databases' bigint, with room for the next code after it  |
"""

from __future__ import annotations

HEADLINE_MAX = 300
OVERLINE_MAX = 200
LEAD_MAX = 2_000
BODY_MAX = 100_000
BYLINE_MAX = 200
SOURCE_MAX = 200
CORRECTION_MAX = 2_000

# Distinct keywords on one article. The article page and its related articles read at
# most this many, so rows written before the cap (or around the services) cannot make the
# page's queries grow.
KEYWORDS_MAX = 50
KEYWORD_NAME_MAX = 100

# The largest news code: PostgreSQL's and SQLite's signed 64-bit integer is at most
# 2**63 - 1, and the edition's next code (one more) must fit too.
CODE_MAX = 2**63 - 2

# The article fields with a length limit, by field name.
ARTICLE_TEXT_MAX = {
    "headline": HEADLINE_MAX,
    "overline": OVERLINE_MAX,
    "lead": LEAD_MAX,
    "body": BODY_MAX,
    "byline": BYLINE_MAX,
    "source": SOURCE_MAX,
}
