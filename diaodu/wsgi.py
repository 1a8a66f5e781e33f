"""WSGI entry point: `gunicorn diaodu.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "diaodu.settings")
application = get_wsgi_application()
