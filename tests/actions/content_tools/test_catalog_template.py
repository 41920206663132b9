"""locales/responses.pot is current: it holds exactly what responses/ has to translate."""

from __future__ import annotations

from babel.messages.pofile import read_po

from actions.content.answers import iter_texts, load_content
from bot.settings import PROJECT_ROOT


def test_template_matches_the_answers() -> None:
    with (PROJECT_ROOT / "locales" / "responses.pot").open("rb") as handle:
        template = read_po(handle)
    in_template = {(m.context, m.id) for m in template if m.id}
    in_content = set(iter_texts(load_content()))
    assert in_template == in_content, "run `make pot` after changing responses/"
