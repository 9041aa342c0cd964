"""The security settings a classroom server relies on, and the code rules that keep them true.

Config (.streamlit/config.toml, shipped in the image, not overridden by a launcher): XSRF
protection on, no usage statistics, no error details in the browser, uploads off in practice
(a small maxUploadSize and one upload widget: the drill's progress import, read in memory as
JSON and validated), no remote resource and no secret.

Code (app.py, pages/, ui/), read with ``ast``:
- Raw HTML rule: a call that passes ``unsafe_allow_html`` (anything but a literal False), and
  st.html / components.html / components.iframe, may only render a string literal or
  ``t("<key>")`` without fields: both are text the project wrote. Anything computed (an
  f-string, a variable, ``t()`` with fields, concatenation) could carry a URL value or widget
  input into the page's HTML, and fails.
- Remote-resource rule: nothing the app renders embeds a resource from another host: no
  http(s) URL in the app's code strings at all, and in the Q&A text and strings (content/, ui/**/*.toml)
  a URL only as a link (to a paper), never as an image, a tag's src, a stylesheet or a frame.
"""

import ast
import functools
import re
import tomllib
from pathlib import Path

from tests.app.conftest import ROOT
from ui.content import content_path
from ui.i18n import LANGS
from ui.topics import TOPICS

CONFIG = ROOT / ".streamlit" / "config.toml"
LAUNCHERS = [ROOT / "Makefile", *sorted((ROOT / "deploy").iterdir()),
             *sorted((ROOT / "scripts").glob("*.py"))]  # fmt: skip
CODE = [
    ROOT / "app.py",
    *sorted((ROOT / "pages").glob("*.py")),
    *sorted((ROOT / "ui").rglob("*.py")),
]
TEXT = [*sorted((ROOT / "ui").rglob("*.toml")), *sorted((ROOT / "content").rglob("*.md"))]
REVIEWED = {  # option -> its environment-variable form
    "server.enableXsrfProtection": "STREAMLIT_SERVER_ENABLE_XSRF_PROTECTION",
    "browser.gatherUsageStats": "STREAMLIT_BROWSER_GATHER_USAGE_STATS",
    "client.showErrorDetails": "STREAMLIT_CLIENT_SHOW_ERROR_DETAILS",
    "server.maxUploadSize": "STREAMLIT_SERVER_MAX_UPLOAD_SIZE",
}
UPLOADS = {"file_uploader", "camera_input", "audio_input"}
# The one upload: the drill's progress file, read in memory as JSON and validated entry by entry
# (ui/drill/store.py read_import), never written to disk, never rendered as HTML.
IMPORT = "ui/drill/transfer.py"
RAW_HTML = {"html", "iframe"}  # st.html, components.v1.html / iframe
URL = re.compile(r"https?://|//[\w.-]+\.\w+/", re.IGNORECASE)
EMBEDS = re.compile(
    r"!\[[^\]]*\]\(\s*<?(https?:)?//|<\s*(img|iframe|script|link|source|video|audio|embed|"
    r"object|style)\b|\b(src|srcset)\s*=\s*[\"']?(https?:)?//|url\(\s*[\"']?(https?:)?//|"
    r"@import",
    re.IGNORECASE,
)


def config() -> dict:
    return tomllib.loads(CONFIG.read_text(encoding="utf-8"))


def option(name: str):
    section, key = name.split(".")
    return config().get(section, {}).get(key)


def strings(node: ast.AST):
    for sub in ast.walk(node):
        if isinstance(sub, ast.Constant) and isinstance(sub.value, str):
            yield sub.value


def called(call: ast.Call) -> str | None:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)


def trusted(node: ast.AST | None) -> bool:
    """A string literal, or t("<key>") with nothing else."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return True
    return (
        isinstance(node, ast.Call)
        and called(node) == "t"
        and len(node.args) == 1
        and not node.keywords
        and trusted(node.args[0])
    )


def renders_raw_html(call: ast.Call) -> bool:
    if called(call) in RAW_HTML:
        return True
    flag = next((k.value for k in call.keywords if k.arg == "unsafe_allow_html"), None)
    return flag is not None and not (isinstance(flag, ast.Constant) and flag.value is False)


def raw_html_calls(tree: ast.AST) -> list[tuple[int, bool]]:
    """(line, obeys the raw HTML rule) of every call that renders raw HTML."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and renders_raw_html(node):
            body = node.args[0] if node.args else next(
                (k.value for k in node.keywords if k.arg in ("body", "src", "html")), None
            )  # fmt: skip
            found.append((node.lineno, trusted(body)))
    return found


