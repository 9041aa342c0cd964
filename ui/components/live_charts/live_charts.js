// The app's charts, drawn in the page itself (a Streamlit v2 component, no iframe).
//
// Streamlit calls the default export when the element mounts and again whenever a rerun
// sends it new data, with the same parentElement: the charts are kept there and updated
// with Plotly.react, so a slider move repaints them in place instead of re-creating them.
// plotly.js (the cartesian bundle, static/plotly-cartesian.min.js) is loaded once per tab
// and shared by every chart on every page.
"use strict";

// Everything this component assumes about Streamlit's page, in one place.
const STREAMLIT = {
  ownScript: "script[src*='/static/js/']",  // Streamlit's bundle, at <base>/static/js/index.*.js
  ownScriptPath: /\/static\/js\/[^/]*$/,
  staticPath: "/app/static/",  // where enableStaticServing serves the app's static/ folder
  app: "[data-testid='stApp']",  // the app's root: its background tells light from dark
};

// Served by the app itself at <base>/app/static/, never from a CDN. The base is where
// Streamlit's own script came from.
function staticUrl(name) {
  const own = document.querySelector(STREAMLIT.ownScript);
  const base = own ? own.src.replace(STREAMLIT.ownScriptPath, "") : location.origin;
  return `${base}${STREAMLIT.staticPath}${name}`;
}

function loadPlotly() {
  if (!window.__qaPlotly) {
    window.__qaPlotly = new Promise((resolve, reject) => {
      if (window.Plotly) return resolve(window.Plotly);
      const script = document.createElement("script");
      script.src = staticUrl("plotly-cartesian.min.js");
      script.onload = () => resolve(window.Plotly);
      script.onerror = () => {
        window.__qaPlotly = null;  // the next render tries again
        reject(new Error(`could not load ${script.src}`));
      };
      document.head.appendChild(script);
    });
  }
  return window.__qaPlotly;
}

// Streamlit's colours, read off the page (light or dark theme).
function colors(element) {
  const app = document.querySelector(STREAMLIT.app) || document.body;
  const background = getComputedStyle(app).backgroundColor || "#FFFFFF";
  const rgb = (background.match(/\d+(\.\d+)?/g) || [255, 255, 255]).map(Number);
  const dark = 0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2] < 128;
  return {
    text: getComputedStyle(element).color || (dark ? "#FAFAFA" : "#31333F"),
    background,
    muted: dark ? "#A3A8B8" : "#808495",
    grid: dark ? "#31333F" : "#E6EAF1",
  };
}

// Streamlit's look, as its own st.plotly_chart theme sets it.
function look({text, background, muted, grid}) {
  const family = '"Source Sans", sans-serif';
  const axis = (standoff) => ({
    tickfont: {family, size: 12, color: muted}, tickcolor: grid, gridcolor: grid,
    zerolinecolor: grid, automargin: true, ticklabelposition: "outside",
    title: {font: {family, size: 14, color: muted}, standoff},
  });
  return {layout: {
    font: {family, size: 12, color: muted},
    title: {font: {family, size: 16, color: text}, x: 0, xanchor: "left"},
    legend: {font: {family, size: 12, color: text}},
    paper_bgcolor: background, plot_bgcolor: background,
    xaxis: Object.assign(axis(20), {showgrid: false, zeroline: false}),
    yaxis: axis(24),
    margin: {pad: 8},
    hoverlabel: {bgcolor: background, bordercolor: grid, font: {family, size: 12, color: text}},
  }};
}

