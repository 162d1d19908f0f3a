// What the profile page and the explorer share: the graph library (served by this site from
// the npm package), calls to the JSON API and to the pages' own writes, and the graph style.

import { useForceLayout } from "./layout.js";

const FCOSE_BUNDLE = "/static/build/fcose.esm.min.mjs";
export const TYPES = ["Author", "Work", "Topic", "Institution", "Venue"];
const COLOURS = { Author: "#2563eb", Work: "#d97706", Topic: "#059669",
                  Institution: "#7c3aed", Venue: "#db2777" };
const SHAPES = { Author: "ellipse", Work: "round-rectangle", Topic: "diamond",
                 Institution: "hexagon", Venue: "triangle" };
const LABEL_CHARS = 34;
// What each size means, stated in the legend: authors by trust score, topics and venues by
// the works of the focus they hold, works by nothing (all the same).
export const SIZE_RULES = { authorMin: 22, authorPerPoint: 0.5, unscored: 22, work: 14,
                            institution: 28, countMin: 18, countPerRoot: 6, countMax: 56 };

/** Load Cytoscape.js from /static/vendor (web/node_modules) with the fcose layout (built into
 *  /static/build by `npm run build`), fetched side by side; null when not installed. */
export async function loadCytoscape() {
  const [library, layout] = await Promise.allSettled([
    import("/static/vendor/cytoscape/cytoscape.esm.min.mjs"), import(FCOSE_BUNDLE)]);
  if (library.status === "rejected") {
    console.warn("graph library missing (run `npm ci --prefix web`)", library.reason);
    return null;
  }
  const cytoscape = library.value.default;
  if (layout.status === "fulfilled") useForceLayout(cytoscape, layout.value.default);
  else console.warn("fcose layout missing (run `npm run --prefix web build`): cose instead", layout.reason);
  return cytoscape;
}

/** The problem+json detail of a failed response, or its status line. */
async function failure(response) {
  try {
    const body = await response.json();
    return new Error(body.detail || body.title || response.statusText);
  } catch {
    return new Error(`${response.status} ${response.statusText}`);
  }
}

/** GET a JSON API path (same origin only). */
export async function api(path, params = {}) {
  const query = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== undefined && v !== ""));
  const qs = query.toString();
  const response = await fetch(qs ? `${path}?${qs}` : path,
                               { headers: { Accept: "application/json" } });
  if (!response.ok) throw await failure(response);
  return response.json();
}

