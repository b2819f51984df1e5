"""Rows of the permissions matrix (tests/test_permissions_matrix.py) for tripartite contracts and orders.

Contracts: the region admin (all), the college staff (their college's), an enterprise's HR (its own), the mentor
(the contracts he or she mentors, read only) and the student (his or her own); editing, sending, completing and
terminating: the college staff and the region admin; signing: each party for itself; signed scans: whoever
reads the contract except the mentor. Orders: the region admin, the college staff and the enterprise's HR.
Analysts, customers and the public: none of it.
"""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from kasip.core.models import Role
from kasip.core.validators import make_iin
from kasip.dual import services
from kasip.dual.models import (
    OPEN_CONTRACT_STATUSES,
    Contract,
    MatchingRound,
    Mentor,
    OrderKind,
    Party,
    Placement,
    PlaceStatus,
    RoundScope,
    RoundStatus,
    TrainingPlace,
)
from kasip.registry.models import EnterpriseSite, Student

COLLEGE_STAFF = ("college_admin", "dual_coordinator")
MANAGERS = ("region_admin", *COLLEGE_STAFF)
READERS = (*MANAGERS, "enterprise_hr", "mentor", "student")
ORDER_USERS = (*MANAGERS, "enterprise_hr")
SIGNERS = (*COLLEGE_STAFF, "enterprise_hr")
PDF_PAGE = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def only(*roles, ok=200, denied=403, anon=302):
    return {None: anon, **{r.value: (ok if r.value in roles else denied) for r in Role}}


def api(*roles, ok=200, denied=403):
    return {None: 401, **{r.value: (ok if r.value in roles else denied) for r in Role}}


PAGES = {
    "contracts": ("get", lambda f: "/contracts/", only(*READERS)),
    "contracts-group": ("get", lambda f: "/contracts/group/", only(*MANAGERS)),
    "contracts-accept": ("post", lambda f: f"/contracts/accept/{f['ct_offer'].pk}/", only(*MANAGERS, ok=302)),
    "contracts-detail": ("get", lambda f: f"/contracts/{f['ct_own'].pk}/", only(*READERS)),
    "contracts-edit": ("get", lambda f: f"/contracts/{f['ct_draft'].pk}/edit/", only(*MANAGERS)),
    "contracts-pdf": ("get", lambda f: f"/contracts/{f['ct_own'].pk}/contract.pdf", only(*READERS)),
    "contracts-document": ("get", lambda f: f"/contracts/{f['ct_own'].pk}/to-sign.pdf", only(*READERS)),
    "contracts-send": ("post", lambda f: f"/contracts/{f['ct_draft'].pk}/send/", only(*MANAGERS, ok=302)),
    "contracts-sign-scan": ("post", lambda f: f"/contracts/{f['ct_signing'].pk}/sign/scan/", only(*SIGNERS, ok=302)),
    "contracts-sign-ecp": ("post", lambda f: f"/contracts/{f['ct_signing'].pk}/sign/ecp/", only(*SIGNERS, ok=302)),
    "contracts-complete": ("post", lambda f: f"/contracts/{f['ct_signing'].pk}/complete/", only(*MANAGERS, ok=302)),
    "contracts-terminate": ("post", lambda f: f"/contracts/{f['ct_signing'].pk}/terminate/",
                            only(*MANAGERS, ok=302)),
    "contracts-signature-scan": ("get", lambda f: f"/contracts/signatures/{f['ct_scan'].pk}/scan/",
                                 only(*MANAGERS, "enterprise_hr")),
    "orders": ("get", lambda f: "/orders/", only(*ORDER_USERS)),
    "orders-create": ("get", lambda f: "/orders/new/", only(*ORDER_USERS)),
    "orders-detail": ("get", lambda f: f"/orders/{f['ct_order'].pk}/", only(*ORDER_USERS)),
    "orders-pdf": ("get", lambda f: f"/orders/{f['ct_order'].pk}/order.pdf", only(*ORDER_USERS)),
}

