"""The "Code job titles" page: paste titles, see their codes, suggestions, broader groups and notices."""

from __future__ import annotations

import pytest

from kasip.labour import coder_file
from kasip.labour.coder import REBUILD_COMMAND
from kasip.labour.models import Occupation

URL = "/occupations/code/"


@pytest.fixture
def occupations(db):
    for code, en, ru in (("7212", "Welders and flamecutters", "Сварщики и газорезчики"), ("5120", "Cooks", "Повара"),
                         ("2512", "Software developers", "Разработчики программного обеспечения")):
        Occupation.objects.create(code=code, level=4, title_en=en, title_ru=ru)


@pytest.fixture
def analyst(client_for):
    return client_for("analyst")


def test_it_shows_the_codes_of_pasted_titles(analyst, site_coder, occupations):
    pasted = "Требуется электрогазосварщик 5 разряда, вахта 15/15\n\nповар\r\nSoftware Engineer\n"
    response = analyst.post(URL, {"titles": pasted})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Требуется электрогазосварщик 5 разряда, вахта 15/15" in body
    assert '<a href="/occupations/7212/">7212</a> Welders and flamecutters' in body
    assert '<a href="/occupations/5120/">5120</a> Cooks' in body
    assert '<a href="/occupations/2512/">2512</a> Software developers' in body
    assert "3 titles: 3 coded" in body  # the blank line is not a title
    assert response.content.count(b"<tr>") == 4  # the header and three rows


def test_titles_are_shown_in_the_interface_language(analyst, site_coder, occupations, settings):
    analyst.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    body = analyst.post(URL, {"titles": "повар"}).content.decode()
    assert '<a href="/occupations/5120/">5120</a> Повара' in body


def test_it_shows_notices_and_broader_groups(analyst, site_coder, occupations):
    titles = ["-", "электрогазосварщик " * 20, "главный специалист"]
    response = analyst.post(URL, {"titles": "\n".join(titles)})
    body = response.content.decode()
    assert "cannot code: empty title" in body
    assert "title cut to 300 characters" in body
    result = site_coder.code(["главный специалист"])[0]
    if result.fallback:  # an unsure coding offers its broader group
        assert f'<a href="/occupations/{result.fallback}/">{result.fallback}</a>' in body


def test_more_than_1000_titles_are_refused(analyst, site_coder):
    response = analyst.post(URL, {"titles": "\n".join(f"повар {i}" for i in range(1001))})
    assert response.status_code == 422
    assert "At most 1000 titles at a time; you pasted 1001." in response.content.decode()


def test_an_empty_form_asks_for_titles(analyst, site_coder):
    response = analyst.post(URL, {"titles": " \n \n"})
    assert response.status_code == 422
    assert "Paste at least one job title." in response.content.decode()


def test_a_missing_coder_file_names_the_command_to_rebuild_it(analyst, settings, tmp_path):
    settings.KASIP_CODER_PATH = str(tmp_path / "none.pkl")
    coder_file.forget()
    response = analyst.post(URL, {"titles": "повар"})
    assert response.status_code == 503
    assert REBUILD_COMMAND in response.content.decode()


def test_every_role_may_use_it_and_the_public_is_sent_to_log_in(client_for, site_coder, occupations):
    assert client_for("student").post(URL, {"titles": "повар"}).status_code == 200
    response = client_for(None).get(URL)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_the_occupations_page_links_to_it_for_logged_in_users(client_for, db):
    assert URL.encode() in client_for("mentor").get("/occupations/").content
    assert URL.encode() not in client_for(None).get("/occupations/").content


def test_the_page_has_no_inline_script(analyst, site_coder, occupations):
    body = analyst.post(URL, {"titles": "повар"}).content.decode()
    assert "<script>" not in body and "onclick" not in body
