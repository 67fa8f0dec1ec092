"""The WSGI entry (gunicorn strategy_tracker.wsgi). The settings read the configuration file and refuse to start
without what production needs (strategy_tracker.configuration): a worker that cannot load them fails to boot, and
gunicorn prints the one line that says why and stops. Once the application is loaded, the worker sets up the
garbage collector (strategy_tracker.collector)."""

import os

from django.core.wsgi import get_wsgi_application

from strategy_tracker import collector

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "strategy_tracker.settings")
application = get_wsgi_application()
collector.settle()
