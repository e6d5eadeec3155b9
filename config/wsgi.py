import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

_django = get_wsgi_application()

# Imported once Django is set up: the front reads settings and the cache.
from khabar.api.limits import gate  # noqa: E402
from khabar.pagecache.front import PageCacheFront  # noqa: E402

# The API's rate limits hold for the front's hits too.
application = PageCacheFront(_django, gate=gate)
