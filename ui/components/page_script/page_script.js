// A topic page's script (ui/components/page_script/__init__.py): jumps, and formulas that
// scroll sideways. Streamlit calls the default export when the element mounts and again
// whenever a rerun sends it new data.
"use strict";

// Everything this script assumes about Streamlit's page and the app's layout, in one place.
const PAGE = {
  main: "[data-testid='stMain']",  // the scrolling page
  header: "[data-testid='stHeader']",  // Streamlit's toolbar, fixed over the top of the page
  text: ".st-key-qa_text",  // the Q&A column's own scrolling box (ui/layout.py)
  lab: ".st-key-qa_lab",  // the experiments column (ui/layout.py)
  tabs: "[data-testid='stTabs']",
  openTab: "[role='tab'][aria-selected='true']",
  formula: ".katex-display",  // and wide Markdown tables, which scroll the same way (app.py)
  table: "[data-testid='stMarkdownContainer'] > table",
};
const GAP = 8;  // px left above what a jump shows
const SETTLE_MS = 1500;  // how long a jump keeps its target in place while the page settles
const STOPS = ["wheel", "touchstart", "keydown", "mousedown"];  // the reader takes over

function headerBottom() {
  const header = document.querySelector(PAGE.header);
  return header ? Math.max(0, header.getBoundingClientRect().bottom) : 0;
}

// Scroll the page so that `element` starts just below the toolbar.
function scrollPageTo(element) {
  const delta = element.getBoundingClientRect().top - headerBottom() - GAP;
  const main = document.querySelector(PAGE.main);
  if (main && main.scrollHeight > main.clientHeight) main.scrollTop += delta;
  else window.scrollBy(0, delta);
}

// Whether the experiments sit beside the Q&A column (a wide screen) rather than below it.
function sideBySide(box) {
  const lab = document.querySelector(PAGE.lab);
  return !!lab && lab.getBoundingClientRect().left >= box.getBoundingClientRect().right;
}

// The question's heading at the top of the Q&A column. Where the columns stack (a phone), the
// text scrolls with the page (ui/layout.py), so the page moves to the heading.
function showQuestion(id) {
  const heading = document.getElementById(id);
  const box = heading && heading.closest(PAGE.text);
  if (!box) return false;
  if (sideBySide(box)) {
    box.scrollTop += heading.getBoundingClientRect().top - box.getBoundingClientRect().top - GAP;
  } else if (Math.abs(heading.getBoundingClientRect().top - headerBottom() - GAP) > 1) {
    scrollPageTo(heading);
  }
  return true;
}

// The experiments' tabs in the upper part of the screen: beside the text on a wide screen they
// usually are already; on a phone they are far below it.
function showExperiments() {
  const tabs = document.querySelector(`${PAGE.lab} ${PAGE.tabs}`);
  if (!tabs) return false;
  const top = tabs.getBoundingClientRect().top;
  if (top < headerBottom() || top > window.innerHeight * 0.4) scrollPageTo(tabs);
  return true;
}

function jump(spec) {
  const show = spec.to === "question" ? () => showQuestion(spec.id) : showExperiments;
  const start = performance.now();
  let stopped = false;
  let shown = false;
  const stop = () => { stopped = true; };
  STOPS.forEach((name) => window.addEventListener(name, stop, {capture: true, passive: true}));
  const finish = () => {
    STOPS.forEach((name) => window.removeEventListener(name, stop, true));
    if (!shown) return;
    if (spec.to === "question") {
      history.replaceState(history.state, "", `${location.pathname}${location.search}#${spec.id}`);
    } else if (!stopped) {  // the tabs are drawn anew by now: the one the pointer opened
      const tab = document.querySelector(`${PAGE.lab} ${PAGE.openTab}`);
      if (tab) tab.focus({preventScroll: true});
    }
  };
  const step = () => {
    if (stopped) return finish();
    shown = show() || shown;
    if (performance.now() - start < SETTLE_MS) setTimeout(step, shown ? 200 : 50);
    else finish();
  };
  step();
}

// -- formulas wider than their column -------------------------------------------------------

function markScrollingFormulas() {
  const wide = `${PAGE.main} ${PAGE.formula}, ${PAGE.main} ${PAGE.table}`;
  for (const formula of document.querySelectorAll(wide)) {
    const scrolls = formula.scrollWidth > formula.clientWidth + 1;
    if (scrolls && !formula.hasAttribute("data-qa-scrolls")) {
      formula.setAttribute("data-qa-scrolls", "");
      formula.tabIndex = 0;
    } else if (!scrolls && formula.hasAttribute("data-qa-scrolls")) {
      formula.removeAttribute("data-qa-scrolls");
      formula.removeAttribute("tabindex");
    }
  }
}

// Once per browser tab: re-mark on every change of the page (cheaply skipped on pages without
// Q&A text) and whenever the Q&A column changes width (the window, the sidebar).
function watchFormulas() {
  let watch = window.__qaFormulas;
  if (!watch) {
    let queued = false;
    const later = () => {
      if (queued || !document.querySelector(PAGE.text)) return;
      queued = true;
      requestAnimationFrame(() => { queued = false; markScrollingFormulas(); });
    };
    watch = window.__qaFormulas = {later, resize: new ResizeObserver(later)};
    new MutationObserver(later).observe(document.body, {childList: true, subtree: true});
    // KaTeX's fonts arrive after its HTML: a formula can become wider than its column then.
    document.fonts.addEventListener("loadingdone", later);
  }
  watch.resize.disconnect();
  document.querySelectorAll(`${PAGE.text}, ${PAGE.lab}`).forEach((box) => watch.resize.observe(box));
  watch.later();
}

export default function ({data}) {
  watchFormulas();
  const spec = data && data.jump;
  if (spec && spec.token !== window.__qaJumped) {
    window.__qaJumped = spec.token;
    jump(spec);
  }
}