@functools.cache
def parse(path: Path) -> ast.AST:
    return ast.parse(path.read_text(encoding="utf-8"))


# -- the config -------------------------------------------------------------------------------------


def test_xsrf_protection_is_on_and_usage_statistics_are_off():
    assert option("server.enableXsrfProtection") is True
    assert option("browser.gatherUsageStats") is False


def test_the_browser_gets_no_error_details():
    assert option("client.showErrorDetails") in ("none", False)


def test_uploads_are_off_in_practice():
    assert 0 < option("server.maxUploadSize") <= 1  # MB
    calls = [path.relative_to(ROOT).as_posix() for path in CODE for node in ast.walk(parse(path))
             if isinstance(node, ast.Call) and called(node) in UPLOADS]  # fmt: skip
    assert calls == [IMPORT]


def test_the_config_names_no_remote_resource_and_holds_no_secret():
    values = [str(v) for section in config().values() for v in section.values()]
    assert not [v for v in values if URL.search(v)]
    assert "cookieSecret" not in config().get("server", {})  # from the environment only


def test_the_image_ships_the_config_and_no_launcher_overrides_it():
    assert "COPY .streamlit" in (ROOT / "deploy" / "Dockerfile").read_text(encoding="utf-8")
    for path in LAUNCHERS:
        text = path.read_text(encoding="utf-8")
        for name, env in REVIEWED.items():
            assert name not in text and env not in text, (path.name, name)


# -- the code ---------------------------------------------------------------------------------------


def test_raw_html_comes_only_from_literals_or_plain_t_strings():
    breaking = [(path.relative_to(ROOT).as_posix(), line) for path in CODE
                for line, ok in raw_html_calls(parse(path)) if not ok]  # fmt: skip
    assert not breaking


def test_the_raw_html_rule_flags_computed_html():
    snippet = ast.parse(
        'st.markdown("<br>", unsafe_allow_html=True)\n'  # 1 literal: fine
        'st.markdown(t("a.b"), unsafe_allow_html=True)\n'  # 2 our text: fine
        "st.markdown(text, unsafe_allow_html=False)\n"  # 3 not raw: not listed
        'st.markdown(f"<b>{name}</b>", unsafe_allow_html=True)\n'  # 4 computed
        'st.markdown(t("a.b", n=name), unsafe_allow_html=True)\n'  # 5 a field
        "st.html(page)\n"  # 6 always raw
        'st.markdown("<i>" + x, unsafe_allow_html=flag)\n'  # 7 maybe raw, computed
    )
    assert raw_html_calls(snippet) == [(1, True), (2, True), (4, False), (5, False),
                                       (6, False), (7, False)]  # fmt: skip


def test_the_app_code_names_no_remote_url():
    urls = [(path.relative_to(ROOT).as_posix(), s) for path in CODE
            for s in strings(parse(path)) if URL.search(s)]  # fmt: skip
    assert not urls


def test_the_q_and_a_text_embeds_nothing_remote():
    embeds = [(path.relative_to(ROOT).as_posix(), m.group(0)) for path in TEXT
              for m in EMBEDS.finditer(path.read_text(encoding="utf-8"))]  # fmt: skip
    assert not embeds
    assert {content_path(t.id, lang) for t in TOPICS for lang in LANGS} <= set(TEXT)


def test_the_remote_resource_rules_flag_embeds():
    assert EMBEDS.search("![plot](https://example.org/p.png)")
    assert EMBEDS.search('<img src="https://example.org/p.png">')
    assert EMBEDS.search("<iframe src=//example.org>")
    assert not EMBEDS.search("[He et al. 2015](https://arxiv.org/abs/1502.01852)")
    assert URL.search("see //cdn.example.org/x.js") and not URL.search("a // comment")
