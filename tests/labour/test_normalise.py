"""Normalisation of job-ad titles, Russian lemmas and Kazakh detection (pure: no database)."""

from __future__ import annotations

import pytest

from kasip.labour.coder import analyse, clean, detect_language
from kasip.labour.coder.text import kazakh_stem, russian_lemma


@pytest.mark.parametrize(
    ("title", "tokens"),
    [
        ("Требуются электрогазосварщики 5 разряда, вахта 15/15", ["электрогазосварщик"]),
        ("СРОЧНО!!! Требуется повар, график 2/2", ["повар"]),
        ('Продавец(ица) в ТОО "Арман", з/п от 150 000 тг', ["продавец"]),
        ("Машинист экскаватора 4-5 разряда", ["машинист", "экскаватор"]),
        ("Ёлочный мастер", ["елочный", "мастер"]),
        ("Вакансия: бухгалтер (м/ж)", ["бухгалтер"]),
        ("Senior Software Engineers (m/f/d) - London", ["software", "engineer"]),
    ],
)
def test_the_ad_around_a_title_is_taken_away(title, tokens):
    assert analyse(title) == tokens


def test_a_driving_licence_category_is_kept_as_one_feature():
    assert analyse("Водитель категории С, вахта") == ["водитель", "кат_c"]
    assert analyse("водитель кат. D") == ["водитель", "кат_d"]


def test_abbreviations_of_ads_are_spelled_out():
    assert analyse("Медсестра") == analyse("медицинская сестра")
    assert analyse("ЭГС 5 разр.") == ["электрогазосварщик"]


def test_an_empty_or_punctuation_only_title_leaves_nothing():
    assert clean("") == "" and clean("!!! ---") == "" and analyse("5 разряда, 2/2") == []


def test_a_long_title_is_cut_to_300_characters():
    assert len(clean("слесарь " * 100)) <= 300


@pytest.mark.parametrize(
    ("word", "lemma"),
    [
        ("электрогазосварщики", "электрогазосварщик"),
        ("машинистов", "машинист"),
        ("экскаватора", "экскаватор"),
        ("подземного", "подземный"),
        ("горнорабочие", "горнорабочий"),
    ],
)
def test_russian_words_are_lemmatised(word, lemma):
    assert russian_lemma(word) == lemma


@pytest.mark.parametrize(
    ("title", "language"),
    [
        ("Дәнекерлеуші", "kk"),
        ("Жүргізуші керек", "kk"),
        ("аспаз", "kk"),  # no Kazakh letter: known word
        ("Сатушы", "kk"),
        ("экскаватор машинисі", "kk"),
        ("Машинист экскаватора", "ru"),
        ("Повар", "ru"),
        ("Sales assistant", "en"),
    ],
)
def test_kazakh_is_told_from_russian_and_english(title, language):
    assert detect_language(title) == language


def test_kazakh_endings_are_stripped_but_the_agentive_stays():
    assert kazakh_stem("жүргізушісі") == "жүргізуші"
    assert kazakh_stem("сатушылар") == "сатушы"
    assert kazakh_stem("машинисі") == "машинист"


def test_kazakh_typed_on_a_russian_keyboard_meets_its_proper_spelling():
    # ә → а, і → и, ү → у, қ → к ... as people type Kazakh without its letters
    assert analyse("жургизуши") == analyse("жүргізуші")
    assert analyse("мугалим") == analyse("мұғалім")
    assert analyse("мунай ондиру операторы") == analyse("мұнай өндіру операторы")
    assert analyse("экскаватор машиниси") == analyse("экскаватор машинисі")
    assert detect_language("есепши") == "kk"
    assert detect_language("тигинши") == "kk"


def test_a_russian_plural_ending_in_shi_stays_russian():
    assert detect_language("сварщики") == "ru"
    assert analyse("Требуются сварщики") == ["сварщик"]


def test_kazakh_driving_categories_come_before_the_word_санаты():
    assert analyse("Жүргізуші керек, В санаты") == ["жургизуши", "кат_b"]
    assert "кат_bc" in analyse("В, С санатты жүргізуші")


def test_a_title_after_a_dash_is_kept_when_the_words_before_it_are_only_noise():
    assert analyse("Internship - Junior Developer") == ["developer"]
    assert analyse("ВАКАНСИЯ - сварщик") == ["сварщик"]
    assert analyse("Sales assistant - London") == ["sales", "assistant"]


def test_english_function_words_do_not_count():
    assert analyse("Head of the Sales Department") == ["head", "sales", "department"]
