"""POST /api/v1/coder/code: job titles in, ISCO-08 unit groups with titles in the asked language out."""

from __future__ import annotations

import pytest

from kasip.core.services import create_api_token
from kasip.labour import coder_file
from kasip.labour.coder import REBUILD_COMMAND
from kasip.labour.models import Occupation

URL = "/api/v1/coder/code"
WELDER_AD = "Требуется электрогазосварщик 5 разряда, вахта 15/15"
TITLES = {  # code: (en, ru, kk)
    "7212": ("Welders and flamecutters", "Сварщики и газорезчики", "Дәнекерлеушілер және газбен кесушілер"),
    "5120": ("Cooks", "Повара", "Аспазшылар"),
    "2512": ("Software developers", "Разработчики программного обеспечения",
             "Бағдарламалық қамтамасыз етуді әзірлеушілер"),
    "8322": ("Car, taxi and van drivers", "Водители легковых автомобилей, такси и фургонов",
             "Жеңіл автомобиль, такси және фургон жүргізушілері"),
}


@pytest.fixture
def occupations(db):
    for code, (en, ru, kk) in TITLES.items():
        Occupation.objects.create(code=code, level=4, title_en=en, title_ru=ru, title_kk=kk)


@pytest.fixture
def api(users, site_coder, occupations):
    """A client calling the API with the analyst's token."""
    from django.test import Client

    _token, key = create_api_token(users["analyst"], "coder")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {key}")

    def post(body, lang: str | None = None, **extra):
        url = URL + (f"?lang={lang}" if lang else "")
        return client.post(url, body, content_type="application/json", **extra)

    return post


def messages(response) -> str:
    return " ".join(e["msg"] for e in response.json()["detail"])


def test_it_returns_the_top_three_with_titles_in_russian_kazakh_and_english(api):
    for lang, column in (("ru", 1), ("kk", 2), ("en", 0)):
        response = api({"titles": [WELDER_AD, "повар"]}, lang=lang)
        assert response.status_code == 200, response.content
        welder, cook = response.json()["results"]
        assert welder["code"] == "7212" and cook["code"] == "5120"
        assert welder["candidates"][0] == {"code": "7212", "title": TITLES["7212"][column],
                                           "confidence": welder["candidates"][0]["confidence"]}
        assert cook["candidates"][0]["title"] == TITLES["5120"][column]
        assert len(welder["candidates"]) == 3
        assert welder["language"] == "ru" and welder["kept"] is False and welder["notice"] == ""


def test_the_titles_follow_the_sites_language_cookie(api, settings):
    response = api({"titles": ["аспаз"]}, HTTP_COOKIE=f"{settings.LANGUAGE_COOKIE_NAME}=kk")
    assert response.json()["results"][0]["candidates"][0]["title"] == "Аспазшылар"
    response = api({"titles": ["аспаз"]}, HTTP_ACCEPT_LANGUAGE="ru-RU,ru;q=0.9")
    assert response.json()["results"][0]["candidates"][0]["title"] == "Повара"


def test_k_sets_the_number_of_candidates(api):
    response = api({"titles": ["Software Engineer"], "k": 5}, lang="en")
    result = response.json()["results"][0]
    assert result["code"] == "2512" and result["language"] == "en"
    assert len(result["candidates"]) == 5
    assert result["candidates"][0]["title"] == "Software developers"


def test_confidences_are_probabilities_and_the_answer_is_deterministic(api):
    titles = [WELDER_AD, "повар", "аспаз", "сатушы-кассир", "Software Engineer", "главный специалист"]
    first = api({"titles": titles}).json()
    assert api({"titles": titles}).json() == first
    for result in first["results"]:
        assert 0 <= result["confidence"] <= 1
        assert all(0 <= c["confidence"] <= 1 for c in result["candidates"])
        assert result["sure"] is (result["code"] is not None and result["fallback"] is None)
        if result["fallback"]:
            assert result["code"].startswith(result["fallback"]["code"])
    assert first["results"][3]["code"] in ("5223", "5230")


