// The API reference pages: Swagger UI or Redoc, both served by Peergraph itself.
const root = document.getElementById("api-reference");
const spec = root.dataset.spec;

function failed(what) {
  root.innerHTML = "";
  const p = document.createElement("p");
  p.className = "notice";
  p.textContent = `The reference could not be shown (${what}). Reload the page; the ` +
    "machine-readable description stays at /openapi.json.";
  root.append(p);
}

if (root.dataset.viewer === "swagger") {
  if (typeof SwaggerUIBundle !== "function") failed("the viewer did not load");
  else SwaggerUIBundle({ url: spec, domNode: root, deepLinking: false,
                         defaultModelsExpandDepth: 0, tryItOutEnabled: false });
} else if (typeof Redoc === "undefined") {
  failed("the viewer did not load");
} else {
  // Redoc's own theme, darkened where its defaults fall short of 4.5:1 (axe, WCAG AA).
  const theme = {
    colors: {
      text: { primary: "#1c2430", secondary: "#3f4a5a" },
      // unselected response tabs sit on the dark panel; docs.css darkens the selected one
      responses: { error: { tabTextColor: "#ff9e99" } },
    },
  };
  labelSelects();
  Redoc.init(spec, { nonce: root.dataset.nonce, hideDownloadButton: false, theme,
                     expandResponses: "200,201", scrollYOffset: 0 }, root,
             (error) => { if (error) failed("the description did not load"); });
}

/** Redoc's example and content-type pickers have no label: name them for screen readers;
 *  its scrolling samples take keyboard focus, so they can be scrolled without a mouse. */
function labelSelects() {
  const label = () => {
    root.querySelectorAll("select:not([aria-label])").forEach((select) => {
      const text = select.closest("h5, div")?.textContent || "";
      select.setAttribute("aria-label", /content type/i.test(text) ? "Content type" : "Example");
    });
    root.querySelectorAll("pre:not([tabindex])").forEach((pre) => pre.setAttribute("tabindex", "0"));
  };
  new MutationObserver(label).observe(root, { childList: true, subtree: true });
}
