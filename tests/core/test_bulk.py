"""Writing many rows at once (core.bulk.RawWriter.insert_frame): the model's defaults fill the columns not given,
JSON and time stamps included, on SQLite and PostgreSQL alike."""

import polars as pl
import pytest

from kasip.core.bulk import RawWriter
from kasip.labour.models import VacancyBatch

pytestmark = pytest.mark.django_db


def test_missing_columns_take_the_models_defaults():
    frame = pl.DataFrame({"source": ["enbek", "other"], "original_name": ["a.csv", "b.csv"]})
    assert RawWriter().insert_frame(VacancyBatch, frame) == 2
    batches = list(VacancyBatch.objects.order_by("original_name"))
    assert [(b.original_name, b.coding, b.rows, b.first_posted) for b in batches] == [
        ("a.csv", {}, 0, None), ("b.csv", {}, 0, None)]
    assert all(b.created_at is not None for b in batches)
