// The explorer's tools beside the drawing: a collaboration path between two authors, and a
// search that adds a node to what is shown.
import { api, h, neighbourhood } from "./graph.js";
import { busy, fit, place, select, separateLabels, showPath, state, statusLine } from "./explorer.js";

/** The id of an author the visitor named: a drawn author's exact name, else the text itself. */
function authorId(text) {
  const named = state.cy.nodes('[type = "Author"]').filter((n) => n.data("label") === text);
  return named.nonempty() ? named.first().id() : text;
}

/** The drawn authors, offered as suggestions in both path fields. */
function suggestAuthors() {
  const options = state.cy.nodes('[type = "Author"]').map((n) => h("option", { value: n.data("label") }));
  document.getElementById("path-authors").replaceChildren(...options);
}

/** Find the shortest collaboration path, draw it, highlight it in view and list its steps. */
async function findPath(event) {
  event.preventDefault();
  const cy = state.cy;
  const result = document.getElementById("path-result");
  const from = authorId(document.getElementById("path-from").value.trim());
  const to = authorId(document.getElementById("path-to").value.trim());
  busy(true, "Peergraph is looking for the shortest collaboration path.");
  try {
    const found = await api("/api/v1/paths", { from, to });
    place(found, found.from, "the path");
    cy.elements().removeClass("on-path");
    const path = found.paths[0];
    path.forEach((id, i) => {
      cy.getElementById(id).addClass("on-path");
      if (i) cy.edges().filter((e) => [path[i - 1], id].includes(e.source().id()) && [path[i - 1], id].includes(e.target().id())).addClass("on-path");
    });
    // the path's works now show their titles: make room for them
    separateLabels(cy.nodes(":visible"), cy.getElementById(state.focus));
    showPath(cy, path, found.hops, select);
    fit(cy.nodes(".on-path"));
  } catch (error) {
    result.replaceChildren(h("p", { class: "notice error" },
      `${error.message} Check both names (pick them from the suggestions), or try other authors.`));
    document.getElementById("path-panel").hidden = false;
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
      h("span", { class: "math-text" }, hit.label || hit.id), h("span", { class: "muted" }, ` ${hit.type.toLowerCase()}`))));
    if (!found.items.length) out.replaceChildren(h("li", {}, "Nothing matched: try fewer or other words."));
  } catch (error) {
    out.replaceChildren(h("li", {}, `${error.message} Try other words.`));
  }
}

/** Add one node (and its links to what is drawn already), then select it. */
async function addNode(id) {
  const cy = state.cy;
  busy(true, "Peergraph is adding the node and its links to what is shown.");
  try {
    const graph = await neighbourhood(id, { limit: 200 });
    const keep = new Set([graph.center, ...cy.nodes().map((n) => n.id())]);
    const linked = graph.edges.map((e) => (e.source === graph.center ? e.target : e.source))
      .find((other) => cy.getElementById(other).nonempty());
    place({ ...graph, nodes: graph.nodes.filter((n) => keep.has(n.id)), truncated: false },
          linked || null, graph.nodes[0].label);
    select(graph.center);
  } catch (error) {
    statusLine.textContent = `Could not add it: ${error.message} Search again.`;
  } finally {
    busy(false);
  }
}

/** What is shown, in the graph endpoints' shape (derived edges and their counts included). */
function drawn() {
  const shown = state.cy.elements().not(".filtered");
  const nodes = shown.nodes().map((n) => ({ id: n.id(), type: n.data("type"), label: n.data("label"),
                                            properties: n.data("props") || {} }));
  const edges = shown.edges().map((e) => ({ id: e.id(), source: e.source().id(), target: e.target().id(),
                                            type: e.data("type"), properties: e.data("props") || {} }));
  return { center: state.focus, nodes, edges };
}

/** Download what is shown as a file the server writes (GraphML, GEXF or zipped CSV). */
async function download(format) {
  const menu = document.getElementById("download");
  menu.open = false;
  try {
    const response = await fetch("/api/v1/exports", {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ format, ...drawn() }) });
    if (!response.ok) throw new Error((await response.json()).detail || response.statusText);
    const name = /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition") || "")?.[1] || `peergraph.${format}`;
    const link = h("a", { href: URL.createObjectURL(await response.blob()), download: name });
    document.body.append(link);
    link.click();
    link.remove();
    statusLine.textContent = `Downloaded ${name}: the ${state.cy.nodes(":visible").length} nodes shown and their lines.`;
  } catch (error) {
    statusLine.textContent = `The download failed: ${error.message} Try again, or a smaller view.`;
  }
}

/** Wire the path form and the search form; keep the path suggestions current. */
export function wireTools() {
  document.querySelectorAll("#download [data-format]").forEach((button) =>
    button.addEventListener("click", () => download(button.dataset.format)));
  document.getElementById("path-form").addEventListener("submit", findPath);
  document.getElementById("add-form").addEventListener("submit", search);
  let queued = false;  // once per batch of added nodes, not once per node
  state.cy.on("add remove", "node", () => {
    if (queued) return;
    queued = true;
    queueMicrotask(() => { queued = false; suggestAuthors(); });
  });
  suggestAuthors();  // the tools are wired once the first view is drawn
  const focus = state.cy.getElementById(state.focus);
  if (focus.nonempty() && focus.data("type") === "Author") {
    document.getElementById("path-from").value = focus.data("label");
  }
}
