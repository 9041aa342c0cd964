"""Every UI string exists in both languages, and every key the code asks for exists."""

import re
import string
from pathlib import Path

import pytest

from ui.i18n import STRINGS

ROOT = Path(__file__).resolve().parents[2]
CJK = re.compile(r"[\u3400-\u9fff\uff00-\uffef]")
SOURCES = [
    ROOT / "app.py",
    *sorted((ROOT / "pages").glob("*.py")),
    *sorted((ROOT / "ui").rglob("*.py")),
]


def fields(text):
    """The str.format placeholders ({value}, {n}); LaTeX groups like \\text{数据} are not."""
    names = {name for _, name, _, _ in string.Formatter().parse(text) if name}
    return sorted(n for n in names if re.fullmatch(r"[a-z_][a-z0-9_]*", n))


@pytest.mark.parametrize("key", sorted(STRINGS))
def test_both_languages_present_and_english_has_no_chinese(key):
    zh, en = STRINGS[key]
    assert zh.strip() and en.strip()
    assert not CJK.search(en), en
    assert fields(zh) == fields(en)


def test_every_literal_key_used_in_the_code_exists():
    used = set()
    for path in SOURCES:
        used |= set(re.findall(r"""\bt\(\s*["']([a-z_]+\.[a-z0-9_]+)["']""", path.read_text()))
    assert used, "no t() call found: the scan is broken"
    missing = sorted(used - set(STRINGS))
    assert not missing, missing
