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


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("path", PAGES, ids=lambda p: p or "home")
def test_axe_finds_nothing_serious(server_url, browser, path, lang, scheme):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, color_scheme=scheme)
    try:
        tab = context.new_page()
        tab.goto(f"{server_url}/{path}?lang={lang}")
        settle(tab, ready="h1")
        tab.evaluate("() => document.fonts.ready")  # widths (which formulas scroll) are final
        tab.wait_for_timeout(100)  # the page script re-marks them on the next frame
        tab.add_script_tag(path=str(AXE_JS))
        assert tab.evaluate(SERIOUS_JS, STREAMLIT_NAV) == []
    finally:
        context.close()
