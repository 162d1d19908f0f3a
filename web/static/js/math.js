// TeX in titles and abstracts ($…$, $$…$$, \(…\), \[…\]) rendered by KaTeX, only inside
// elements marked class="math-text", never the whole page: a dollar amount anywhere else
// stays text. Marked elements that scripts add later (the explorer's cards, the profile's
// lists) are rendered as they appear, so a page only marks them. KaTeX (about 280 kB) is
// loaded only when a marked element holds a delimiter; its stylesheet is linked by base.html.
// KaTeX sets its inline styles through element.style (CSSOM), which the pages' CSP allows.

const SELECTOR = ".math-text";
const OPTIONS = {
  // "$$" before "$", or "$$x$$" would read as two empty "$…$".
  delimiters: [
    { left: "$$", right: "$$", display: true },
    { left: "\\[", right: "\\]", display: true },
    { left: "\\(", right: "\\)", display: false },
    { left: "$", right: "$", display: false },
  ],
  throwOnError: false, // bad TeX is shown as its source, in KaTeX's error colour
  strict: "ignore", // sources write Unicode in math ($δ$): not worth a console warning
  trust: false, // no \href or \includegraphics from a source's text
  ignoredClasses: ["katex"], // what is rendered already: rendering twice changes nothing
  errorCallback: (message, error) => console.warn(message, error),
};
const HAS_TEX = /\$|\\\(|\\\[/;

let loading = null; // the auto-render function, imported on first need
// Each element's text as its last rendering left it. Rendering splits text nodes even where
// nothing renders ("a $5 fee"), and the observer sees that: without this it would go on.
const rendered = new WeakMap();

/** KaTeX's auto-render extension, loaded once. */
function autoRender() {
  loading ??= import("/static/vendor/katex/contrib/auto-render.mjs").then((m) => m.default);
  return loading;
}

/** The marked elements at or under `node`. */
function marked(node) {
  if (!(node instanceof Element)) return [];
  const inside = [...node.querySelectorAll(SELECTOR)];
  return node.matches(SELECTOR) ? [node, ...inside] : inside;
}

/** Render the TeX of every marked element at or under `root`. */
export async function renderMath(root = document.body) {
  const pending = marked(root).filter((element) => HAS_TEX.test(element.textContent)
    && rendered.get(element) !== element.textContent);
  if (pending.length === 0) return;
  let render;
  try {
    render = await autoRender();
  } catch (error) {
    console.warn("KaTeX is not installed here (npm ci --prefix web): TeX stays as source", error);
    return;
  }
  for (const element of pending) {
    try {
      render(element, OPTIONS);
    } catch (error) {
      console.warn("KaTeX could not render", element, error);
    }
    rendered.set(element, element.textContent);
  }
}

/** Render marked elements that scripts add or refill, in one batch per task. */
function watch() {
  const due = new Set();
  const flush = () => {
    const roots = [...due].filter((e) => e.isConnected);
    due.clear();
    roots.forEach((root) => renderMath(root));
  };
  new MutationObserver((records) => {
    const before = due.size;
    for (const record of records) {
      const target = record.target instanceof Element ? record.target : record.target.parentElement;
      const owner = target?.closest(SELECTOR);
      if (owner) due.add(owner);
      record.addedNodes.forEach((node) => marked(node).forEach((e) => due.add(e)));
    }
    if (before === 0 && due.size > 0) queueMicrotask(flush);
  }).observe(document.body, { childList: true, subtree: true, characterData: true });
}

renderMath();
watch();
