// The profile page's claim panel: start a claim by the route the visitor picked (ORCID, a
// code by e-mail, or a review), then enter the code when one was sent.
import { pageWrite } from "./graph.js";

/** Wire the claim panel of the author's profile; `say` reports in the Actions panel. */
export function wireClaims(authorId, say) {
  const verify = document.getElementById("claim-verify");
  const start = async (method, body, control) => {
    control.disabled = true;
    try {
      const started = await pageWrite("POST", `/web/authors/${encodeURIComponent(authorId)}/claims`, { method, ...body });
      if (started.authorize_url) {
        say("Taking you to ORCID to sign in…");
        window.location.assign(started.authorize_url);
      } else if (started.claim.status === "pending" && method === "email") {
        verify.dataset.claimId = started.claim.id;
        document.getElementById("claim-sent").textContent =
          `A one-time code was sent to ${started.claim.sent_to}. It works once, within a few minutes.`;
        verify.hidden = false;
        document.getElementById("claim-code").focus();
        say("Check your e-mail for the code.");
      } else {
        say(started.detail);
        window.location.reload();  // verified at once, in review, or disputed: the panel says so
      }
    } catch (error) {
      say(error.message, "error");
    } finally {
      control.disabled = false;
    }
  };
  for (const control of document.querySelectorAll("#claim-box [data-claim-method]")) {
    const method = control.dataset.claimMethod;
    if (control.tagName === "FORM") {
      control.addEventListener("submit", (event) => {
        event.preventDefault();
        const fields = Object.fromEntries([...new FormData(control)].map(([k, v]) => [k, String(v).trim()]).filter(([, v]) => v));
        start(method, method === "review" ? { evidence: fields } : fields, control.querySelector("button"));
      });
    } else {
      control.addEventListener("click", () => start(method, {}, control));
    }
  }
  verify.addEventListener("submit", async (event) => {
    event.preventDefault();
    const code = document.getElementById("claim-code").value.trim();
    try {
      const result = await pageWrite("POST", `/web/claims/${encodeURIComponent(verify.dataset.claimId)}/verify`, { code });
      say(result.detail);
      if (result.claim.status !== "pending") window.location.reload();
    } catch (error) {
      say(error.message, "error");
    }
  });
}
