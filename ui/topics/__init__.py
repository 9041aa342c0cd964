"""The registry of the app's topics, in teaching order: the one list that navigation, the
strings, the home page, the heap's imports, the benchmarks and the tests all read.

A topic ``<id>`` has its Q&A text in ``content/<lang>/<id>.md``, its computations in
``qa_core/labs/<id>/``, its strings, charts and experiments in ``ui/topics/<id>/`` and a
one-line page ``pages/<id>.py``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Topic:
    id: str  # the folder and file names above, and the prefix of its strings: t("<id>.<key>")
    icon: str

    @property
    def page_path(self) -> str:
        return f"pages/{self.id}.py"

    @property
    def text_path(self) -> Path:
        """Its strings (``t("<id>.<key>")``)."""
        return ROOT / "ui" / "topics" / self.id / "text.toml"

    @property
    def built(self) -> bool:
        """A topic's page exists once its file does; the home page says "coming soon" until then."""
        return (ROOT / self.page_path).is_file()


TOPICS: tuple[Topic, ...] = (
    Topic("activations", ":material/show_chart:"),
    Topic("vanishing_gradients", ":material/trending_down:"),
    Topic("relu", ":material/call_made:"),
    Topic("losses", ":material/functions:"),
    Topic("optimizers", ":material/speed:"),
    Topic("overfitting", ":material/scatter_plot:"),
    Topic("dropout", ":material/grain:"),
    Topic("batch_norm", ":material/equalizer:"),
    Topic("normalization", ":material/tune:"),
    Topic("residual", ":material/alt_route:"),
)

PLAYGROUND = Topic("playground", ":material/science:")

ALL_TOPICS: tuple[Topic, ...] = (*TOPICS, PLAYGROUND)
TOPIC_IDS: tuple[str, ...] = tuple(topic.id for topic in TOPICS)


def topic_by_id(topic_id: str) -> Topic:
    """The topic called ``topic_id``; ValueError for anything else (ids never come from paths)."""
    for topic in ALL_TOPICS:
        if topic.id == topic_id:
            return topic
    raise ValueError(f"topic must be one of {', '.join(TOPIC_IDS)}; got {topic_id!r}")
