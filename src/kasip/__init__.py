"""Kasip: a platform for a region's vocational education system."""

from .celery import app as celery_app

__all__ = ["celery_app"]