def test_a_title_that_comes_with_its_code_keeps_it(api):
    response = api({"titles": [{"title": "мастер смены", "code": "7212"}, "повар"]}, lang="ru")
    kept, coded = response.json()["results"]
    assert kept["code"] == "7212" and kept["kept"] is True and kept["confidence"] == 1 and kept["sure"] is True
    assert kept["candidates"] == [{"code": "7212", "title": "Сварщики и газорезчики", "confidence": 1.0}]
    assert coded["kept"] is False and coded["code"] == "5120"


def test_an_unknown_code_is_refused_naming_the_item(api):
    response = api({"titles": ["повар", "сварщик", "водитель", {"title": "оператор", "code": "9999"}]})
    assert response.status_code == 422
    assert "titles[3].code" in messages(response) and "9999" in messages(response)
    assert response.json()["detail"][0]["loc"] == ["body", "titles", "3", "code"]


def test_a_code_that_is_not_four_digits_is_refused_naming_the_item(api):
    response = api({"titles": [{"title": "оператор", "code": "72"}]})
    assert response.status_code == 422
    assert "titles[0].code" in messages(response)


def test_a_batch_over_1000_titles_is_refused_naming_the_limit(api):
    response = api({"titles": ["повар"] * 1001})
    assert response.status_code == 422
    assert "1000" in messages(response) and "1001" in messages(response)


def test_an_empty_batch_is_refused(api):
    assert api({"titles": []}).status_code == 422


@pytest.mark.parametrize("bad,kind", [(42, "number"), (None, "null"), (["повар"], "list"), ({"code": "7212"}, "title")])
def test_an_item_that_is_no_title_is_refused_naming_its_index(api, bad, kind):
    response = api({"titles": ["повар", "сварщик", bad]})
    assert response.status_code == 422
    assert "titles[2]" in messages(response) and kind in messages(response)


def test_k_out_of_range_is_refused(api):
    assert api({"titles": ["повар"], "k": 11}).status_code == 422
    assert api({"titles": ["повар"], "k": 0}).status_code == 422


def test_an_empty_title_gets_a_notice_instead_of_a_code(api):
    result = api({"titles": ["   "]}).json()["results"][0]
    assert result["code"] is None and result["candidates"] == [] and result["sure"] is False
    assert result["notice"] == "cannot code: empty title"


def test_a_title_over_300_characters_is_cut_with_a_notice(api):
    long_title = ("электрогазосварщик " * 20)[:301]
    assert len(long_title) == 301
    result = api({"titles": [long_title]}).json()["results"][0]
    assert result["notice"] == "title cut to 300 characters"
    assert result["code"] == "7212" and result["title"] == long_title


def test_a_missing_coder_file_answers_503_with_the_command_to_rebuild_it(api, settings, tmp_path):
    settings.KASIP_CODER_PATH = str(tmp_path / "none.pkl")
    coder_file.forget()
    response = api({"titles": ["повар"]})
    assert response.status_code == 503
    assert REBUILD_COMMAND in response.json()["detail"]
    assert not (tmp_path / "none.pkl").exists()  # a request never builds it


def test_a_corrupt_coder_file_answers_503(api, settings, tmp_path):
    bad = tmp_path / "bad.pkl"
    bad.write_bytes(b"not a pickle")
    settings.KASIP_CODER_PATH = str(bad)
    coder_file.forget()
    response = api({"titles": ["повар"]})
    assert response.status_code == 503
    assert "make coder" in response.json()["detail"]


def test_anonymous_callers_get_401(db, site_coder):
    from django.test import Client

    response = Client().post(URL, {"titles": ["повар"]}, content_type="application/json")
    assert response.status_code == 401


def test_a_logged_in_user_codes_through_the_session(client_for, site_coder, occupations):
    response = client_for("student").post(URL, {"titles": ["повар"]}, content_type="application/json")
    assert response.status_code == 200
    assert response.json()["results"][0]["code"] == "5120"


def test_the_titles_of_all_candidates_come_in_one_query(api, django_assert_max_num_queries):
    titles = [WELDER_AD, "повар", "аспаз", "водитель такси", "Software Engineer"] * 20
    with django_assert_max_num_queries(3):  # the token's user, its last use, the titles
        response = api({"titles": titles})
    assert response.status_code == 200
