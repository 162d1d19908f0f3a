// The explorer's text around the drawing: the node card (a bottom sheet on a phone), the
// hover tooltip, the path's steps, and the list of what is shown (the text alternative).
import { TYPES, h } from "./graph.js";

const CARD_FIELDS = [["year", "Year"], ["type", "Kind"], ["trust_score", "Trust score"],
                     ["trust_band", "Trust band"], ["verification_level", "Verification"],
                     ["works_count", "Works"], ["cited_by_count", "Cited by"],
                     ["country", "Country"], ["source", "Source"]];
const PHONE = window.matchMedia(document.getElementById("explorer").dataset.phoneMedia);

/** One line of what a node is, for the tooltip and the list. */
export function describe(node) {
  const p = node.data("props") || {};
  const type = node.data("type");
  if (type === "Author") {
    return p.trust_score === undefined ? "author, not yet scored" : `author, trust score ${p.trust_score}`;
  }
  if (type === "Work") return ["work", p.year, p.cited_by_count !== undefined ? `cited by ${p.cited_by_count}` : null].filter(Boolean).join(", ");
  const counted = node.connectedEdges().map((e) => e.data("type") === "COLLABORATES_WITH" ? 0 : e.data("count") || 0);
  const works = Math.max(0, ...counted);
  return works ? `${type.toLowerCase()}, ${works} work${works === 1 ? "" : "s"} of the focus` : type.toLowerCase();
}

/** What an edge stands for, in words. */
export function describeEdge(edge) {
  const a = edge.source().data("label");
  const b = edge.target().data("label");
  const p = edge.data("props") || {};
  const works = edge.data("count");
  switch (edge.data("type")) {
    case "COLLABORATES_WITH":
      return `${a} and ${b}: ${works} shared work${works === 1 ? "" : "s"}` +
        (p.last_year ? ` (latest ${p.last_year})` : "") + ". Click to show them.";
    case "WORKS_ON": return `${works} of ${a}'s works are about ${b}.`;
    case "PUBLISHES_IN": return `${works} of ${a}'s works appeared in ${b}.`;
    case "AFFILIATED_WITH": return `${a} is affiliated with ${b}` + (p.start_year ? ` (from ${p.start_year})` : "") + ".";
    case "AUTHORED": return `${a} wrote ${b}.`;
    case "ABOUT": return `${a} is about ${b}.`;
    case "CITES": return `${a} cites ${b}.`;
    default: return `${a} – ${b}`;
  }
}

/** Show a tooltip beside the pointer over the graph; hide it with null. */
export function tooltip(text, position = null) {
  const tip = document.getElementById("graph-tooltip");
  if (!text) { tip.hidden = true; return; }
  tip.textContent = text;
  tip.hidden = false;
  const box = tip.parentElement.getBoundingClientRect();
  const x = Math.min(position.x + 14, box.width - tip.offsetWidth - 4);
  tip.style.left = `${Math.max(4, x)}px`;
  tip.style.top = `${Math.max(4, position.y + 14)}px`;
}

/** The card of a node: what it is, a few facts, and what can be done from it. */
export function showCard(node, actions) {
  const props = node.data("props") || {};
  const rows = CARD_FIELDS.filter(([key]) => props[key] !== undefined && props[key] !== null)
    .flatMap(([key, label]) => [h("dt", {}, label), h("dd", {}, String(props[key]))]);
  const id = node.id();
  const type = node.data("type");
  document.getElementById("card-body").replaceChildren(
    h("p", {}, h("span", { class: `chip type-${type.toLowerCase()}` }, type)),
    h("h3", { "data-testid": "card-title", class: "math-text" }, node.data("label")),
    h("dl", {}, rows),
    h("div", { class: "actions" }, actions.map(([label, run, primary]) => typeof run === "string"
      ? h("a", { class: "button", href: run }, label)
      : h("button", { type: "button", class: primary ? "primary" : null, disabled: run === null || null,
                      onclick: run || null }, label))),
    h("p", { class: "muted card-id" }, "Id: ", h("span", { class: "mono" }, id)));
  openSheet();
}

/** On a phone, the card rises as a sheet over the bottom of the screen. */
export function openSheet() {
  const card = document.getElementById("card");
  card.classList.add("open");
  if (PHONE.matches) card.querySelector("#card-close").hidden = false;
}

/** Close the phone's sheet (the card stays beside the graph on a wide screen). */
export function closeSheet() {
  const card = document.getElementById("card");
  card.classList.remove("open");
  card.querySelector("#card-close").hidden = true;
}

/** The steps of a path, listed beside the graph: author, shared work, author, … */
export function showPath(cy, ids, hops, select) {
  const steps = ids.map((id) => cy.getElementById(id)).filter((n) => n.nonempty());
  const list = h("ol", { class: "path-steps", "data-testid": "path-steps" }, steps.map((node) =>
    h("li", { class: `step type-${node.data("type").toLowerCase()}` },
      h("span", { class: "muted" }, node.data("type") === "Work" ? "through " : ""),
      h("button", { type: "button", class: "link-button math-text",
                    onclick: () => select(node.id()) }, node.data("label")))));
  const authors = steps.filter((n) => n.data("type") === "Author").map((n) => n.data("label"));
  document.getElementById("path-result").replaceChildren(
    h("p", {}, `${authors.join(" → ")} (${hops} step${hops === 1 ? "" : "s"} through shared works)`), list);
  document.getElementById("path-panel").hidden = false;
  openSheet();
}

/** The text alternative: every visible node by type, each a button that selects it. */
export function renderList(cy, select) {
  const visible = cy.nodes().not(".filtered");
  const items = [];
  for (const type of TYPES) {
    visible.filter((n) => n.data("type") === type)
      .sort((a, b) => a.data("label").localeCompare(b.data("label")))
      .forEach((node) => items.push(h("li", { "data-node-id": node.id(), "data-type": type },
        h("span", { class: `swatch type-${type.toLowerCase()}`, "aria-hidden": "true" }),
        h("button", { type: "button", class: "math-text", "aria-current": node.selected() ? "true" : null,
                      onclick: () => select(node.id()) }, node.data("label")),
        h("span", { class: "muted" }, describe(node)))));
  }
  document.getElementById("node-list").replaceChildren(...items);
  document.getElementById("list-count").textContent = `(${visible.length})`;
}
