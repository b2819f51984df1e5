#!/usr/bin/env bash
# Starts one Celery worker and the gunicorn web server; stopping one (Ctrl-C) stops both.
set -euo pipefail
PY=${PY:-.venv/bin/python}
BIN=$(dirname "$PY")
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-8000}

mkdir -p var
"$BIN/celery" -A kasip worker --loglevel=INFO --concurrency=1 --without-gossip --without-mingle \
  --without-heartbeat -B --schedule var/celerybeat-schedule &
WORKER=$!
trap 'kill $WORKER 2>/dev/null || true; wait $WORKER 2>/dev/null || true' EXIT INT TERM

echo "Kasip: http://$HOST:$PORT/  (worker pid $WORKER; Ctrl-C stops both)"
"$BIN/gunicorn" kasip.wsgi:application --bind "$HOST:$PORT" --workers "${WEB_WORKERS:-2}" \
  --access-logfile - --timeout 120
