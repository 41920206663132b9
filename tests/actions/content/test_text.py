from actions.content.text import normalize


def test_glottal_stop_spellings_match() -> None:
    assert normalize("kʼo") == normalize("k'o") == normalize("k’o") == normalize("k‘o")


def test_accents_are_optional() -> None:
    assert normalize("¿Dónde está el albergue? Ñandú") == "¿donde esta el albergue? nandu"


def test_length_is_preserved_so_entity_offsets_stay_valid() -> None:
    text = "Quiero hablar en Kʼicheʼ, por favor: ¡Sí!"
    assert len(normalize(text)) == len(text)
