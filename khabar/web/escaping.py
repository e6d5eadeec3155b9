"""Escaping for the article page's HTML written in Python, as the templates escape.

Django's `escape` and `conditional_escape` are wrapped by `keep_lazy`, which looks at every
argument for a lazy translation each call; the article page escapes about a hundred values
(plain text from the database, never lazy), and the wrapper cost it about a hundredth of
its CPU (py-spy). These give the same strings for any value that is not lazy.
"""

from __future__ import annotations

import html


def escape(text: object) -> str:
    """What `{{ text }}` prints of a value that is not safe HTML (Django's `escape`)."""
    return html.escape(str(text))


def conditional_escape(value: object) -> str:
    """Django's `conditional_escape`: safe HTML (`__html__`) as it is, anything else
    escaped."""
    if hasattr(value, "__html__"):
        return str(value.__html__())
    return html.escape(str(value))
