// The explorer: a researcher in context (co-authors, topics, institutions, venues; works
// counted on the edges), drawn with Cytoscape.js and the fcose force layout. Expanding adds
// nodes around what was clicked and lays out only those, so the drawing stays put.
import { addElements, api, h, loadCytoscape, neighbourhood, resize, style, toElements } from "./graph.js";
import { closeSheet, describe, describeEdge, renderList, showCard, showPath, tooltip } from "./explorer_panels.js";
import { compactToFit, fitReadable, forceLayout, seedRings, separateLabels } from "./layout.js";

const root = document.getElementById("explorer");
const loading = document.getElementById("explore-loading");
const statusLine = document.getElementById("graph-status");
const PHONE = window.matchMedia(root.dataset.phoneMedia).matches;
// A phone draws fewer neighbours, so that every label stays readable inside the screen
// (the sizes are the page's: it preloads the first view's context with them).
const CONTEXT = Object.fromEntries(new URLSearchParams(PHONE ? root.dataset.contextPhone : root.dataset.contextWide));
const EXPAND_LIMIT = PHONE ? 12 : 24;
const MAX_ZOOM_ON_FIT = 1.3;
let cy = null;
let focusId = null;

/** Show or hide the loading state, with what is being loaded. */
function busy(on, what = "") {
  loading.hidden = !on;
  if (on && what) loading.querySelector("span").textContent = what;
}

/** Lay out what is shown: all of it (first view, filters) or only `fresh` around the rest. */
function layout(fresh = null) {
  const shown = cy.elements().not(".filtered");
  const focus = cy.getElementById(focusId);
  const pinned = fresh ? shown.nodes().not(fresh) : focus;
  const spacing = PHONE ? 70 : 110;
  if (!fresh && !cy.scratch("drawn")) seedRings(focus, shown.nodes(), spacing);
  forceLayout(shown, pinned, { spacing, fix: Boolean(fresh) });
  cy.scratch("drawn", true);
}

/** Fit what is shown (or `eles`), labels readable at the zoom it ends at. */
function fit(eles = null) {
  fitReadable(cy, eles || cy.elements().not(".filtered"), cy.getElementById(focusId), MAX_ZOOM_ON_FIT);
}

const centre = () => ({ x: cy.width() / 2, y: cy.height() / 2 });

/** Add a fetched graph around `near`, lay out the new nodes, say what changed. */
function place(graph, near, what) {
  const added = addElements(cy, toElements(graph), near);
  resize(cy);
  applyFilters(false);
  const fresh = added.nodes();
  if (fresh.nonempty()) layout(fresh);
  fit();
  statusLine.textContent = fresh.length
    ? `${fresh.length} added: ${what}${graph.truncated ? " (the closest; there are more)" : ""}.`
    : `Nothing new ${what}: all of it is shown already.`;
  renderList(cy, select);
  return fresh;
}

/** Fetch one of the API's graphs, with the loading state and a readable failure. */
async function fetchGraph(what, fetcher) {
  busy(true, `Peergraph is loading ${what}.`);
  try {
    return await fetcher();
  } catch (error) {
    statusLine.textContent = `Could not load ${what}: ${error.message} Try again, or reset the view.`;
    return null;
  } finally {
    busy(false);
  }
}

/** The first view's graph: the author in context, or any other node's neighbourhood. */
function firstGraph(id) {
  const preloaded = [...document.querySelectorAll("link[data-first-view]")]
    .find((link) => id === root.dataset.focus && window.matchMedia(link.media).matches);
  const context = preloaded ? api(preloaded.href)
    : api(`/api/v1/authors/${encodeURIComponent(id)}/context`, CONTEXT);
  return context.catch((error) =>
    (/author/i.test(error.message) ? neighbourhood(id, { limit: EXPAND_LIMIT * 2 }) : Promise.reject(error)));
}

