"""Fixtures of contracts: a published round's placement, a dual-training agreement in force, a mentor, a draft
and a contract awaiting signatures; an ЭЦП made like NCALayer makes it (a detached CMS over the document)."""

from __future__ import annotations

import base64
import datetime as dt
import itertools

import pytest
from django.utils import timezone

from kasip.core.validators import make_iin
from kasip.dual import services
from kasip.dual.models import MatchingRound, Mentor, Placement, RoundScope, RoundStatus
from kasip.partners.models import Agreement

_numbers = itertools.count(1)
ADULT = dt.date(2005, 3, 1)  # 21 on 1 September 2026
MINOR = dt.date(2010, 3, 1)  # 16 on 1 September 2026


def publish_placements(college, pairs) -> list[Placement]:
    """A published round of the college that gave each (student, place) pair."""
    round_ = MatchingRound.objects.create(name=f"Раунд {next(_numbers)}", scope=RoundScope.COLLEGE, college=college,
                                          deadline=timezone.now(), status=RoundStatus.PUBLISHED, seed=1,
                                          published_at=timezone.now())
    return [Placement.objects.create(round=round_, student=s, place=p, rank_obtained=1) for s, p in pairs]


@pytest.fixture
def placement_of(college):
    def make(student, place) -> Placement:
        return publish_placements(college, [(student, place)])[0]

    return make


@pytest.fixture
def agreement(college, enterprise):
    return Agreement.objects.create(college=college, enterprise=enterprise, kind="dual_training",
                                    number=f"ДО-{next(_numbers)}", signed_on=dt.date(2025, 1, 15),
                                    valid_from=dt.date(2025, 2, 1), status="active")


@pytest.fixture
def mentor(enterprise, users):
    return Mentor.objects.create(enterprise=enterprise, last_name="Ержанов", first_name="Бауыржан",
                                 position="мастер цеха", max_trainees=30, user=users["mentor"])


@pytest.fixture
def student_account(users, make_student):
    """The student account's record: an adult."""
    return make_student(ADULT, user=users["student"])


@pytest.fixture
def draft(student_account, make_place, placement_of):
    place = make_place(capacity=3)
    return services.accept_placement(None, placement_of(student_account, place))


def complete(contract, **extra):
    fields = {"student_document": "удостоверение личности № 012345678, МВД РК, 01.02.2022",
              "insurance": "АО «Страховая компания», полис № 77", **extra}
    if contract.is_minor:
        fields.update(guardian_name="Сейткали Айгуль Маратовна", guardian_iin=make_iin(dt.date(1985, 6, 2), "F", 4242),
                      guardian_document="удостоверение личности № 098765432")
    return services.update_contract(None, contract, **fields)


@pytest.fixture
def signing(draft):
    complete(draft)
    return services.send_for_signature(None, draft)


# --- a CMS as NCALayer makes it ------------------------------------------------------------------
def certificate(*, iin: str = "", bin: str = "", name: str = "ТЕСТОВ ТЕСТ", days: int = 365):
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    attributes = [x509.NameAttribute(NameOID.COMMON_NAME, name)]
    if iin:
        attributes.append(x509.NameAttribute(NameOID.SERIAL_NUMBER, f"IIN{iin}"))
    attributes.append(x509.NameAttribute(NameOID.COUNTRY_NAME, "KZ"))
    if bin:
        attributes.append(x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, f"BIN{bin}"))
    subject = x509.Name(attributes)
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=days)).sign(key, hashes.SHA256()))
    return cert, key


def ecp(document: bytes, *, iin: str = "", bin: str = "", name: str = "ТЕСТОВ ТЕСТ") -> str:
    """The base64 detached CMS NCALayer's createCAdESFromBase64(..., false) returns for the document."""
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.serialization import pkcs7

    cert, key = certificate(iin=iin, bin=bin, name=name)
    der = (pkcs7.PKCS7SignatureBuilder().set_data(document).add_signer(cert, key, hashes.SHA256())
           .sign(serialization.Encoding.DER, [pkcs7.PKCS7Options.DetachedSignature, pkcs7.PKCS7Options.Binary]))
    return base64.b64encode(der).decode()
