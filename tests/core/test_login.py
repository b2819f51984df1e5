from django.core import mail
from django.test import Client

from kasip.core.models import AuditEntry
from tests.conftest import PASSWORD


def test_it_logs_in_and_lands_on_the_home_page(users):
    client = Client()
    response = client.post("/accounts/login/", {"username": "college_admin", "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == "/home/"
    assert "College admin" in response.content.decode()
    assert AuditEntry.objects.filter(action="login", actor=users["college_admin"]).exists()


def test_it_handles_a_wrong_password(users):
    response = Client().post("/accounts/login/", {"username": "college_admin", "password": "wrong"})
    assert response.status_code == 200
    assert "enter a correct" in response.content.decode().lower()
    assert AuditEntry.objects.filter(action="login_failed", actor_repr="college_admin").exists()


def test_it_locks_out_after_repeated_failures(users, settings):
    settings.AXES_FAILURE_LIMIT = 3
    client = Client()
    for _ in range(3):
        client.post("/accounts/login/", {"username": "student", "password": "wrong"})
    response = client.post("/accounts/login/", {"username": "student", "password": PASSWORD})
    assert response.status_code == 429
    assert "Too many failed logins" in response.content.decode()


def test_it_handles_a_bad_next_parameter(users):
    response = Client().post("/accounts/login/?next=https://evil.example/", {
        "username": "student", "password": PASSWORD, "next": "https://evil.example/"})
    assert response.status_code == 302
    assert response["Location"] == "/home/"


def test_passwords_are_hashed_with_argon2_in_production_settings():
    from django.conf import settings as django_settings

    from kasip import settings as kasip_settings

    assert kasip_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    assert django_settings.AUTH_USER_MODEL == "core.User"


def test_password_reset_sends_a_link_by_email(users):
    response = Client().post("/accounts/password-reset/", {"email": "student@example.kz"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/accounts/reset/" in mail.outbox[0].body


def test_logout_needs_a_post_and_ends_the_session(client_for):
    client = client_for("student")
    assert client.get("/home/").status_code == 200
    client.post("/accounts/logout/")
    assert client.get("/home/").status_code == 302
