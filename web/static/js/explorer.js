// The explorer: a neighbourhood drawn with Cytoscape.js; click for a card, double-click (or
// the card's Expand) to add neighbours, filter by type and year, find a collaboration path,
// search to add a node. The node list below the graph is its text alternative.
import { TYPES, addElements, api, h, loadCytoscape, neighbourhood, resize, style, toElements } from "./graph.js";

const root = document.getElementById("explorer");
const loading = document.getElementById("explore-loading");
const statusLine = document.getElementById("graph-status");
const FIRST_LIMIT = 80;
const EXPAND_LIMIT = 40;
const CARD_FIELDS = ["year", "type", "trust_score", "trust_band", "verification_level",
                     "cited_by_count", "doi", "orcid", "country", "source"];
let cy = null;

/** Show or hide the loading state, with what is being loaded. */
function busy(on, what = "") {
  loading.hidden = !on;
  if (on && what) loading.querySelector("span").textContent = what;
}

/** Run the force-directed layout over everything drawn. */
function relayout() {
  cy.layout({ name: "cose", animate: false, randomize: false, nodeRepulsion: () => 12000,
              idealEdgeLength: () => 80, padding: 20 }).run();
}

/** The first drawing: the centre, its people in a ring, everything else around them. */
function firstLayout(centre) {
  const rank = (n) => (n.id() === centre ? 3 : n.data("type") === "Author" ? 2 : 1);
  cy.layout({ name: "concentric", concentric: rank, levelWidth: () => 1, minNodeSpacing: 12,
              animate: false, padding: 16 }).run();
  // concentric packs the inner ring tight; push the people halfway out so their names read
  const middle = cy.getElementById(centre).position();
  const outer = Math.max(...cy.nodes().map((n) => Math.hypot(n.position("x") - middle.x, n.position("y") - middle.y)));
  cy.nodes().filter((n) => rank(n) === 2).forEach((n, i, all) => {
    const angle = (2 * Math.PI * i) / all.length - Math.PI / 2;
    n.position({ x: middle.x + 0.5 * outer * Math.cos(angle), y: middle.y + 0.5 * outer * Math.sin(angle) });
  });
  cy.fit(cy.nodes(), 16);
}

/** Fetch a node's neighbourhood and draw what is new; returns the centre's id (null on failure). */
async function expand(id, limit = EXPAND_LIMIT) {
  busy(true, "Peergraph is loading the nearby papers, people, topics and institutions.");
  try {
    const graph = await neighbourhood(id, { limit });
    const first = cy.nodes().empty();
    const added = addElements(cy, toElements(graph), graph.center).nodes();
    cy.getElementById(graph.center).data("expanded", true);
    afterChange();
    if (first) firstLayout(graph.center);
    else if (added.length) cy.animate({ fit: { eles: cy.nodes().not(".filtered"), padding: 20 } }, { duration: 250 });
    statusLine.textContent = `${added.length} node(s) added around ${cy.getElementById(graph.center).data("label")}` +
      (graph.truncated ? " (the most relevant; more exist)." : ".");
    return graph.center;
  } catch (error) {
    statusLine.textContent = `Could not expand: ${error.message}`;
    return null;
  } finally {
    busy(false);
  }
}

/** The filters in force: the checked types and the year range for works. */
function filters() {
  const types = new Set([...document.querySelectorAll('#type-filter input:checked')].map((i) => i.value));
  const from = parseInt(document.getElementById("year-from").value, 10);
  const to = parseInt(document.getElementById("year-to").value, 10);
  return { types, from: Number.isNaN(from) ? -Infinity : from, to: Number.isNaN(to) ? Infinity : to };
}

/** Hide nodes of unchecked types and works outside the year range (their edges go too). */
function applyFilters() {
  const { types, from, to } = filters();
  cy.batch(() => cy.nodes().forEach((node) => {
    const year = node.data("year");
    // with a range set, a work of unknown year cannot be said to fall in it
    const ranged = from !== -Infinity || to !== Infinity;
    const outOfRange = node.data("type") === "Work" && ranged && (year === null || year < from || year > to);
    node.toggleClass("filtered", !types.has(node.data("type")) || outOfRange);
  }));
  renderList();
}

/** Recompute sizes and filters after nodes were added. */
function afterChange() {
  resize(cy);
  applyFilters();
}

/** The text alternative: every visible node by type, each a button that selects it. */
function renderList() {
  const list = document.getElementById("node-list");
  const visible = cy.nodes().not(".filtered");
  const items = [];
  for (const type of TYPES) {
    const nodes = visible.filter((n) => n.data("type") === type).sort((a, b) => a.data("label").localeCompare(b.data("label")));
    nodes.forEach((node) => items.push(h("li", { "data-node-id": node.id(), "data-type": type },
      h("span", { class: `swatch type-${type.toLowerCase()}`, "aria-hidden": "true" }),
      h("button", { type: "button", "aria-current": node.selected() ? "true" : null, onclick: () => select(node.id()) },
        node.data("label")),
      h("span", { class: "muted" }, type.toLowerCase()))));
  }
  list.replaceChildren(...items);
  document.getElementById("list-count").textContent = `(${visible.length})`;
}

/** Select a node: highlight it, show its card; centre it when chosen outside the graph
 *  (never on a click in the graph, where panning would move the node under a double-click). */