/** Draw the first view (`pending`: its graph, already asked for while the library loaded). */
async function firstView(id, pending = null) {
  cy.elements().remove();
  cy.scratch("drawn", false);
  const graph = await fetchGraph("this researcher in context", () => pending || firstGraph(id));
  if (!graph) return null;
  performance.mark("explorer:context");  // the marks split the first view for bench.explorer
  focusId = graph.center;
  cy.add(toElements(graph));
  cy.getElementById(focusId).addClass("focus").data("expanded", true).data("totals", graph.totals || null);
  resize(cy);
  applyFilters(false);
  performance.mark("explorer:added");
  layout();
  compactToFit(cy, cy.nodes().not(".filtered"), cy.getElementById(focusId));
  performance.mark("explorer:laid-out");
  fit();
  performance.mark("explorer:fitted");
  const people = cy.nodes('[type = "Author"]').length - 1;
  statusLine.textContent = graph.totals
    ? `${cy.getElementById(focusId).data("label")}: ${people} of ${graph.totals.collaborators} co-authors, ` +
      `${graph.totals.works} works counted on the lines. Click a line to see the shared works.`
    : `${cy.nodes().length - 1} nodes around ${cy.getElementById(focusId).data("label")}.`;
  renderList(cy, select);
  return focusId;
}

/** Expand a node: an author's own context, anything else's neighbourhood. */
async function expand(id) {
  const node = cy.getElementById(id);
  if (node.empty()) return;
  const author = node.data("type") === "Author";
  const label = node.data("label");
  const graph = await fetchGraph(`what is around ${label}`, () => (author
    ? api(`/api/v1/authors/${encodeURIComponent(id)}/context`, { ...CONTEXT, collaborators: 6 })
    : neighbourhood(id, { limit: EXPAND_LIMIT })));
  if (!graph) return;
  node.data("expanded", true);
  place(graph, id, `around ${label}`);
  refreshCard();
}

/** The works behind a collaboration edge (or, for the focus, its own works). */
async function showWorks(a, b = null) {
  const graph = await fetchGraph("the works", () => (b
    ? api(`/api/v1/authors/${encodeURIComponent(a)}/shared-works`, { with: b, limit: EXPAND_LIMIT })
    : neighbourhood(a, { types: "Work", edge_types: "AUTHORED", limit: EXPAND_LIMIT })));
  if (!graph) return;
  const who = b ? `shared works of ${cy.getElementById(a).data("label")} and ${cy.getElementById(b).data("label")}`
                : `works of ${cy.getElementById(a).data("label")}`;
  place(graph, a, who);
}

/** The filters in force, or a problem to show: the checked types and a valid year range. */
function filters() {
  const types = new Set([...document.querySelectorAll("#type-filter input:checked")].map((i) => i.value));
  const inputs = ["year-from", "year-to"].map((id) => document.getElementById(id));
  const [from, to] = inputs.map((input) => (input.value.trim() === "" ? null : Number(input.value)));
  let problem = null;
  if ([from, to].some((y) => y !== null && (!Number.isInteger(y) || y < 1000 || y > 9999))) {
    problem = "Years have four digits, like 2021.";
  } else if (from !== null && to !== null && from > to) {
    problem = `The first year (${from}) is after the second (${to}): swap them, or clear one.`;
  }
  inputs.forEach((input) => input.setAttribute("aria-invalid", problem ? "true" : "false"));
  const message = document.getElementById("year-error");
  message.textContent = problem || "";
  message.hidden = !problem;
  return problem ? null : { types, from: from ?? -Infinity, to: to ?? Infinity, ranged: from !== null || to !== null };
}

/** Hide nodes of unchecked types and works outside the year range; re-lay out when asked. */
function applyFilters(relayout = true) {
  const wanted = filters();
  if (!wanted) return;
  cy.batch(() => cy.nodes().forEach((node) => {
    const year = node.data("year");
    // with a range set, a work of unknown year cannot be said to fall in it
    const outOfRange = node.data("type") === "Work" && wanted.ranged &&
      (year === null || year < wanted.from || year > wanted.to);
    node.toggleClass("filtered", node.id() !== focusId && (!wanted.types.has(node.data("type")) || outOfRange));
  }));
  if (relayout && cy.scratch("drawn")) {
    layout();
    fit();
    renderList(cy, select);
  }
}

/** Select a node: highlight it and show its card; centre it when chosen outside the graph. */
function select(id, centreIt = true) {
  const node = cy.getElementById(id);
  if (node.empty()) return;
  cy.nodes().unselect();
  node.select();
  if (centreIt) cy.animate({ center: { eles: node } }, { duration: 200 });
  refreshCard();
  renderList(cy, select);
}

