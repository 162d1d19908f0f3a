// The fcose force layout (with layout-base and cose-base, which it needs) as one minified ES
// module, built by `npm run build` into dist/: one request and a third of the three UMD
// scripts' bytes, fetched beside Cytoscape instead of before the page's modules can run.
export { default } from "cytoscape-fcose";