API = {
    ("GET", "/api/v1/contracts"): api(*READERS),
    ("GET", "/api/v1/contracts/{contract_id}"): api(*READERS),
    ("PATCH", "/api/v1/contracts/{contract_id}"): api(*MANAGERS),
    ("POST", "/api/v1/contracts"): api(*MANAGERS, ok=201),
    ("POST", "/api/v1/group-placements"): api(*MANAGERS, ok=201),
    ("POST", "/api/v1/contracts/{contract_id}/send"): api(*MANAGERS),
    ("POST", "/api/v1/contracts/{contract_id}/complete"): api(*MANAGERS),
    ("POST", "/api/v1/contracts/{contract_id}/terminate"): api(*MANAGERS),
    ("POST", "/api/v1/contracts/{contract_id}/signatures"): api(*SIGNERS, ok=201),
    ("POST", "/api/v1/contracts/{contract_id}/signatures/scan"): api(*SIGNERS, ok=201),
    ("GET", "/api/v1/orders"): api(*ORDER_USERS),
    ("GET", "/api/v1/orders/{order_id}"): api(*ORDER_USERS),
    ("POST", "/api/v1/orders"): api(*ORDER_USERS, ok=201),
}


def _json(method):
    def call(client, url, body, headers):
        return getattr(client, method)(url, body, content_type="application/json", **headers)

    return call


_serial = iter(range(1000, 100000))


def _student(f) -> Student:
    n = next(_serial)
    born = dt.date(2004, 1, 1) + dt.timedelta(days=n % 900)
    return Student.objects.create(iin=make_iin(born, "M", n), last_name=f"Матрица{n}", first_name="Нұрлан",
                                  birth_date=born, sex="M", college=f["college"], group=f["group"], base="9",
                                  funding="state")


def _placement(f, student) -> Placement:
    place = TrainingPlace.objects.create(
        title=f"Место (договор {student.pk})", enterprise=f["ct_site"].enterprise, site=f["ct_site"],
        district=f["ct_site"].district, capacity=5, starts_on=dt.date(2026, 9, 1), ends_on=dt.date(2027, 5, 31),
        monthly_payment=75000, status=PlaceStatus.APPROVED)
    place.qualifications.set([f["qualification"]])
    round_ = MatchingRound.objects.create(name=f"Опубликованный раунд {student.pk}", scope=RoundScope.COLLEGE,
                                          college=f["college"], deadline=timezone.now(), seed=1,
                                          status=RoundStatus.PUBLISHED, published_at=timezone.now())
    return Placement.objects.create(round=round_, student=student, place=place, rank_obtained=1)


def _contract(f, status: str) -> Contract:
    contract = services.accept_placement(None, _placement(f, _student(f)))
    contract = services.update_contract(None, contract, mentor=f["ct_mentor"], student_document="уд. № 123",
                                        insurance="полис № 1")
    if status != "draft":
        contract = services.send_for_signature(None, contract)
    return contract


def _contract_call(suffix, status, body=None, method="post"):
    def call(client, f, role, headers):
        contract = _contract(f, status)
        url = f"/api/v1/contracts/{contract.pk}{suffix}"
        if body is None:
            return getattr(client, method)(url, **headers)
        return _json(method)(client, url, body(f, role) if callable(body) else body, headers)

    return call


def _accept(client, f, role, headers):
    return _json("post")(client, "/api/v1/contracts", {"placement_id": _placement(f, _student(f)).pk}, headers)


def _group(client, f, role, headers):
    _student(f)  # someone of the group without a contract
    body = {"agreement_id": f["agreement"].pk, "group_id": f["group"].pk, "site_id": f["ct_site"].pk,
            "starts_on": "2026-09-01", "ends_on": "2027-05-31", "monthly_payment": "0",
            "payment_reason": "учебная практика"}
    return _json("post")(client, "/api/v1/group-placements", body, headers)


def _signature_party(role) -> str:
    return Party.ENTERPRISE if role == "enterprise_hr" else Party.COLLEGE


def _ecp(client, f, role, headers):
    from tests.dual.contract_fixtures import ecp

    contract = _contract(f, "signing")
    party = _signature_party(role)
    bin_ = (contract.enterprise if party == Party.ENTERPRISE else contract.college).bin
    cms = ecp(services.signing_document(contract), bin=bin_, iin=make_iin(dt.date(1980, 1, 1), "M", 5))
    return _json("post")(client, f"/api/v1/contracts/{contract.pk}/signatures", {"party": party, "cms": cms}, headers)


