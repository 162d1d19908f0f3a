// The profile page: the research-graph slice, and the follow / claim / invite actions.
import { wireClaims } from "./claim.js";
import { addElements, h, loadCytoscape, neighbourhood, pageWrite, resize, style, toElements } from "./graph.js";

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

/** Draw the author's collaborators and institutions, with a list as the text alternative. */
async function drawSlice() {
  const loading = document.getElementById("mini-loading");
  const container = document.getElementById("mini-graph");
  const list = document.getElementById("mini-graph-list");
  try {
    const [cytoscape, graph] = await Promise.all([
      loadCytoscape(), neighbourhood(authorId, { types: "Author,Institution", limit: 40 })]);
    for (const node of graph.nodes.filter((n) => n.id !== graph.center)) {
      const href = node.type === "Author" ? `/authors/${encodeURIComponent(node.id)}`
                                          : `/explore?focus=${encodeURIComponent(node.id)}`;
      list.append(h("li", { "data-node-id": node.id }, h("a", { href }, node.label), ` (${node.type.toLowerCase()})`));
    }
    if (!graph.nodes.some((n) => n.id !== graph.center)) list.append(h("li", {}, "No collaborators or institutions yet."));
    if (!cytoscape) {
      loading.textContent = "The graph library is not installed here (run `npm ci --prefix web`); the list below shows the same neighbours.";
      return;
    }
    const cy = cytoscape({ container, style: style(), boxSelectionEnabled: false });
    addElements(cy, toElements(graph));
    cy.getElementById(graph.center).addClass("focus");
    resize(cy);
    cy.layout({ name: "concentric", concentric: (n) => (n.id() === graph.center ? 2 : 1),
                levelWidth: () => 1, minNodeSpacing: 110, animate: false, padding: 30 }).run();
    cy.on("tap", "node", (event) => {
      const node = event.target;
      if (node.id() !== graph.center && node.data("type") === "Author") {
        window.location.href = `/authors/${encodeURIComponent(node.id())}`;
      }
    });
    window.peergraphProfile = { cy };
    loading.hidden = true;
  } catch (error) {
    loading.textContent = `The graph could not be loaded: ${error.message}`;
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
