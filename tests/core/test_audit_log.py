"""Every change (who, when, what, before and after) and every staff read of a personal record."""

from kasip.core.models import AuditEntry


def test_a_change_records_who_and_the_before_and_after(client_for, college):
    client = client_for("region_admin")
    data = {"bin": college.bin, "name_kk": college.name_kk, "name_ru": "Новое имя", "name_en": "",
            "district": college.district_id, "ownership": "state", "languages": ["kk", "ru"]}
    response = client.post(f"/colleges/{college.pk}/edit/", data)
    assert response.status_code == 302
    entry = AuditEntry.objects.filter(action="update", object_type="registry.college").latest("at")
    assert entry.actor.username == "region_admin"
    assert entry.changes["name_ru"] == ["Карагандинский политехнический колледж", "Новое имя"]
    assert "name_kk" not in entry.changes


def test_a_staff_read_of_a_personal_record_is_logged(client_for, users):
    client_for("college_admin").get(f"/users/{users['student'].pk}/")
    entry = AuditEntry.objects.get(action="read")
    assert entry.actor == users["college_admin"]
    assert entry.object_id == str(users["student"].pk)


def test_reading_ones_own_record_is_not_logged(client_for, users):
    client_for("student").get(f"/users/{users['student'].pk}/")
    assert not AuditEntry.objects.filter(action="read").exists()


def test_the_region_admin_filters_the_log(client_for, users, college):
    client_for("college_admin").get(f"/users/{users['student'].pk}/")
    client = client_for("region_admin")
    page = client.get("/audit/", {"action": "read"}).content.decode()
    assert "college_admin" in page
    page = client.get("/audit/", {"action": "read", "actor": "nobody"}).content.decode()
    assert "Nothing found." in page


def test_passwords_never_reach_the_log(users):
    user = users["student"]
    user.set_password("another-password-1")
    user.save()
    entry = AuditEntry.objects.filter(object_type="core.user", object_id=str(user.pk), action="update").latest("at")
    before, after = entry.changes["password"]
    assert before.startswith("***") and after.startswith("***") and before != after
    logged = str(list(AuditEntry.objects.values_list("changes", flat=True)))
    assert user.password not in logged and "another-password" not in logged