def _scan(client, f, role, headers):
    contract = _contract(f, "signing")
    upload = SimpleUploadedFile("signed.pdf", PDF_PAGE, content_type="application/pdf")
    return client.post(f"/api/v1/contracts/{contract.pk}/signatures/scan",
                       {"party": _signature_party(role), "file": upload}, **headers)


def _order(client, f, role, headers):
    contract = _contract(f, "draft")
    kind = OrderKind.MENTORS if role == "enterprise_hr" else OrderKind.SENDING
    body = {"kind": kind, "number": f"П-{next(_serial)}", "date": "2026-08-25", "contract_ids": [contract.pk]}
    return _json("post")(client, "/api/v1/orders", body, headers)


def _complete(client, f, role, headers):
    contract = _contract(f, "signing")
    for party in services.required_parties(contract):
        upload = SimpleUploadedFile("signed.pdf", PDF_PAGE, content_type="application/pdf")
        services.sign_with_scan(None, contract, party, upload)
    return client.post(f"/api/v1/contracts/{contract.pk}/complete", **headers)


API_CALLS = {
    ("GET", "/api/v1/contracts/{contract_id}"): lambda c, f, r, h: c.get(f"/api/v1/contracts/{f['ct_own'].pk}", **h),
    ("PATCH", "/api/v1/contracts/{contract_id}"): _contract_call("", "draft", {"insurance": "полис № 2"}, "patch"),
    ("POST", "/api/v1/contracts"): _accept,
    ("POST", "/api/v1/group-placements"): _group,
    ("POST", "/api/v1/contracts/{contract_id}/send"): _contract_call("/send", "draft"),
    ("POST", "/api/v1/contracts/{contract_id}/complete"): _complete,
    ("POST", "/api/v1/contracts/{contract_id}/terminate"):
        _contract_call("/terminate", "signing", {"reason": "отчислен"}),
    ("POST", "/api/v1/contracts/{contract_id}/signatures"): _ecp,
    ("POST", "/api/v1/contracts/{contract_id}/signatures/scan"): _scan,
    ("GET", "/api/v1/orders/{order_id}"): lambda c, f, r, h: c.get(f"/api/v1/orders/{f['ct_order'].pk}", **h),
    ("POST", "/api/v1/orders"): _order,
}


def add_fixtures(f, users):
    """A safe (not hazardous) site of the HR's enterprise; the `mentor` account's mentor record; the `student`
    account's open contract (the one another matrix module made, else a new one), mentored by the `mentor`
    account; a draft and a contract awaiting signatures (with the college's signed scan) of other students of
    the college; a placement to accept; the college's order sending the draft's student."""
    enterprise = f["site"].enterprise
    f["ct_site"] = EnterpriseSite.objects.create(enterprise=enterprise, name="Цех №3", district=enterprise.district)
    f["ct_mentor"] = Mentor.objects.filter(user=users["mentor"]).first() or Mentor.objects.create(
        enterprise=enterprise, user=users["mentor"], last_name="Наставник", first_name="Ерлан", max_trainees=30)
    own = Contract.objects.filter(student=f["record"], status__in=OPEN_CONTRACT_STATUSES).first()
    if own is None:
        own = services.accept_placement(None, _placement(f, f["record"]))
    if own.mentor_id != f["ct_mentor"].pk:
        Contract.objects.filter(pk=own.pk).update(mentor=f["ct_mentor"])
    f["ct_own"] = own
    f["ct_draft"] = _contract(f, "draft")
    f["ct_signing"] = _contract(f, "signing")
    upload = SimpleUploadedFile("signed.pdf", PDF_PAGE, content_type="application/pdf")
    f["ct_scan"] = services.sign_with_scan(None, f["ct_signing"], Party.COLLEGE, upload)
    f["ct_offer"] = _placement(f, _student(f))
    f["ct_order"] = services.create_order(None, kind=OrderKind.SENDING, number="№ 1-дуал", date=dt.date(2026, 8, 25),
                                          contracts=[f["ct_draft"]])
    f["ids"].update(contract_id=own.pk, order_id=f["ct_order"].pk)
