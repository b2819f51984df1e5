"""The demo region's employment records: every graduate at 6 and 12 months, valid, deterministic and idempotent,
dual-training graduates a little more often employed and in their specialty."""

import pytest

from kasip.core.models import User
from kasip.demo.loader import load_demo_region
from kasip.outcomes import selectors
from kasip.outcomes.demo import generate_employment
from kasip.outcomes.models import EmploymentRecord, Graduation


def fingerprint() -> list[tuple]:
    return sorted(EmploymentRecord.objects.values_list(
        "graduation__diploma_number", "months_after", "status", "employer_name", "employer_bin", "employer_id",
        "occupation_code", "occupation_title", "in_specialty", "wage_band", "source", "recorded_on"))


@pytest.fixture
def demo(db):
    load_demo_region(students=1500)


def test_the_demo_records_are_valid_deterministic_idempotent_and_favour_dual_training_a_little(demo):
    graduations = Graduation.objects.count()
    records = EmploymentRecord.objects.count()
    assert graduations > 100
    assert records == 2 * graduations  # every graduate at 6 and at 12 months (all dates have come)
    first = fingerprint()
    assert generate_employment(2026) == 0  # idempotent
    EmploymentRecord.objects.all().delete()
    assert generate_employment(2026) == records and fingerprint() == first  # deterministic
    for record in EmploymentRecord.objects.select_related("graduation")[:400]:
        record.full_clean()  # every record passes the model's own checks
    statuses = set(EmploymentRecord.objects.values_list("status", flat=True))
    assert statuses == {"employed", "further_study", "military_service", "parental_leave", "unemployed", "unknown"}
    assert EmploymentRecord.objects.filter(employer__isnull=False).exists()

    # the figures favour dual training a little
    admin = User.objects.get(username="region_admin")
    rows = {c.key: c for c in selectors.employment_rate(admin, months=12, by="dual")["rows"]}
    dual, other = rows["dual"], rows["not_dual"]
    assert 0.6 < other.rate.share < dual.rate.share < 0.95
    assert other.in_specialty.share < dual.in_specialty.share
    total = selectors.employment_rate(admin, months=12)["total"]
    six = selectors.employment_rate(admin, months=6)["total"]
    assert six.rate.share < total.rate.share
