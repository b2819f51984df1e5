"""The coding queue: an analyst confirms, corrects or skips the coder's suggestions for the titles it was unsure
of, adds titles, and is refused nothing the region admin may do; nobody else sees the queue."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kasip.core.models import AuditEntry
from kasip.labour import coder_file, services
from kasip.labour.models import CodingItem, CodingStatus, Occupation
from tests.labour.coding_fixtures import tiny_coder, unit_groups  # noqa: F401  (fixtures)

QUEUE = "/occupations/coding/"


@pytest.fixture
def analyst_client(client_for, unit_groups, tiny_coder):  # noqa: F811
    return client_for("analyst")


@pytest.fixture
def master(users, unit_groups, tiny_coder):  # noqa: F811
    """“Мастер смены”: the tiny coder hesitates between 5142 and 3122."""
    services.enqueue_titles(["Мастер смены"], source="vacancy", actor=users["analyst"])
    return CodingItem.objects.get(title="Мастер смены")


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


def test_an_analyst_sees_the_titles_the_coder_is_unsure_of_with_three_suggestions(analyst_client):
    response = analyst_client.post(f"{QUEUE}add/", {"titles": "Мастер смены\nсварщик\nкочегар\n\n...", "next": QUEUE},
                                   follow=True)
    assert "4 titles: 1 coded, 2 added to the queue, 0 already in it, 1 with nothing to code." in \
        messages_of(response)
    body = response.content.decode()
    assert "Мастер смены" in body and "кочегар" in body
    assert "сварщик" not in body.split('id="coding-items"')[1]  # the coder is sure of it: not queued
    master = CodingItem.objects.get(title="Мастер смены")
    assert [s["code"] for s in master.suggestions] == ["5142", "3122", "3313"]
    for code in ("5142", "3122", "3313"):
        assert f"{code} {Occupation.objects.get(code=code).title_en}" in body
    assert 'data-key="1"' in body and 'data-key="2"' in body and 'data-key="3"' in body
    assert "labour/coding_queue.js" in body  # the keys
    assert response.context["counts"]["pending"] == 2


def test_confirming_the_first_suggestion_codes_the_title_and_is_audited(analyst_client, master, users):
    response = analyst_client.post(f"{QUEUE}{master.pk}/code/", {"code": "5142", "next": QUEUE}, follow=True)
    master.refresh_from_db()
    assert master.status == CodingStatus.CONFIRMED and master.occupation.code == "5142"
    assert master.coded_by == users["analyst"] and master.coded_at is not None
    title = Occupation.objects.get(code="5142").title_en
    assert f"“Мастер смены”: confirmed as 5142 {title}." in messages_of(response)
    entry = AuditEntry.objects.get(object_type="labour.codingitem", object_id=str(master.pk))
    assert entry.actor == users["analyst"]
    assert entry.changes == {"status": ["pending", "confirmed"], "code": ["5142", "5142"]}
    assert "Мастер смены" not in response.content.decode().split('id="coding-items"')[1]  # left the queue


def test_correcting_with_another_code_records_the_old_suggestion_and_the_new_code(analyst_client, master, users):
    response = analyst_client.post(f"{QUEUE}{master.pk}/code/", {"code": " 3122 ", "next": QUEUE}, follow=True)
    master.refresh_from_db()
    assert master.status == CodingStatus.CORRECTED and master.occupation.code == "3122"
    assert any(m.startswith("“Мастер смены”: corrected to 3122") for m in messages_of(response))
    entry = AuditEntry.objects.get(object_type="labour.codingitem", object_id=str(master.pk))
    assert entry.changes == {"status": ["pending", "corrected"], "code": ["5142", "3122"]}


def test_the_second_suggestion_is_a_correction_too(analyst_client, master):
    analyst_client.post(f"{QUEUE}{master.pk}/code/", {"code": "3122"})
    master.refresh_from_db()
    assert master.status == CodingStatus.CORRECTED


@pytest.mark.parametrize(("code", "message"), [
    ("", "ISCO-08 code: Give the ISCO-08 unit group: 4 digits, e.g. 7212."),
    ("72", "ISCO-08 code: “72” is not an ISCO-08 unit group: give 4 digits, e.g. 7212."),
    ("721", "ISCO-08 code: “721” is not an ISCO-08 unit group: give 4 digits, e.g. 7212."),
    ("9999", "ISCO-08 code: There is no ISCO-08 unit group 9999."),
])
def test_a_bad_code_is_refused_naming_the_field(analyst_client, master, code, message):
    response = analyst_client.post(f"{QUEUE}{master.pk}/code/", {"code": code, "next": f"{QUEUE}?page=1"})
    assert response.status_code == 302 and response["Location"] == f"{QUEUE}?page=1&item={master.pk}"
    response = analyst_client.get(response["Location"])
    assert message in messages_of(response)
    assert response.context["current"] == master.pk  # the title stays current
    master.refresh_from_db()
    assert master.status == CodingStatus.PENDING and master.occupation is None


def test_the_service_names_the_field_of_a_bad_code(master, users):
    with pytest.raises(ValidationError) as caught:
        services.confirm_coding(users["analyst"], master, "12a4")
    assert list(caught.value.message_dict) == ["code"]


def test_skipping_sets_a_title_aside(analyst_client, master):
    response = analyst_client.post(f"{QUEUE}{master.pk}/skip/", {"next": QUEUE}, follow=True)
    master.refresh_from_db()
    assert master.status == CodingStatus.SKIPPED
    assert "“Мастер смены” was set aside." in messages_of(response)
    assert response.context["items"] == []
    skipped = analyst_client.get(f"{QUEUE}?status=skipped")
    assert [i.pk for i in skipped.context["items"]] == [master.pk]
    # a skipped title can still be coded from there
    analyst_client.post(f"{QUEUE}{master.pk}/code/", {"code": "3122"})
    master.refresh_from_db()
    assert master.status == CodingStatus.CORRECTED


def test_a_coded_title_is_not_skipped(master, users):
    services.confirm_coding(users["analyst"], master, "5142")
    with pytest.raises(ValidationError, match="already coded"):
        services.skip_coding(users["analyst"], master)


def test_the_same_title_twice_is_one_item_counting_both_ads(users, unit_groups, tiny_coder):  # noqa: F811
    summary = services.enqueue_titles(["Мастер смены", "мастер  смены!"], source="vacancy", actor=users["analyst"])
    assert summary["queued"] == 2 and summary["new_items"] == 1
    item = CodingItem.objects.get()
    assert item.count == 2 and item.normalised == "мастер"
    summary = services.enqueue_titles(["МАСТЕР"], source="import", counts=[3])
    assert summary["already_queued"] == 3
    item.refresh_from_db()
    assert item.count == 5 and item.source == "vacancy"  # the first source stays


def test_a_coded_title_seen_again_counts_as_coded(master, users):
    services.confirm_coding(users["analyst"], master, "3122")
    summary = services.enqueue_titles(["мастер смены"], source="vacancy")
    assert summary["coded"] == 1 and summary["queued"] == 0
    master.refresh_from_db()
    assert master.count == 2 and master.status == CodingStatus.CORRECTED


def test_the_most_frequent_and_least_sure_come_first(analyst_client, users):
    services.enqueue_titles(["кочегар", "Мастер смены", "водитель"], source="vacancy", counts=[1, 4, 4])
    order = [i.title for i in analyst_client.get(QUEUE).context["items"]]
    assert order == ["Мастер смены", "водитель", "кочегар"]  # 4 ads (0.52 before 0.55), then 1 ad


def test_after_coding_the_next_title_becomes_current(analyst_client, users):
    services.enqueue_titles(["кочегар", "Мастер смены", "водитель"], source="vacancy", counts=[1, 4, 4])
    page = analyst_client.get(QUEUE)
    first, second = page.context["items"][:2]
    assert page.context["current"] == first.pk
    response = analyst_client.post(f"{QUEUE}{first.pk}/code/", {"code": "3122", "next": QUEUE, "then": second.pk})
    assert response["Location"] == f"{QUEUE}?item={second.pk}"


def test_a_college_admin_is_refused_and_the_public_is_sent_to_log_in(client_for, master):
    for role in ("college_admin", "student", "enterprise_hr"):
        assert client_for(role).get(QUEUE).status_code == 403
        assert client_for(role).post(f"{QUEUE}{master.pk}/code/", {"code": "3122"}).status_code == 403
    response = client_for(None).get(QUEUE)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    master.refresh_from_db()
    assert master.status == CodingStatus.PENDING


def test_services_refuse_other_roles(master, users):
    for role in ("college_admin", "customer", "mentor"):
        with pytest.raises(PermissionDenied):
            services.confirm_coding(users[role], master, "3122")
        with pytest.raises(PermissionDenied):
            services.enqueue_titles(["сварщик"], source="manual", actor=users[role])


def test_the_occupations_page_links_the_queue_for_those_allowed(client_for, unit_groups):  # noqa: F811
    assert QUEUE in client_for("analyst").get("/occupations/").content.decode()
    assert QUEUE not in client_for("college_admin").get("/occupations/").content.decode()
    assert QUEUE not in client_for(None).get("/occupations/").content.decode()


def test_without_the_coder_file_titles_cannot_be_added(client_for, unit_groups, settings, tmp_path):  # noqa: F811
    settings.KASIP_CODER_PATH = str(tmp_path / "missing.pkl")
    coder_file.forget()
    response = client_for("analyst").post(f"{QUEUE}add/", {"titles": "кочегар"}, follow=True)
    assert any(m.startswith("The occupation coder is not available: coder file") for m in messages_of(response))
    assert "The coder's file is not built yet" in response.content.decode()
    assert not CodingItem.objects.exists()


def test_adding_nothing_or_too_much_is_refused(analyst_client):
    response = analyst_client.post(f"{QUEUE}add/", {"titles": "  \n "}, follow=True)
    assert "Titles: paste at least one job title, one per line." in messages_of(response)
    response = analyst_client.post(f"{QUEUE}add/", {"titles": "\n".join(["сварщик"] * 1001)}, follow=True)
    assert "Titles: at most 1000 at a time (you pasted 1001)." in messages_of(response)


def test_the_return_address_stays_on_the_queue(analyst_client, master):
    response = analyst_client.post(f"{QUEUE}{master.pk}/skip/", {"next": "https://evil.example/"})
    assert response["Location"] == QUEUE


# --- the API -----------------------------------------------------------------------------------------------
@pytest.fixture
def api_client(users, unit_groups, tiny_coder):  # noqa: F811
    from django.test import Client

    from kasip.core.services import create_api_token

    _token, key = create_api_token(users["analyst"], "queue")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {key}")

    def call(method, path, body=None):
        return getattr(client, method)(f"/api/v1{path}", body, content_type="application/json")

    return call


def test_the_api_adds_titles_and_lists_the_queue_with_suggestions(api_client):
    response = api_client("post", "/coder/queue", {"titles": ["Мастер смены", "сварщик", "мастер смены", " "],
                                                  "source": "vacancy", "source_ref": "enbek-2026-11"})
    assert response.status_code == 200
    assert response.json() == {"titles": 4, "coded": 1, "queued": 2, "already_queued": 0, "cannot_code": 1,
                               "new_items": 1}
    listing = api_client("get", "/coder/queue").json()
    assert listing["count"] == 1
    item = listing["items"][0]
    assert item["title"] == "Мастер смены" and item["count"] == 2 and item["source_ref"] == "enbek-2026-11"
    assert [s["code"] for s in item["suggestions"]] == ["5142", "3122", "3313"]
    assert item["suggestions"][1]["title"] == Occupation.objects.get(code="3122").title_en
    assert item["status"] == "pending" and item["code"] is None


def test_the_api_codes_and_skips(api_client, master):
    response = api_client("post", f"/coder/queue/{master.pk}", {"code": "3122"})
    assert response.status_code == 200
    assert response.json()["status"] == "corrected" and response.json()["code"] == "3122"
    other = CodingItem.objects.create(title="кочегар", normalised="кочегар", source="api")
    response = api_client("post", f"/coder/queue/{other.pk}", {"skip": True})
    assert response.status_code == 200 and response.json()["status"] == "skipped"
    assert api_client("get", "/coder/queue?status=skipped").json()["count"] == 1
    assert api_client("post", "/coder/queue/999999", {"code": "3122"}).status_code == 404


@pytest.mark.parametrize(("body", "field"), [
    ({"titles": []}, "titles"),
    ({"titles": ["сварщик"] * 1001}, "titles"),
    ({"titles": "сварщик"}, "titles"),
    ({"titles": ["сварщик"], "source": "telepathy"}, "source"),
    ({"titles": ["сварщик"], "source_ref": "x" * 301}, "source_ref"),
])
def test_the_api_refuses_bad_titles_naming_the_field(api_client, body, field):
    response = api_client("post", "/coder/queue", body)
    assert response.status_code == 422
    assert field in [str(p) for e in response.json()["detail"] for p in e["loc"]]


@pytest.mark.parametrize(("body", "field"), [
    ({}, "code"),
    ({"code": "72"}, "code"),
    ({"code": "9999"}, "code"),
    ({"code": "3122", "skip": True}, "skip"),
    ({"code": "x" * 21}, "code"),
])
def test_the_api_refuses_a_bad_coding_naming_the_field(api_client, master, body, field):
    response = api_client("post", f"/coder/queue/{master.pk}", body)
    assert response.status_code == 422
    assert field in [str(p) for e in response.json()["detail"] for p in e["loc"]]
    master.refresh_from_db()
    assert master.status == CodingStatus.PENDING


def test_the_api_answers_503_without_the_coder_file(api_client, settings, tmp_path):
    settings.KASIP_CODER_PATH = str(tmp_path / "missing.pkl")
    coder_file.forget()
    response = api_client("post", "/coder/queue", {"titles": ["кочегар"]})
    assert response.status_code == 503 and "coder file" in response.json()["detail"]


# --- the demo ----------------------------------------------------------------------------------------------
def test_the_demo_puts_job_ad_titles_the_coder_is_unsure_of_in_the_queue(db, site_coder):
    import time

    from kasip.demo.loader import DEMO_ADS, load_coding_queue

    started = time.monotonic()
    created = load_coding_queue()
    assert time.monotonic() - started < 5
    items = CodingItem.objects.filter(source_ref=DEMO_ADS)
    assert created == items.count() >= 30  # dozens waiting for the demo's analyst
    assert set(items.values_list("source", flat=True)) == {"vacancy"}
    assert items.filter(language="kk").exists() and items.filter(language="ru").exists()
    assert all(len(i.suggestions) == 3 for i in items if i.suggestions)
    merged = items.filter(normalised="мастер").first()  # "Мастер смены" and "Сменный мастер", if unsure
    assert merged is None or merged.count == 23 + 9
    assert load_coding_queue() == 0  # a second load adds nothing
    assert items.count() == created


def test_the_demo_skips_the_queue_without_the_coder_file(db, settings, tmp_path):
    from kasip.demo.loader import load_coding_queue

    settings.KASIP_CODER_PATH = str(tmp_path / "missing.pkl")
    coder_file.forget()
    assert load_coding_queue() == 0 and not CodingItem.objects.exists()
