import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
application = get_wsgi_application()

# Everything loaded so far (Django, the apps, their modules: some 200,000 objects) lives as long
# as the server process. Kept out of the cyclic collector's passes, which otherwise walk all of
# it now and then in the middle of a request (a pause of 100 ms and more, measured by
# bench/bench_library.py); the objects of each request are collected as before.
gc.freeze()