// Log axes: Plotly labels every digit of a short range ("9 8 … 3 2 0.1 9 8", where 0.3 reads
// as 3). Decades only where two or more show; else 1, 2 and 5 of each decade, written in full.
// The ticks depend on the drawn range, so they are found after a draw and kept on the chart
// (`__qaTicks`): the next draw carries them (withTicks), and a relayout is needed only when
// the range brings other ticks, not on every redraw.
function wantedTicks(chart, figure) {
  const wanted = {};
  for (const [name, axis] of Object.entries(chart._fullLayout || {})) {
    if (!/^[xy]axis\d*$/.test(name) || axis.type !== "log") continue;
    const own = (figure.layout || {})[name] || {};
    if (own.dtick !== undefined || own.tickvals !== undefined) continue;
    const [low, high] = [Math.min(...axis.range), Math.max(...axis.range)];
    if (Math.floor(high) - Math.ceil(low) >= 1) {
      wanted[name] = {tickmode: "linear", dtick: 1};
      continue;
    }
    const values = [];
    for (let decade = Math.floor(low); decade <= Math.ceil(high); decade++) {
      for (const digit of [1, 2, 5]) {
        const value = digit * 10 ** decade;
        if (Math.log10(value) >= low && Math.log10(value) <= high) values.push(value);
      }
    }
    const ticktext = values.map((v) => String(Number(v.toPrecision(1))));
    wanted[name] = {tickmode: "array", tickvals: values, ticktext};
  }
  return wanted;
}

// The layout with the ticks found on the last draw, on the axes that are still log axes.
function withTicks(layout, ticks) {
  const out = Object.assign({}, layout);
  for (const [name, tick] of Object.entries(ticks || {})) {
    if ((out[name] || {}).type === "log") out[name] = Object.assign({}, out[name], tick);
  }
  return out;
}

function logTicks(Plotly, chart, figure) {
  const wanted = wantedTicks(chart, figure);
  const same = JSON.stringify(wanted) === JSON.stringify(chart.__qaTicks || {});
  chart.__qaTicks = wanted;
  if (same) return null;  // this draw carried them already
  const update = {};
  for (const [name, tick] of Object.entries(wanted)) {
    for (const [property, value] of Object.entries(tick)) update[`${name}.${property}`] = value;
  }
  return Object.keys(update).length ? Plotly.relayout(chart, update) : null;
}

// Keyboard and screen readers: the chart is a figure named by its description (what it shows,
// with its key numbers: alt_text.py), and the mode bar's buttons are buttons a Tab reaches.
function accessible(chart, label) {
  chart.setAttribute("role", "figure");
  chart.setAttribute("aria-label", label || "");
  for (const button of chart.querySelectorAll(".modebar-btn")) {
    if (button.__qaKeys) continue;
    button.__qaKeys = true;
    button.tabIndex = 0;
    button.setAttribute("role", "button");
    button.setAttribute("aria-label", button.getAttribute("data-title") || "");
    button.addEventListener("keydown", (event) => {
      if (event.key !== "Enter" && event.key !== " ") return;
      event.preventDefault();
      button.dispatchEvent(new MouseEvent("click", {bubbles: true}));
    });
  }
}

function drawFigures(Plotly, box, figures, config, palette, onClick, labels) {
  while (box.children.length > figures.length) { Plotly.purge(box.lastChild); box.lastChild.remove(); }
  while (box.children.length < figures.length) box.appendChild(document.createElement("div"));
  return Promise.all(figures.map((figure, i) => {
    const layout = Object.assign({}, figure.layout, {template: look(palette)});
    if (layout.title && layout.title.text) {
      layout.title = Object.assign({}, layout.title, {text: `<b>${layout.title.text}</b>`});
    }
    const chart = box.children[i];
    const drawn = withTicks(layout, chart.__qaTicks);
    return Plotly.react(chart, figure.data, drawn, Object.assign({responsive: true}, config))
      .then(() => logTicks(Plotly, chart, figure))
      .then(() => {
        accessible(chart, labels[i]);
        chart.style.minHeight = "";  // the place held while it waited (see holdPlaces)
        chart.__qaClick = onClick;
        if (!chart.__qaListening) {  // one listener a chart; it calls the latest callback
          chart.__qaListening = true;
          chart.on("plotly_click", (event) => chart.__qaClick && chart.__qaClick(event));
        }
      });
  }));
}

