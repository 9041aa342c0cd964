// The drill progress in localStorage, and the drill's keys (ui/components/progress_store).
// Streamlit calls the default export when the element mounts and whenever a run sends new data.
"use strict";

const STORAGE_KEY = "dlqa.progress";
const CARD = ".st-key-drill_card";  // the drill's card (ui/drill/page.py)
const SHOW = ".st-key-drill_show button";
const GRADE = (n) => `.st-key-drill_grade_${n} button`;
const TYPING = /^(INPUT|TEXTAREA|SELECT)$/;

function read() {
  try {
    return {text: window.localStorage.getItem(STORAGE_KEY), ok: true};
  } catch (err) {  // storage switched off, or a sandbox
    return {text: null, ok: false};
  }
}

function write(text) {
  try {
    if (text === null || text === "{}") window.localStorage.removeItem(STORAGE_KEY);
    else window.localStorage.setItem(STORAGE_KEY, text);
  } catch (err) {
    // full or refused: the session keeps its copy, and the page offers the export
  }
}

// A button of the card, if it is there and can be pressed.
function button(selector) {
  const card = document.querySelector(CARD);
  const found = card && card.querySelector(selector);
  return found && !found.disabled ? found : null;
}

function onKey(event) {
  if (event.defaultPrevented || event.repeat || event.isComposing) return;
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  const target = event.target;
  if (target && (target.isContentEditable || TYPING.test(target.tagName))) return;
  let pressed = null;
  if (event.key === " ") {
    // Space on a focused button or link presses that one, as it always does.
    if (target && target.closest && target.closest("button, a, summary, [role='tab']")) return;
    pressed = button(SHOW);
  } else if (/^[1-4]$/.test(event.key)) {
    pressed = button(GRADE(event.key));
  }
  if (pressed) {
    event.preventDefault();
    pressed.click();
  }
}

// The page's background colour as --dlqa-bg, for what must cover the page behind it (the drill's
// grade buttons, kept at the bottom of the screen), in the light or the dark theme.
function copyBackground() {
  const app = document.querySelector("[data-testid='stApp']");
  if (app) {
    document.documentElement.style.setProperty("--dlqa-bg", getComputedStyle(app).backgroundColor);
  }
}

export default function ({data, setTriggerValue}) {
  const spec = data || {};
  copyBackground();
  // The newest mounted store reports for the page (the old one left with its page).
  window.__dlqaReport = setTriggerValue;
  if (!window.__dlqaStorageWatch) {
    window.__dlqaStorageWatch = true;
    window.addEventListener("storage", (event) => {
      if (event.key !== STORAGE_KEY && event.key !== null) return;
      try {
        window.__dlqaReport("loaded", read());
      } catch (err) {
        // this page has no store mounted (a topic page): the next page with one reads anew
      }
    });
  }
  if (spec.want && window.__dlqaAsked !== spec.sid) {
    window.__dlqaAsked = spec.sid;
    setTriggerValue("loaded", read());
  }
  if (spec.rev > 0) {
    const stamp = `${spec.sid}:${spec.rev}`;
    if (window.__dlqaWritten !== stamp) {
      window.__dlqaWritten = stamp;
      write(spec.text);
    }
  }
  if (spec.keys && !window.__dlqaKeys) {
    window.__dlqaKeys = true;
    document.addEventListener("keydown", onKey);
  }
}
