import datetime as dt
import re

from django.core import mail
from django.test import Client
from django.utils import timezone

from kasip.core.models import Invitation, User


def invited(client_for, email="new.student@example.kz"):
    from django.test import TestCase

    client = client_for("college_admin")
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post("/users/new/", {"email": email, "last_name": "Серікова", "first_name": "Айым",
                                               "role": "student", "language": "kk"})
    assert response.status_code == 302, response.content.decode()[:2000]
    link = re.search(r"http://\S+/invite/(\S+)/", mail.outbox[-1].body)
    return User.objects.get(email=email), link.group(1)


def test_a_new_account_gets_an_invitation_link(client_for):
    user, token = invited(client_for)
    assert not user.has_usable_password()
    assert user.organisation.kind == "college"
    assert mail.outbox[-1].to == ["new.student@example.kz"]


def test_the_link_sets_a_password_and_logs_in(client_for):
    user, token = invited(client_for)
    client = Client()
    response = client.post(f"/invite/{token}/", {"password1": "Qaragandy-2026!", "password2": "Qaragandy-2026!"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Qaragandy-2026!")
    assert client.get("/home/").status_code == 200


def test_a_used_link_is_refused(client_for):
    _user, token = invited(client_for)
    Client().post(f"/invite/{token}/", {"password1": "Qaragandy-2026!", "password2": "Qaragandy-2026!"})
    response = Client().get(f"/invite/{token}/")
    assert response.status_code == 410
    assert "already been used" in response.content.decode()


def test_an_expired_link_is_refused(client_for):
    _user, token = invited(client_for)
    Invitation.objects.update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    response = Client().post(f"/invite/{token}/", {"password1": "Qaragandy-2026!", "password2": "Qaragandy-2026!"})
    assert response.status_code == 410
    assert "expired" in response.content.decode()


def test_an_unknown_link_is_refused(db):
    response = Client().get("/invite/not-a-token/")
    assert response.status_code == 404
    assert "not valid" in response.content.decode()


def test_a_weak_password_is_refused_with_the_reason(client_for):
    _user, token = invited(client_for)
    response = Client().post(f"/invite/{token}/", {"password1": "12345", "password2": "12345"})
    assert response.status_code == 200
    assert "too short" in response.content.decode()


def test_a_college_admin_cannot_create_accounts_for_another_organisation(client_for, enterprise):
    client = client_for("college_admin")
    response = client.post("/users/new/", {"email": "x@example.kz", "last_name": "A", "first_name": "B",
                                           "role": "mentor", "organisation": enterprise.pk})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not User.objects.filter(email="x@example.kz").exists()


def test_the_form_names_the_field_of_a_bad_iin(client_for):
    response = client_for("college_admin").post("/users/new/", {
        "email": "y@example.kz", "last_name": "A", "first_name": "B", "role": "student", "iin": "080517601231"})
    assert response.status_code == 200
    assert 'id="id_iin_error"' in response.content.decode()
    assert "check digit" in response.content.decode()