// Cells are set as text, never as HTML.
function drawTable(table, content, palette) {
  for (const [name, value] of Object.entries(palette)) table.style.setProperty(`--qa-${name}`, value);
  table.replaceChildren();
  if (!content) return;
  const head = table.createTHead().insertRow();
  for (const column of content.columns) {
    const cell = document.createElement("th");
    cell.textContent = column;
    head.appendChild(cell);
  }
  const body = table.createTBody();
  for (const row of content.rows) {
    const line = body.insertRow();
    for (const value of row) {
      const cell = line.insertCell();
      cell.textContent = value;
      if (/^[-+−]?[0-9.]/.test(value)) cell.className = "number";
    }
  }
}

function part(root, tag, name) {
  let node = root.querySelector(`.${name}`);
  if (!node) {
    node = document.createElement(tag);
    node.className = name;
    root.appendChild(node);
  }
  return node;
}

// Charts far from the screen wait until the reader scrolls near them: a first visit draws
// only what it shows (each chart costs the page's main thread a full plot), and a slider move
// redraws only the charts in view, the rest when they come near. Until drawn, a chart holds
// its figure's height, so nothing below it jumps.
const NEAR = "600px 0px";  // start drawing this far before a chart scrolls into view
const pageWatcher = {};  // the observer when no element of the page scrolls by itself

function scroller(element) {
  for (let node = element.parentElement; node; node = node.parentElement) {
    if (["auto", "scroll"].includes(getComputedStyle(node).overflowY)) return node;
  }
  return null;
}

// One IntersectionObserver per scrolling container (Streamlit scrolls its main area, and a
// margin only widens the observer's own root, so the root must be that container).
function watcher(container) {
  const home = container || pageWatcher;
  if (!home.__qaWatcher) {
    home.__qaWatcher = new IntersectionObserver((entries) => {
      for (const {target, isIntersecting} of entries) {
        target.__qaNear = isIntersecting;
        if (isIntersecting && target.__qaLater) {
          const draw = target.__qaLater;
          target.__qaLater = null;
          draw();
        }
      }
    }, {root: container, rootMargin: NEAR});
  }
  return home.__qaWatcher;
}

function holdPlaces(box, figures) {
  while (box.children.length < figures.length) box.appendChild(document.createElement("div"));
  figures.forEach((figure, i) => {
    const chart = box.children[i];
    const height = (figure.layout && figure.layout.height) || 450;
    if (!chart._fullLayout) chart.style.minHeight = `${height}px`;  // not drawn yet
  });
}

export default function ({data, parentElement, setTriggerValue}) {
  const root = part(parentElement, "div", "qa-live");
  const box = part(root, "div", "qa-charts");
  const table = part(root, "table", "qa-table");
  const problem = part(root, "p", "qa-problem");
  // A click on a point that carries customdata is sent back (the playground's units).
  const onClick = (event) => {
    const point = (event.points || []).find((p) => p.customdata);
    if (point) setTriggerValue("clicked", point.customdata);
  };
  const serial = (root.__qaSerial || 0) + 1;
  root.__qaSerial = serial;
  const figures = data.figures.map((spec) => JSON.parse(spec));
  const draw = () => {
    box.removeAttribute("data-drawn");
    loadPlotly()
      .then((Plotly) => {
        if (root.__qaSerial !== serial) return null;  // a newer render has the floor
        const palette = colors(root);
        return drawFigures(Plotly, box, figures, data.config, palette, onClick, data.labels || [])
          .then(() => drawTable(table, data.table, palette));
      })
      .then(() => { problem.textContent = ""; })
      .catch((error) => { problem.textContent = String(error); })  // said, never silently blank
      .finally(() => { if (root.__qaSerial === serial) box.dataset.drawn = "yes"; });
  };
  const observer = watcher(scroller(root));
  observer.observe(root);  // again on every render: a no-op once observed
  if (root.__qaNear) {
    root.__qaLater = null;
    draw();
  } else {  // far away, or not known yet (on mount the observer reports within a frame)
    holdPlaces(box, figures);
    box.dataset.drawn = "later";  // the probes in bench/ and tests/ read this
    root.__qaLater = draw;
  }
  return () => observer.unobserve(root);  // unmounted
}