/** The selected node's card, with the actions that fit what it is. */
function refreshCard() {
  const node = cy.nodes(":selected").first();
  if (node.empty()) return;
  const id = node.id();
  const type = node.data("type");
  const expanded = node.data("expanded");
  const actions = [];
  if (id === focusId && type === "Author") {
    const totals = node.data("totals");
    actions.push([`Show works${totals ? ` (${totals.works})` : ""}`, () => showWorks(id), true]);
  } else {
    actions.push([expanded ? "Expanded" : "Expand", expanded ? null : () => expand(id), true]);
  }
  if (type === "Author" && id !== focusId && focusId && cy.getElementById(focusId).data("type") === "Author") {
    actions.push(["Shared works", () => showWorks(focusId, id)]);
  }
  if (id !== focusId) actions.push(["Make this the focus", `/explore?focus=${encodeURIComponent(id)}`]);
  if (type === "Author") actions.push(["Profile", `/authors/${encodeURIComponent(id)}`]);
  showCard(node, actions);
}

export { applyFilters, busy, expand, fit, layout, place, select, separateLabels, showWorks, statusLine };
export const state = { get cy() { return cy; }, get focus() { return focusId; } };

/** Draw the first view and wire the controls; the path and search live in explorer_tools.js. */
async function start() {
  // ask for the first view's graph at once: it comes while the graph library loads
  const pending = root.dataset.focus ? firstGraph(root.dataset.focus) : null;
  pending?.catch(() => {});  // its failure is shown by firstView, not as an unhandled rejection
  // the path and search tools: their module loads beside the library, wired after the drawing
  const tools = import("./explorer_tools.js");
  const cytoscape = await loadCytoscape();
  performance.mark("explorer:library");
  if (!cytoscape) {
    loading.textContent = "The graph cannot be drawn on this server: its graph library is missing. Ask its operator to install the web dependencies.";
    return;
  }
  cy = cytoscape({ container: document.getElementById("graph"), style: style(), selectionType: "single",
                   minZoom: 0.2, maxZoom: 3, wheelSensitivity: 0.3 });
  performance.mark("explorer:instance");
  window.peergraphExplorer = { cy, expand, select, fit, showWorks };  // for tests and scripts
  cy.on("tap", "node", (event) => select(event.target.id(), false));
  cy.on("dbltap", "node", (event) => expand(event.target.id()));
  cy.on("tap", 'edge[type = "COLLABORATES_WITH"]', (event) => showWorks(event.target.source().id(), event.target.target().id()));
  cy.on("mouseover", "node", (event) => tooltip(`${event.target.data("label")}: ${describe(event.target)}`, event.renderedPosition));
  cy.on("mouseover", "edge", (event) => { event.target.addClass("hover"); tooltip(describeEdge(event.target), event.renderedPosition); });
  cy.on("mouseout", "node, edge", (event) => { event.target.removeClass("hover"); tooltip(null); });
  cy.on("viewport", () => tooltip(null));
  document.querySelectorAll("#type-filter input, #year-filter input")
    .forEach((input) => input.addEventListener("change", () => applyFilters()));
  document.getElementById("zoom-in").addEventListener("click", () => cy.zoom({ level: cy.zoom() * 1.3, renderedPosition: centre() }));
  document.getElementById("zoom-out").addEventListener("click", () => cy.zoom({ level: cy.zoom() / 1.3, renderedPosition: centre() }));
  document.getElementById("fit").addEventListener("click", () => fit());
  document.getElementById("reset").addEventListener("click", () => focusId && firstView(root.dataset.focus));
  document.getElementById("card-close").addEventListener("click", closeSheet);
  if (!root.dataset.focus) {
    (await tools).wireTools();
    busy(false);
    statusLine.textContent = "Search for a researcher or a paper to begin, or open the explorer from a profile.";
    root.dataset.ready = "true";
    return;
  }
  if (await firstView(root.dataset.focus, pending)) {
    select(focusId, false);
    closeSheet();
  }
  (await tools).wireTools();
  root.dataset.ready = "true";
}

export { h, showPath };
start();
