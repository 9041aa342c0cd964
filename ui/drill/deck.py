"""The drill's cards: every question (``<!-- q: -->``) and check-yourself quiz (``<!-- quiz: -->``)
of every registered topic, read by ui/content.py. A card's key, ``"<topic>/<id>"``, is the same
in both languages (the content test keeps the ids equal), so progress made in one language
counts in the other; a topic added to the registry joins the deck by itself."""

from __future__ import annotations

from dataclasses import dataclass

from ui.content import ContentError, load_topic
from ui.drill.store import card_key
from ui.topics import TOPICS

QUESTION = "q"
QUIZ = "quiz"


@dataclass(frozen=True)
class DeckCard:
    topic: str
    id: str
    kind: str  # QUESTION or QUIZ
    heading: str
    body: str
    page: str  # its topic's page (pages/<topic>.py)

    @property
    def key(self) -> str:
        return card_key(self.topic, self.id)


def deck(lang: str, topics: tuple[str, ...] | None = None) -> tuple[DeckCard, ...]:
    """The cards of ``topics`` (default: every built topic) in teaching order: each topic's
    questions, then its quizzes. A topic whose text cannot be read is left out (its page and
    home say why)."""
    cards: list[DeckCard] = []
    for topic in TOPICS:
        if not topic.built or (topics is not None and topic.id not in topics):
            continue
        try:
            text = load_topic(topic.id, lang)
        except ContentError:
            continue
        for kind, blocks in ((QUESTION, text.questions), (QUIZ, text.quizzes)):
            cards += [
                DeckCard(topic.id, b.id, kind, b.heading, b.body, topic.page_path) for b in blocks
            ]
    return tuple(cards)


def card_by_key(lang: str, key: str) -> DeckCard | None:
    return next((card for card in deck(lang) if card.key == key), None)
