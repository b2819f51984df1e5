"""The demo region's agreements: about 150, every dual programme's college with a fitting dual-training partner,
idempotent and deterministic."""

from collections import Counter

import pytest

from kasip.demo import region as data
from kasip.demo.loader import enterprise_bin, load_demo_region
from kasip.dual.demo import LOGIN_AGREEMENT_NUMBER
from kasip.dual.models import Assessment, Contract, FinalResult, LogbookEntry, TrainingOrder
from kasip.partners.demo import generate_agreements, industries_for
from kasip.partners.models import Agreement
from kasip.registry.models import Programme


def fingerprint() -> list[tuple]:
    """The agreements generate_agreements makes (the dual year adds one for the demo mentor's enterprise)."""
    extra = LOGIN_AGREEMENT_NUMBER.format(year="")
    return sorted(Agreement.objects.exclude(number__startswith=extra).values_list("college__bin", "enterprise__bin", "number", "kind", "signed_on",
                                                "valid_from", "valid_until", "status", "students_covered",
                                                "subject"))


@pytest.fixture
def demo(db):
    load_demo_region(students=300)


def test_the_demo_agreements_are_deterministic_idempotent_and_fitting(demo):
    first = fingerprint()  # `kasip demo` generates them
    created = len(first)
    assert 120 <= created <= 190
    assert generate_agreements(2026) == 0  # idempotent
    for model in (FinalResult, Assessment, LogbookEntry, TrainingOrder, Contract):  # the dual year built on them
        model.objects.all().delete()
    Agreement.objects.all().delete()
    assert generate_agreements(2026) == created and fingerprint() == first  # deterministic

    industry = {enterprise_bin(i): row[6] for i, row in enumerate(data.ENTERPRISES, start=1)}
    dual = Agreement.objects.filter(kind="dual_training").select_related("enterprise")
    by_college = Counter(a.college_id for a in dual)
    for college_id in Programme.objects.filter(is_dual=True).values_list("college_id", flat=True).distinct():
        assert 1 <= by_college[college_id] <= 3, college_id
        fits = {i for p in Programme.objects.filter(college_id=college_id, is_dual=True).select_related(
            "qualification__specialty") for i in industries_for(p.qualification.specialty.code)}
        for a in dual.filter(college_id=college_id):
            assert industry[a.enterprise.bin] in fits or not fits, (a.number, industry[a.enterprise.bin], fits)
    kinds = Counter(Agreement.objects.values_list("kind", flat=True))
    assert kinds["memorandum"] > 10 and len(kinds) >= 6
    for a in Agreement.objects.all():  # every record passes the model's own checks
        a.full_clean()
