"""A round's places change while it is open (page and API): approved places in no other round are added,
places are taken out; refused once the round is locked, for a place not approved or in another round."""

from django.test import Client

from kasip.core.services import create_api_token
from kasip.dual import services
from kasip.dual.models import PlaceStatus


def test_places_are_added_and_removed_on_the_round_page(client_for, make_place, college, deadline):
    inside, free, draft = make_place(title="Внутри"), make_place(title="Свободное"), make_place(
        title="Черновик", status=PlaceStatus.DRAFT)
    round_ = services.create_round(None, name="Весна", deadline=deadline, college=college, places=[inside])
    busy = make_place(title="Занятое")
    services.create_round(None, name="Другой", deadline=deadline, college=college, places=[busy])
    admin = client_for("dual_coordinator")
    body = admin.get(f"/rounds/{round_.pk}/").content.decode()
    options = body[body.index('id="add-places"'):]
    assert "Свободное" in options and "Занятое" not in options and "Черновик" not in options
    assert "Remove from the round" in body

    body = admin.post(f"/rounds/{round_.pk}/places/add/", {"places": [free.pk, busy.pk]}, follow=True).content.decode()
    assert "“Занятое” is already in the round “Другой”" in body
    assert set(round_.places.all()) == {inside}
    admin.post(f"/rounds/{round_.pk}/places/add/", {"places": [free.pk]})
    assert set(round_.places.all()) == {inside, free}
    body = admin.post(f"/rounds/{round_.pk}/places/add/", {"places": [draft.pk]}, follow=True).content.decode()
    assert "is not approved" in body
    admin.post(f"/rounds/{round_.pk}/places/{inside.pk}/remove/")
    assert set(round_.places.all()) == {free}

    services.lock_round(None, round_)
    body = admin.get(f"/rounds/{round_.pk}/").content.decode()
    assert "Remove from the round" not in body and 'id="add-places"' not in body
    body = admin.post(f"/rounds/{round_.pk}/places/{free.pk}/remove/", follow=True).content.decode()
    assert "can change only while it is open" in body and set(round_.places.all()) == {free}
    assert client_for("enterprise_hr").post(f"/rounds/{round_.pk}/places/add/",
                                            {"places": [inside.pk]}).status_code == 403


def test_a_rounds_places_through_the_api(users, make_place, college, deadline):
    key = create_api_token(users["college_admin"], "t")[1]
    client, headers = Client(), {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    a, b = make_place(), make_place()
    round_ = services.create_round(None, name="Весна", deadline=deadline, college=college, places=[a])

    def add(ids):
        return client.post(f"/api/v1/rounds/{round_.pk}/places", {"place_ids": ids}, content_type="application/json",
                           **headers)

    response = add([b.pk])
    assert response.status_code == 200 and response.json()["place_ids"] == sorted([a.pk, b.pk])
    response = add([b.pk])
    assert response.status_code == 422 and "already in this round" in response.json()["detail"][0]["msg"]
    assert response.json()["detail"][0]["loc"][-1] == "place_ids"
    response = add([99999999])
    assert response.status_code == 422 and "99999999" in response.json()["detail"][0]["msg"]
    assert add([]).status_code == 422
    response = client.delete(f"/api/v1/rounds/{round_.pk}/places/{a.pk}", **headers)
    assert response.status_code == 200 and response.json()["place_ids"] == [b.pk]
    assert client.delete(f"/api/v1/rounds/{round_.pk}/places/{a.pk}", **headers).status_code == 422
    services.lock_round(None, round_)
    response = client.delete(f"/api/v1/rounds/{round_.pk}/places/{b.pk}", **headers)
    assert response.status_code == 422 and "only while it is open" in response.json()["detail"][0]["msg"]
    assert add([a.pk]).status_code == 422
