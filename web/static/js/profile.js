// The profile page: the research-graph slice, and the follow / claim / invite actions.
import { wireClaims } from "./claim.js";
import { addElements, api, h, loadCytoscape, neighbourhood, pageWrite, resize, style, toElements } from "./graph.js";
import { fitReadable, forceLayout } from "./layout.js";

const profile = document.getElementById("profile");
const authorId = profile.dataset.authorId;
const authorName = profile.dataset.name;
const statusBox = document.getElementById("action-status");

/** Say what happened in the Actions panel (announced to screen readers). */
function say(message, kind = "ok") {
  statusBox.textContent = message;
  statusBox.className = `notice ${kind}`;
  statusBox.hidden = false;
}

// Capped so that every label reads in the small drawing: the closest few of each kind.
const SLICE = { collaborators: 6, topics: 4, institutions: 2, venues: 2 };
const RECENT_WORKS = 4;

/** The author in context (co-authors, topics, institutions, venues) and a few recent works. */
async function slice() {
  const [context, works] = await Promise.all([
    api(`/api/v1/authors/${encodeURIComponent(authorId)}/context`, SLICE),
    neighbourhood(authorId, { types: "Work", edge_types: "AUTHORED", limit: RECENT_WORKS + 1 })]);
  return { ...context, nodes: [...context.nodes, ...works.nodes.filter((n) => n.id !== context.center)],
           edges: [...context.edges, ...works.edges] };
}

/** Where a node of the slice leads: a profile, a work page, or the explorer. */
function hrefOf(node) {
  const id = encodeURIComponent(node.id);
  if (node.type === "Author") return `/authors/${id}`;
  if (node.type === "Work") return `/works/${id}`;
  return `/explore?focus=${id}`;
}

/** Draw the slice, with a list as the text alternative. */
async function drawSlice() {
  const loading = document.getElementById("mini-loading");
  const container = document.getElementById("mini-graph");
  const list = document.getElementById("mini-graph-list");
  try {
    const [cytoscape, graph] = await Promise.all([loadCytoscape(), slice()]);
    for (const node of graph.nodes.filter((n) => n.id !== graph.center)) {
      list.append(h("li", { "data-node-id": node.id, "data-type": node.type },
        h("a", { href: hrefOf(node), class: "math-text" }, node.label), ` (${node.type.toLowerCase()})`));
    }
    if (!graph.nodes.some((n) => n.id !== graph.center)) list.append(h("li", {}, "No collaborators, topics or institutions yet."));
    if (!cytoscape) {
      loading.textContent = "The graph cannot be drawn here; the list below shows the same neighbours.";
      return;
    }
    const cy = cytoscape({ container, style: style(), boxSelectionEnabled: false, minZoom: 0.2, maxZoom: 2.5 });
    addElements(cy, toElements(graph));
    const focus = cy.getElementById(graph.center).addClass("focus");
    resize(cy);
    forceLayout(cy.elements(), focus, { randomize: true, spacing: 80, fix: false });
    fitReadable(cy, cy.elements(), focus);
    cy.on("tap", "node", (event) => {
      if (event.target.id() !== graph.center) window.location.href = hrefOf({ id: event.target.id(), type: event.target.data("type") });
    });
    window.peergraphProfile = { cy };
    loading.hidden = true;
  } catch (error) {
    loading.textContent = `The graph could not be loaded: ${error.message} Reload the page to try again.`;
  }
}

/** Follow or unfollow; the follower count updates from the answer. */
async function toggleFollow(button) {
  const following = button.dataset.following === "true";
  button.disabled = true;
  try {
    const state = await pageWrite(following ? "DELETE" : "PUT", `/web/authors/${encodeURIComponent(authorId)}/follow`);
    document.querySelector('[data-testid="count-followers"]').textContent = state.followers;
    button.dataset.following = String(state.following);
    button.setAttribute("aria-pressed", String(state.following));
    button.textContent = `${state.following ? "Unfollow" : "Follow"} ${authorName}`;
    say(state.following ? `You follow ${authorName}.` : `You no longer follow ${authorName}.`);
  } catch (error) {
    say(error.message, "error");
  } finally {
    button.disabled = false;
  }
}

/** Invite the holder of this record to collaborate; once sent, the form gives way to a note. */
async function invite(event) {
  event.preventDefault();
  const form = event.target;
  const message = document.getElementById("invite-message");
  const from = document.getElementById("invite-from");
  const note = document.getElementById("invite-status");
  const tell = (kind, ...parts) => {
    note.replaceChildren(...parts);
    note.className = `notice ${kind}`;
    note.hidden = false;
  };
  if (!message.value.trim()) {
    tell("error", `Write a short message first: say what you would like to work on with ${authorName}.`);
    message.focus();
    return;
  }
  const button = document.getElementById("invite-button");
  button.disabled = true;
  try {
    const body = { to_author_id: authorId, message: message.value.trim() };
    if (from) body.from_author_id = from.value;
    const sent = await pageWrite("POST", "/web/invitations", body);
    const name = sent.to_name || authorName;
    form.hidden = true;
    tell("ok", `Invitation sent to ${name}. They will find it on their Invitations page; `,
         h("a", { href: "/account/invitations" }, "follow their answer on yours"), ".");
  } catch (error) {
    tell("error", error.message);
  } finally {
    button.disabled = false;
  }
}

document.getElementById("follow-button")?.addEventListener("click", (e) => toggleFollow(e.currentTarget));
wireClaims(authorId, say);
document.getElementById("invite-form")?.addEventListener("submit", invite);
drawSlice();
