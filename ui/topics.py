"""The app's topics: one Q&A file per language and one page each, in teaching order."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Topic:
    id: str  # also the name of content/<lang>/<id>.md, pages/<id>.py and its i18n title key
    icon: str

    @property
    def page_path(self) -> str:
        return f"pages/{self.id}.py"

    @property
    def built(self) -> bool:
        """A topic's page exists once its file does; the home page says "coming soon" until then."""
        return (ROOT / self.page_path).is_file()


TOPICS: tuple[Topic, ...] = (
    Topic("activations", ":material/show_chart:"),
    Topic("vanishing_gradients", ":material/trending_down:"),
    Topic("relu", ":material/call_made:"),
    Topic("overfitting", ":material/scatter_plot:"),
    Topic("dropout", ":material/grain:"),
    Topic("batch_norm", ":material/equalizer:"),
)

PLAYGROUND = Topic("playground", ":material/science:")

TOPIC_IDS: tuple[str, ...] = tuple(topic.id for topic in TOPICS)


def topic_by_id(topic_id: str) -> Topic:
    """The topic called ``topic_id``; ValueError for anything else (ids never come from paths)."""
    for topic in (*TOPICS, PLAYGROUND):
        if topic.id == topic_id:
            return topic
    raise ValueError(f"topic must be one of {', '.join(TOPIC_IDS)}; got {topic_id!r}")
