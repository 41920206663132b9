"""The scrubber takes personal data out of questions before staff see them as examples:
phone numbers, emails, URLs, document numbers and names, in Spanish, English and
K'iche' (K'iche' sentences written by the team, with ../shared/data/kiche as a
vocabulary reference), and leaves ordinary questions alone."""

from __future__ import annotations

import csv
import re

import pytest

from bot.analytics.scrubber import MARK, scrub
from bot.analytics.words import parse_words
from tests.bench.lang_measure import KICHE_FILE


def assert_removed(text: str, *personal: str) -> str:
    scrubbed = scrub(text)
    for value in personal:
        assert value not in scrubbed, f"{value!r} left in {scrubbed!r}"
    assert MARK in scrubbed
    return scrubbed


@pytest.mark.parametrize(
    "text, phone",
    [
        ("Llámame al +52 55 1234 5678 por favor", "+52 55 1234 5678"),
        ("mi cel es 5512345678, me pueden llamar?", "5512345678"),
        ("mi número de Guatemala es 2222-3333", "2222-3333"),
        ("en Honduras me encuentran al +504 9876-5432", "9876-5432"),
        ("mi tia en San Salvador: 7012 3456", "7012 3456"),
        ("call my cousin at (202) 555-0147 tonight", "(202) 555-0147"),
        ("my number is +1 202 555 0147", "202 555 0147"),
        ("text me 202.555.0147", "202.555.0147"),
        ("llamé al 555-0147 y nadie contesta", "555-0147"),
        ("chaʼtzijoj chwe pa 4455 6677", "4455 6677"),
    ],
)
def test_phone_numbers_are_removed(text: str, phone: str) -> None:
    scrubbed = assert_removed(text, phone)
    assert not re.search(r"\d{3}", scrubbed)


@pytest.mark.parametrize(
    "text, value",
    [
        ("escríbeme a rosa.perez@gmail.com si saben algo", "rosa.perez@gmail.com"),
        ("my email is john_smith+senda@example.org", "john_smith+senda@example.org"),
        ("búscame en telegram como @rosita_22", "@rosita_22"),
        ("vi en https://www.facebook.com/groups/123 que la frontera abre", "facebook.com"),
        ("¿es real www.visas-faciles.com?", "visas-faciles.com"),
        ("me mandaron el link bit.ly/3xYzAb para la cita", "bit.ly/3xYzAb"),
        ("is uscis.gov/es/formularios the right page?", "uscis.gov"),
        ("la cita me la dieron en t.me/citas_cbp", "t.me/citas_cbp"),
    ],
)
def test_emails_handles_and_urls_are_removed(text: str, value: str) -> None:
    assert_removed(text, value)


@pytest.mark.parametrize(
    "text, document",
    [
        ("mi DPI es 2546 78901 0101 y lo perdí", "2546 78901 0101"),
        ("DPI 2546789010101", "2546789010101"),
        ("mi CURP es GOMR900101MGTRRS09", "GOMR900101MGTRRS09"),
        ("my A-number is A123456789", "A123456789"),
        ("a-number: A-212-345-678", "212-345-678"),
        ("pasaporte G12345678 vencido", "G12345678"),
        ("mi DUI es 01234567-8", "01234567-8"),
        ("DNI 0801-1990-12345 de Honduras", "0801-1990-12345"),
        ("my SSN 123-45-6789", "123-45-6789"),
        ("nací el 15/03/1990, soy menor?", "15/03/1990"),
    ],
)
def test_numbers_that_look_like_documents_are_removed(text: str, document: str) -> None:
    assert_removed(text, document)