/** A write from the page: the session cookie authenticates, the CSRF header proves the page. */
export async function pageWrite(method, path, body) {
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const response = await fetch(path, {
    method, credentials: "same-origin",
    headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRF-Token": csrf },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw await failure(response);
  return response.json();
}

/** The neighbourhood of a node, as the API gives it. */
export function neighbourhood(id, params = {}) {
  return api(`/api/v1/nodes/${encodeURIComponent(id)}/neighbourhood`, params);
}

/** A short label for drawing; the card shows the whole one. */
function shortLabel(text) {
  return text.length > LABEL_CHARS ? text.slice(0, LABEL_CHARS - 1) + "…" : text;
}

/** Cytoscape elements from an API graph (nodes and edges); properties stay in `props`. */
export function toElements(graph) {
  const nodes = graph.nodes.map((n) => ({
    group: "nodes",
    data: { id: n.id, type: n.type, label: n.label, short: shortLabel(n.label || n.id),
            props: n.properties || {}, year: n.properties?.year ?? null,
            trust: n.properties?.trust_score ?? null },
  }));
  const edges = graph.edges.map((e) => {
    const props = e.properties || {};
    const count = props.shared_works ?? props.works ?? null;
    return { group: "edges", data: { id: e.id, source: e.source, target: e.target, type: e.type,
             props, count, width: count ? 1.2 + 1.6 * Math.log2(1 + count) : 1.2,
             countLabel: e.type === "COLLABORATES_WITH" && count ? String(count) : "" } };
  });
  return [...nodes, ...edges];
}

/** Add elements not already drawn (edges only when both ends are there); returns the new ones.
 *  New nodes start on a ring around `near` (a drawn node's id), so the drawing stays put. */
export function addElements(cy, elements, near = null) {
  const fresh = elements.filter((el) => cy.getElementById(el.data.id).empty());
  const nodes = fresh.filter((el) => el.group === "nodes");
  const anchor = near && cy.getElementById(near);
  if (anchor && anchor.nonempty()) ring(anchor.position(), nodes);
  const edges = fresh.filter((el) => el.group === "edges");
  const added = cy.add(nodes);
  const present = edges.filter((e) => !cy.getElementById(e.data.source).empty() &&
                                      !cy.getElementById(e.data.target).empty());
  return added.union(cy.add(present));
}

/** Place nodes evenly on a ring (or two, when many) around a point. */
function ring(centre, nodes) {
  const perRing = 24;
  nodes.forEach((node, i) => {
    const radius = 110 + Math.floor(i / perRing) * 70;
    const count = Math.min(perRing, nodes.length - Math.floor(i / perRing) * perRing);
    const angle = (2 * Math.PI * (i % perRing)) / count + Math.floor(i / perRing) * 0.2;
    node.position = { x: centre.x + radius * Math.cos(angle), y: centre.y + radius * Math.sin(angle) };
  });
}

/** Sizes as SIZE_RULES states: authors by trust score, topics and venues by the works
 *  counted on their edges (the most of any edge), institutions and works fixed. */
export function resize(cy) {
  const r = SIZE_RULES;
  cy.nodes().forEach((node) => {
    const type = node.data("type");
    const trust = node.data("trust");
    const counts = node.connectedEdges().map((e) => e.data("type") === "COLLABORATES_WITH" ? 0 : e.data("count") || 0);
    const most = Math.max(0, ...counts);
    let size = r.work;
    if (type === "Author") size = trust === null ? r.unscored : r.authorMin + trust * r.authorPerPoint;
    else if (type === "Institution") size = r.institution;
    else if (type !== "Work") size = Math.min(r.countMax, r.countMin + r.countPerRoot * Math.sqrt(most));
    node.data("size", size);
  });
}

/** The stylesheet: colour and shape by type, size from `size`, path and focus highlights. */
export function style() {
  const byType = TYPES.map((t) => ({
    selector: `node[type = "${t}"]`,
    style: { "background-color": COLOURS[t], shape: SHAPES[t] },
  }));
  return [
    { selector: "node", style: {
      label: "data(short)", width: "data(size)", height: "data(size)", "font-size": 13,
      "text-valign": "bottom", "text-margin-y": 3, color: "#1c2430",
      "text-wrap": "wrap", "text-max-width": 120,
      "text-background-color": "#ffffff", "text-background-opacity": 0.85,
      "text-background-padding": 2, "border-width": 1, "border-color": "#ffffff" } },
    ...byType,
    // Work titles would bury the graph: shown only along a path (the card shows the selected one's).
    { selector: 'node[type = "Work"]', style: { label: "" } },
    { selector: 'node[type = "Work"].on-path', style: { label: "data(short)" } },
    { selector: 'node[type = "Author"]', style: { "font-size": 14, "font-weight": 600 } },
    { selector: 'node[type = "Author"][!trust]', style: { "border-style": "dashed", "border-width": 2, "border-color": "#1c2430" } },
    { selector: "edge", style: { width: "data(width)", "line-color": "#c3cad4", "curve-style": "bezier" } },
    { selector: 'edge[type = "COLLABORATES_WITH"]', style: {
      "line-color": "#7ea2f0", label: "data(countLabel)", "font-size": 11, color: "#10213f",
      "text-background-color": "#ffffff", "text-background-opacity": 1, "text-background-padding": 2,
      "text-background-shape": "roundrectangle" } },
    { selector: 'edge[type = "WORKS_ON"]', style: { "line-color": "#9fd8c2", "line-style": "dashed" } },
    { selector: 'edge[type = "AFFILIATED_WITH"]', style: { "line-color": "#c9b6f2" } },
    { selector: 'edge[type = "PUBLISHES_IN"]', style: { "line-color": "#f2b6cf", "line-style": "dashed" } },
    { selector: "edge.hover", style: { "line-color": "#2563eb", "z-index": 10 } },
    { selector: "node.focus", style: { "border-width": 4, "border-color": "#10213f", "font-weight": "bold" } },
    { selector: "node:selected", style: { "border-width": 4, "border-color": "#f59e0b" } },
    { selector: "node.on-path", style: { "border-width": 5, "border-color": "#dc2626" } },
    { selector: "edge.on-path", style: { width: 5, "line-color": "#dc2626" } },
    { selector: ".filtered", style: { display: "none" } },
  ];
}

/** A small DOM helper: an element with attributes and children (text is never parsed as HTML). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) el.append(child instanceof Node ? child : String(child));
  }
  return el;
}
