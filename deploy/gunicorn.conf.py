"""gunicorn's configuration for Levier's web processes (docs/adr/0023-production-stack.md).

Start from the repository root, after `manage.py migrate` and `collectstatic`:

    .venv/bin/gunicorn -c deploy/gunicorn.conf.py

(`make production` does all three and starts the task worker beside it.)
Settings come from the environment, like Levier's own:

    LEVIER_BIND          address to listen on: 127.0.0.1:8000 (default), 0.0.0.0:8000,
                         unix:/run/levier.sock; several separated by commas
    LEVIER_WEB_WORKERS   worker processes: 2 x CPUs + 1 by default
    LEVIER_WEB_THREADS   threads per worker: 1 by default (Levier's views are blocking)
    LEVIER_WEB_TIMEOUT   seconds before a stuck worker is restarted: 60
    LEVIER_ACCESS_LOG    1 for gunicorn's access lines too; off by default, since Levier
                         logs every request itself, with its id, status and duration
    LEVIER_LOG_FORMAT    "json" for one JSON object per line, here as in the application
    LEVIER_LOG_LEVEL     INFO by default

Command-line options win over this file (`--bind 127.0.0.1:8001 --workers 4`).
"""

import multiprocessing
import os

from levier.lib.logging import logging_config

wsgi_app = "levier.wsgi:application"

bind = [address.strip() for address in os.environ.get("LEVIER_BIND", "127.0.0.1:8000").split(",")]
workers = int(os.environ.get("LEVIER_WEB_WORKERS") or multiprocessing.cpu_count() * 2 + 1)
threads = int(os.environ.get("LEVIER_WEB_THREADS") or 1)
# PDF reports and XLSX imports take a few seconds; a worker silent for a
# minute is stuck and is replaced.
timeout = int(os.environ.get("LEVIER_WEB_TIMEOUT") or 60)
graceful_timeout = 30
# A worker is replaced after this many requests (at staggered counts), so
# that memory a long-lived process accumulates is given back.
max_requests = 2000
max_requests_jitter = 200
# Workers' heartbeat files in memory, not on a disk that may stall.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None

# Which forwarded headers to believe is Levier's decision alone
# (LEVIER_TRUSTED_PROXIES, levier/lib/proxies.py): gunicorn trusts no peer
# for them, and passes them on untouched.
forwarded_allow_ips = ""

# gunicorn's runtime control socket (gunicornc) is not used; left on, every
# master on the machine would claim the same one in the home folder.
control_socket_disable = True

# gunicorn's own lines on stderr, in the application's format.
loglevel = os.environ.get("LEVIER_LOG_LEVEL", "INFO").lower()
errorlog = "-"
_access_log = os.environ.get("LEVIER_ACCESS_LOG", "").strip().lower() in {"1", "true", "yes", "on"}
accesslog = "-" if _access_log else None
logconfig_dict = logging_config(
    "json" if os.environ.get("LEVIER_LOG_FORMAT", "").lower() == "json" else "text",
    os.environ.get("LEVIER_LOG_LEVEL", "INFO").upper(),
    gunicorn_access=_access_log,
)