@pytest.mark.parametrize(
    "text, name",
    [
        ("Me llamo Juan Pérez y quiero pedir asilo", "Juan Pérez"),
        ("me llamo juan perez quiero saber del asilo", "juan perez"),
        ("hola me llamo maria", "maria"),
        ("Mi nombre es María José López García, ¿cómo pido refugio?", "María José López García"),
        ("mi nombre es: Rosa Elena", "Rosa Elena"),
        ("Soy María de la Cruz y tengo 2 hijos", "María de la Cruz"),
        ("Soy Ana, necesito un albergue", "Ana"),
        ("mi hijo se llama Kevin y se quedó en la frontera", "Kevin"),
        ("My name is John Smith, I need a lawyer", "John Smith"),
        ("my name is john smith and i need a lawyer", "john smith"),
        ("I'm Maria from Guatemala", "Maria"),
        ("Hi, I am Carlos. Where is the shelter?", "Carlos"),
        ("Nu bʼiʼ Xwan Tzoc, kwaj kinbʼe pa ri norte", "Xwan Tzoc"),
        ("nu b'i' xwan, jawiʼ kʼo ri albergue", "xwan"),
        ("nu b’i’ Ixchel, la kʼo jun abogado", "Ixchel"),
        ("nu bi Tomas, kinkʼam ri nukʼajol", "Tomas"),
        ("nu biʼ Lucia", "Lucia"),
        ("nubi Kʼiche Tzul", "Tzul"),
        ("Xwan Tzoc nubʼiʼ, jas kinbʼan pa ri frontera", "Xwan Tzoc"),
        ("Ixchel nu bi, la kʼo albergue", "Ixchel"),
        ("ri nubʼiʼ are Tomas Ajpop", "Tomas Ajpop"),
    ],
)
def test_names_are_removed(text: str, name: str) -> None:
    assert_removed(text, name)


@pytest.mark.parametrize(
    "text",
    [
        "soy de Honduras, ¿qué papeles necesito?",
        "Soy hondureña y tengo 17 años",
        "Soy Guatemalteco, puedo pedir asilo en México?",
        "soy menor de edad y estoy solo",
        "I'm from Guatemala, can I apply for asylum?",
        "I am scared, they took my passport",
        "mi nombre no aparece en la lista de la cita",
        "¿cómo se llama la oficina de asilo en Tapachula?",
        "ri nubʼiʼ man kʼo ta pa ri lista",
        "jas ubʼiʼ ri oficina rech asilo",
    ],
)
def test_name_phrases_without_a_name_are_left_alone(text: str) -> None:
    assert scrub(text) == text


@pytest.mark.parametrize(
    "text",
    [
        "¿Cuánto cuesta el boleto de autobús a Tapachula?",
        "tengo 2 hijos de 5 y 7 años, podemos pedir asilo juntos?",
        "tengo 17 años y viajo solo",
        "¿Qué es el formulario I-589 y el DS-160?",
        "¿Sigue el programa CBP One en 2025?",
        "pagué 8000 dólares al coyote y me dejó",
        "me piden $5,000 por la visa, es real?",
        "la cita es a las 10:30 en la calle 5",
        "vivo en el CP 30700 de Tapachula",
        "where can I sleep tonight in Reynosa?",
        "is TPS for Honduras still valid in 2025?",
        "how much is the bus ticket, 300 pesos?",
        "jawiʼ kʼo jun albergue pa Tapachula",
        "la kʼo jun abogado rech asilo pa Xelajuʼ",
        "kablajuj nujunabʼ, kinbʼe nutukel pa ri norte",
        "la utz kinbʼe rukʼ ri coyote",
    ],
)
def test_ordinary_questions_come_out_unchanged(text: str) -> None:
    assert scrub(text) == text


def test_several_kinds_in_one_message_all_go() -> None:
    text = (
        "Me llamo Rosa Pérez, mi cel es +502 5555-1234 y mi correo rosa@example.com; "
        "vi en www.citas-usa.com que cobran 300 dólares"
    )
    scrubbed = assert_removed(text, "Rosa", "Pérez", "5555-1234", "rosa@example.com", "citas-usa")
    assert (
        scrubbed == f"Me llamo {MARK}, mi cel es {MARK} y mi correo {MARK}; vi en {MARK} "
        "que cobran 300 dólares"
    )


def test_real_kiche_sentences_lose_only_names() -> None:
    """On the real K'iche' sentences (and their Spanish translations), the scrubber
    touches only sentences that name someone (bʼiʼ, "se llama")."""
    if not KICHE_FILE.exists():
        pytest.skip(f"{KICHE_FILE} is absent (../shared/data/kiche)")
    with KICHE_FILE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    texts = [row.get(column) or "" for row in rows for column in ("quc", "spa")]
    changed = [text for text in texts if scrub(text) != text]
    assert len(texts) > 1000
    naming = re.compile(r"bʼ?i|se llama", re.IGNORECASE)
    assert changed and all(naming.search(text) for text in changed), changed
    assert len(changed) < 20


def test_a_yes_or_no_read_as_a_boolean_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="put it in quotes"):
        parse_words({"stop_words": {"es": ["de", False]}})
