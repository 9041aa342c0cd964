"""axe-core (the npm package pinned in tests/browser/package.json) on every page, in both
languages and both themes: no serious or critical finding outside Streamlit's own sidebar
navigation, whose list puts <div> children in a <ul> (axe-core rule "list"; see the README)."""

from pathlib import Path

import pytest

from tests.browser.conftest import settle
from tests.browser.test_phone import PAGES

pytestmark = pytest.mark.browser

AXE_JS = Path(__file__).with_name("node_modules") / "axe-core" / "axe.min.js"
STREAMLIT_NAV = "[data-testid='stSidebarNav']"
SERIOUS_JS = """async (exclude) => {
  const result = await axe.run({exclude: [[exclude]]}, {resultTypes: ["violations"]});
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.nodes.length}): ${v.nodes[0].target.join(" ")}`);
}"""


def serious_findings(tab) -> list[str]:
    tab.evaluate("() => document.fonts.ready")  # widths (which formulas scroll) are final
    tab.wait_for_timeout(100)  # the page script re-marks them on the next frame
    return tab.evaluate(SERIOUS_JS, STREAMLIT_NAV)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("path", PAGES, ids=lambda p: p or "home")
def test_axe_finds_nothing_serious_in_either_theme(server_url, browser, path, lang):
    """One load per page and language, in both themes: Chinese opens dark and turns light,
    English the other way round (each theme is checked as first drawn and after a change of the
    system's theme, which the app follows live)."""
    first, second = ("dark", "light") if lang == "zh" else ("light", "dark")
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, color_scheme=first)
    try:
        tab = context.new_page()
        tab.goto(f"{server_url}/{path}?lang={lang}")
        settle(tab, ready="h1")
        tab.add_script_tag(path=str(AXE_JS))
        assert serious_findings(tab) == [], first
        tab.emulate_media(color_scheme=second)
        tab.wait_for_function(
            "dark => (getComputedStyle(document.querySelector('[data-testid=stApp]'))"
            ".backgroundColor !== 'rgb(255, 255, 255)') === dark",
            arg=second == "dark",
        )
        settle(tab)
        assert serious_findings(tab) == [], second
    finally:
        context.close()