function select(id, centre = true) {
  const node = cy.getElementById(id);
  if (node.empty()) return;
  cy.nodes().unselect();
  node.select();
  if (centre) cy.animate({ center: { eles: node } }, { duration: 200 });
  showCard(node);
  renderList();
}

/** The card of a node: what it is, a few properties, and what can be done from it. */
function showCard(node) {
  const props = node.data("props") || {};
  const rows = CARD_FIELDS.filter((key) => props[key] !== undefined && props[key] !== null)
    .flatMap((key) => [h("dt", {}, key.replace(/_/g, " ")), h("dd", {}, String(props[key]))]);
  const id = node.id();
  const actions = h("div", { class: "actions" },
    h("button", { type: "button", class: "primary", disabled: node.data("expanded") || null,
                  onclick: () => expand(id) }, node.data("expanded") ? "Expanded" : "Expand"),
    h("a", { class: "button", href: `/explore?focus=${encodeURIComponent(id)}` }, "Focus here"),
    node.data("type") === "Author" ? h("a", { class: "button", href: `/authors/${encodeURIComponent(id)}` }, "Profile") : null);
  document.getElementById("card-body").replaceChildren(
    h("p", {}, h("span", { class: `chip type-${node.data("type").toLowerCase()}` }, node.data("type"))),
    h("h3", { "data-testid": "card-title" }, node.data("label")),
    h("p", { class: "muted" }, h("code", {}, id)),
    h("dl", {}, rows), actions);
}

/** Find the shortest collaboration path between two authors and highlight it. */
async function findPath(event) {
  event.preventDefault();
  const result = document.getElementById("path-result");
  const from = document.getElementById("path-from").value.trim();
  const to = document.getElementById("path-to").value.trim();
  busy(true, "Peergraph is looking for the shortest collaboration path.");
  try {
    const found = await api("/api/v1/paths", { from, to });
    addElements(cy, toElements(found), found.from);
    cy.elements().removeClass("on-path");
    const path = found.paths[0];
    path.forEach((id, i) => {
      cy.getElementById(id).addClass("on-path");
      if (i) cy.edges().filter((e) => [path[i - 1], id].includes(e.source().id()) && [path[i - 1], id].includes(e.target().id())).addClass("on-path");
    });
    afterChange();
    const authors = path.map((id) => cy.getElementById(id)).filter((n) => n.data("type") === "Author");
    result.textContent = authors.map((n) => n.data("label")).join(" → ") +
      ` (${found.hops} step${found.hops === 1 ? "" : "s"} through shared works)`;
    cy.fit(cy.nodes(".on-path"), 40);
  } catch (error) {
    result.textContent = error.message;
  } finally {
    busy(false);
  }
}

/** Search the full-text index; each hit gets a button that adds it to the graph. */
async function search(event) {
  event.preventDefault();
  const q = document.getElementById("add-q").value.trim();
  const out = document.getElementById("add-results");
  if (!q) return;
  try {
    const found = await api("/api/v1/search", { q, limit: 8 });
    out.replaceChildren(...found.items.map((hit) => h("li", {},
      h("button", { type: "button", onclick: () => addNode(hit.id) }, "Add"),
      h("span", {}, `${hit.label || hit.id} (${hit.type})`))));
    if (!found.items.length) out.replaceChildren(h("li", {}, "Nothing matched."));
  } catch (error) {
    out.replaceChildren(h("li", {}, error.message));
  }
}

/** Add one node (and its links to what is drawn already), then select it. */
async function addNode(id) {
  busy(true, "Peergraph is adding the node and its links to what is shown.");
  try {
    const graph = await neighbourhood(id, { limit: 200 });
    const centre = toElements({ nodes: graph.nodes.filter((n) => n.id === graph.center), edges: [] });
    const linked = graph.edges.map((e) => (e.source === graph.center ? e.target : e.source))
      .find((other) => cy.getElementById(other).nonempty());
    addElements(cy, [...centre, ...toElements({ nodes: [], edges: graph.edges })], linked || null);
    afterChange();
    select(graph.center);
  } catch (error) {
    statusLine.textContent = `Could not add: ${error.message}`;
  } finally {
    busy(false);
  }
}

/** Start: draw the focus's neighbourhood, or explain how to begin. */
async function start() {
  const cytoscape = await loadCytoscape();
  if (!cytoscape) {
    loading.textContent = "The graph library is not installed here: run `npm ci --prefix web`.";
    return;
  }
  cy = cytoscape({ container: document.getElementById("graph"), style: style(),
                   selectionType: "single" });
  window.peergraphExplorer = { cy, expand, select };  // for tests and the browser console
  cy.on("tap", "node", (event) => select(event.target.id(), false));
  cy.on("dbltap", "node", (event) => expand(event.target.id()));
  document.querySelectorAll("#type-filter input, #year-filter input")
    .forEach((input) => input.addEventListener("input", applyFilters));
  document.getElementById("path-form").addEventListener("submit", findPath);
  document.getElementById("add-form").addEventListener("submit", search);
  document.getElementById("relayout").addEventListener("click", relayout);
  const focus = root.dataset.focus;
  if (!focus) {
    busy(false);
    statusLine.textContent = "Search to add a node, or open the explorer from a profile.";
    return;
  }
  const centre = await expand(focus, FIRST_LIMIT);
  if (centre) {
    cy.getElementById(centre).addClass("focus");
    document.getElementById("path-from").value = centre;
  }
  root.dataset.ready = "true";
}

start();
