"""Which questions carry different formulas in Chinese and English (ui.content.formulas).

python -m scripts.formula_parity [TOPIC ...]
"""

from __future__ import annotations

import sys

from ui.content import content_path, formulas, parse_topic
from ui.topics import TOPICS


def differences(topic_id: str) -> list[tuple[str, set[str], set[str]]]:
    """(block id, formulas only in zh, only in en) for every block whose formulas differ."""
    zh = parse_topic(content_path(topic_id, "zh").read_text(encoding="utf-8"))
    en = parse_topic(content_path(topic_id, "en").read_text(encoding="utf-8"))
    out = []
    for a, b in zip((*zh.questions, *zh.quizzes), (*en.questions, *en.quizzes), strict=True):
        fa, fb = formulas(a.body), formulas(b.body)
        if fa != fb:
            out.append((a.id, fa - fb, fb - fa))
    return out


if __name__ == "__main__":
    total = 0
    for topic in TOPICS:
        if len(sys.argv) > 1 and topic.id not in sys.argv[1:]:
            continue
        for block, zh_only, en_only in differences(topic.id):
            total += 1
            print(f"{topic.id}/{block}\n  zh only: {sorted(zh_only)}\n  en only: {sorted(en_only)}")
    print(f"{total} blocks differ")
