"""Signing a tripartite contract: each party once, by ЭЦП through NCALayer or by an uploaded signed scan; the
status per party; signed when every required party has signed; every signature audited."""

from __future__ import annotations

import base64
import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from kasip.core.models import AuditEntry
from kasip.core.validators import make_iin
from kasip.dual import services, signatures
from kasip.dual.models import ContractStatus, Party, SignatureMethod

from .contract_fixtures import *  # noqa: F403  (the fixtures)
from .contract_fixtures import MINOR, complete, ecp

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
EMPLOYEE = make_iin(dt.date(1980, 1, 1), "M", 5)


def scan(name="signed.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def sign_all(contract, users):
    services.sign_with_ecp(users["student"], contract, Party.STUDENT,
                           ecp(services.signing_document(contract), iin=contract.student.iin))
    services.sign_with_scan(users["dual_coordinator"], contract, Party.COLLEGE, scan())
    return services.sign_with_scan(users["enterprise_hr"], contract, Party.ENTERPRISE, scan())


def test_the_contract_is_signed_once_the_student_college_and_enterprise_have_signed(signing, users):
    assert services.missing_parties(signing) == [Party.COLLEGE, Party.ENTERPRISE, Party.STUDENT]
    sign_all(signing, users)
    signing.refresh_from_db()
    assert signing.status == ContractStatus.SIGNED
    assert services.missing_parties(signing) == []


def test_an_ecp_records_the_signer_from_the_certificate_and_the_documents_digest(signing, users):
    document = services.signing_document(signing)
    cms = ecp(document, iin=signing.student.iin, name="ОҚУШЫ АРМАН")

    signature = services.sign_with_ecp(users["student"], signing, Party.STUDENT, cms)

    assert signature.method == SignatureMethod.ECP
    assert (signature.signer_name, signature.signer_id) == ("ОҚУШЫ АРМАН", signing.student.iin)
    assert signature.document_digest == signatures.sha256_hex(document) == signing.document_digest
    assert base64.b64decode(signature.cms) == base64.b64decode(cms)


def test_the_enterprise_signs_with_an_employees_certificate_carrying_its_bin(signing, users):
    cms = ecp(services.signing_document(signing), iin=EMPLOYEE, bin=signing.enterprise.bin)
    signature = services.sign_with_ecp(users["enterprise_hr"], signing, Party.ENTERPRISE, cms)
    assert signature.signer_id == signing.enterprise.bin


def test_signing_twice_is_refused_with_the_reason(signing, users):
    services.sign_with_scan(users["dual_coordinator"], signing, Party.COLLEGE, scan())
    with pytest.raises(ValidationError) as exc:
        services.sign_with_scan(users["college_admin"], signing, Party.COLLEGE, scan())
    assert exc.value.messages[0].startswith("The college already signed on ")


def test_signing_for_another_party_is_refused_with_the_reason(signing, users):
    with pytest.raises(PermissionDenied) as exc:
        services.sign_with_scan(users["enterprise_hr"], signing, Party.COLLEGE, scan())
    assert str(exc.value) == "You sign for the enterprise only, not for the college."
    with pytest.raises(PermissionDenied):
        services.sign_with_scan(users["region_admin"], signing, Party.STUDENT, scan())


def test_a_certificate_of_another_person_is_refused(signing, users):
    stranger = make_iin(dt.date(2001, 2, 3), "M", 99)
    with pytest.raises(ValidationError) as exc:
        services.sign_with_ecp(users["student"], signing, Party.STUDENT,
                               ecp(services.signing_document(signing), iin=stranger))
    assert exc.value.message_dict == {"cms": [f"The certificate is not the student's: it was issued to {stranger}."]}


def test_a_signature_of_another_document_is_refused(signing, users):
    with pytest.raises(ValidationError) as exc:
        services.sign_with_ecp(users["student"], signing, Party.STUDENT,
                               ecp(b"%PDF-1.7 another contract", iin=signing.student.iin))
    assert exc.value.message_dict["cms"] == [
        "The signature is of another document: download the contract again and sign it."]


def test_something_that_is_not_a_cms_is_refused(signing, users):
    for junk in ("", "not base64 at all!", base64.b64encode(b"hello").decode()):
        with pytest.raises(ValidationError) as exc:
            services.sign_with_ecp(users["student"], signing, Party.STUDENT, junk)
        assert list(exc.value.message_dict) == ["cms"]


def test_a_draft_is_not_signed(draft, users):
    with pytest.raises(ValidationError) as exc:
        services.sign_with_scan(users["dual_coordinator"], draft, Party.COLLEGE, scan())
    assert exc.value.messages == ["The contract is not awaiting signatures (it is draft)."]


def test_a_scan_that_is_not_a_pdf_jpg_or_png_is_refused(signing, users):
    with pytest.raises(ValidationError) as exc:
        services.sign_with_scan(users["dual_coordinator"], signing, Party.COLLEGE, scan("signed.pdf", b"MZ\x90\x00"))
    assert "its content is not PDF" in exc.value.message_dict["scan"][0]


def test_a_minors_guardian_signs_instead_of_the_student(make_student, make_place, placement_of, users):
    minor = make_student(MINOR, user=users["student"])
    contract = services.accept_placement(None, placement_of(minor, make_place()))
    with pytest.raises(ValidationError) as exc:
        services.send_for_signature(None, contract)
    assert {"guardian_name", "guardian_iin", "guardian_document"} <= set(exc.value.message_dict)
    complete(contract)
    contract = services.send_for_signature(None, contract)
    assert services.required_parties(contract) == [Party.COLLEGE, Party.ENTERPRISE, Party.GUARDIAN]

    # the guardian has no account: the college records the guardian's signed scan, or an ЭЦП of the guardian's IIN
    with pytest.raises(ValidationError, match="not the guardian's"):
        services.sign_with_ecp(users["student"], contract, Party.GUARDIAN,
                               ecp(services.signing_document(contract), iin=minor.iin))
    services.sign_with_ecp(users["student"], contract, Party.GUARDIAN,
                           ecp(services.signing_document(contract), iin=contract.guardian_iin))
    services.sign_with_scan(users["dual_coordinator"], contract, Party.COLLEGE, scan())
    services.sign_with_scan(users["enterprise_hr"], contract, Party.ENTERPRISE, scan())
    contract.refresh_from_db()
    assert contract.status == ContractStatus.SIGNED  # the minor's own signature is optional


def test_an_adults_contract_has_no_guardian_to_sign(signing, users):
    with pytest.raises(ValidationError) as exc:
        services.sign_with_scan(users["dual_coordinator"], signing, Party.GUARDIAN, scan())
    assert exc.value.message_dict == {"party": ["The student is of age: no guardian signs."]}


def test_every_signature_is_in_the_audit_log_with_who_recorded_it(signing, users, client_for):
    client_for("dual_coordinator").post(f"/contracts/{signing.pk}/sign/scan/", {"party": "college", "scan": scan()})
    signature = signing.signatures.get()
    entry = AuditEntry.objects.get(action="create", object_type="dual.signature", object_id=str(signature.pk))
    assert entry.actor_repr == "dual_coordinator"
    assert entry.changes["party"] == [None, "college"] and entry.changes["method"] == [None, "scan"]
    assert "cms" not in entry.changes


def test_a_configured_verifier_has_the_last_word(signing, users, settings):
    settings.KASIP_ECP_VERIFIER = "tests.dual.test_contract_signatures.distrust_everyone"
    with pytest.raises(ValidationError) as exc:
        services.sign_with_ecp(users["student"], signing, Party.STUDENT,
                               ecp(services.signing_document(signing), iin=signing.student.iin))
    assert exc.value.message_dict == {"cms": ["The signature was refused: the certificate is revoked."]}


def distrust_everyone(cms_der, document, signer):
    raise signatures.SignatureProblem("untrusted", "the certificate is revoked")


def test_the_contract_page_shows_the_status_per_party_and_the_signing_forms(signing, users, client_for):
    services.sign_with_scan(users["dual_coordinator"], signing, Party.COLLEGE, scan())
    page = client_for("enterprise_hr").get(f"/contracts/{signing.pk}/").content.decode()
    assert "awaiting signatures" in page and "not signed" in page and "signed " in page
    assert "Sign with ЭЦП" in page and "dual/ncalayer.js" in page
    assert 'name="party" value="enterprise"' in page and 'name="party" value="college"' not in page


def test_a_scan_uploaded_on_the_page_is_recorded_and_downloadable_by_staff_not_by_the_mentor(
        signing, users, client_for):
    client = client_for("dual_coordinator")
    response = client.post(f"/contracts/{signing.pk}/sign/scan/", {"party": "college", "scan": scan()}, follow=True)
    assert "The signature is recorded." in response.content.decode()
    signature = signing.signatures.get()
    assert b"".join(client.get(signature.scan.url).streaming_content) == PDF
    assert client_for("mentor").get(signature.scan.url).status_code == 403


def test_an_ecp_posted_from_the_page_is_checked_and_recorded(signing, users, client_for):
    cms = ecp(client_for("student").get(f"/contracts/{signing.pk}/to-sign.pdf").content, iin=signing.student.iin)
    response = client_for("student").post(f"/contracts/{signing.pk}/sign/ecp/", {"party": "student", "cms": cms},
                                          follow=True)
    assert "The signature is recorded." in response.content.decode()
    response = client_for("student").post(f"/contracts/{signing.pk}/sign/ecp/", {"party": "student", "cms": cms},
                                          follow=True)
    assert "The student already signed on" in response.content.decode()
