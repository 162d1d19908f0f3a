// After the force layout: push apart nodes whose boxes (the node and its label) still
// overlap, so no label is drawn over another node or label. Forces make overlaps rare, not
// impossible; this pass makes them none, moving the fewest nodes the least distance.

const GAP = 6;  // model pixels kept between two boxes
const ROUNDS = 80;
// Labels are at least READABLE_PX on screen after a fit: when the fit zooms out, the model's
// font grows (up to MAX_FONT) and the labels are separated again.
const READABLE_PX = 11.5;
const BASE_FONT = 13;
const MAX_FONT = 30;
const FIT_PADDING = 24;
// A first view drawn a little wider than the screen is drawn closer together (when this
// factor or less suffices) rather than with a larger font: moving nodes is cheap, restyling
// is not.
const MIN_COMPACT = 0.7;

let fcose = false;  // registered with Cytoscape (graph.js loads it beside the library)

/** Register the fcose layout with Cytoscape, once. */
export function useForceLayout(cytoscape, extension) {
  if (!fcose) cytoscape.use(extension);
  fcose = true;
}

/** Start a first view on rings around `focus`: co-authors on the inner one, topics,
 *  institutions and venues outside. Deterministic, so the same researcher is drawn the same
 *  way on every visit, and the force layout only refines it (no random start). */
export function seedRings(focus, nodes, spacing) {
  const around = nodes.not(focus);
  const authors = around.filter((node) => node.data("type") === "Author");
  const others = around.not(authors);
  const centre = focus.position();
  // a ring long enough for its labels side by side, outside the one within
  const width = (node) => { const b = box(node); return b.x2 - b.x1 + GAP; };
  const radiusFor = (ring, least) => Math.max(least, ring.reduce((sum, node) => sum + width(node), 0) / (2 * Math.PI));
  const place = (ring, radius, offset) => ring.forEach((node, i) => {
    const angle = offset + (2 * Math.PI * i) / ring.length;
    node.position({ x: centre.x + radius * Math.cos(angle), y: centre.y + radius * Math.sin(angle) });
  });
  const inner = radiusFor(authors, spacing * 1.3);
  place(authors, inner, -Math.PI / 2);
  place(others, radiusFor(others, inner + spacing * 1.1), -Math.PI / 2 + Math.PI / Math.max(1, others.length));
}

/** The fcose force layout over `shown` (cose without fcose), `pinned` nodes held where they
 *  are when `fix`; then labels separated, moving `pinned` least. `spacing`: edge length. */
export function forceLayout(shown, pinned, { randomize = false, spacing = 110, fix = true } = {}) {
  const options = fcose
    ? { name: "fcose", quality: "proof", randomize, animate: false, nodeDimensionsIncludeLabels: false, initialEnergyOnIncremental: 0.1,
        packComponents: true, padding: 24, nodeRepulsion: () => 9000, idealEdgeLength: () => spacing,
        nodeSeparation: spacing * 0.8,
        fixedNodeConstraint: fix && pinned.nonempty()
          ? pinned.map((n) => ({ nodeId: n.id(), position: { ...n.position() } })) : undefined }
    : { name: "cose", animate: false, randomize: false, nodeDimensionsIncludeLabels: true };
  shown.layout(options).run();
  performance.mark("layout:forces");
  separateLabels(shown.nodes(), pinned);
}

/** Bring `nodes` closer together when fitting them would zoom out so far that the base font
 *  is no longer readable (by at most MIN_COMPACT), then separate their labels again. */
export function compactToFit(cy, nodes, keep) {
  const wanted = (READABLE_PX / BASE_FONT) * 1.04;  // a margin: separating labels widens again
  for (let round = 0; round < 2; round += 1) {
    const drawn = nodes.boundingBox({ includeLabels: true });
    const zoom = Math.min((cy.width() - 2 * FIT_PADDING) / drawn.w, (cy.height() - 2 * FIT_PADDING) / drawn.h);
    // far too wide (a phone, a big expansion): the font grows instead, as fitReadable does
    if (zoom >= wanted || zoom / wanted < MIN_COMPACT) return;
    const factor = zoom / wanted;
    const x = (drawn.x1 + drawn.x2) / 2;
    const y = (drawn.y1 + drawn.y2) / 2;
    nodes.positions((node) => ({ x: x + (node.position("x") - x) * factor,
                                 y: y + (node.position("y") - y) * factor }));
    separateLabels(nodes, keep);
  }
}

/** Fit `target`, never zooming past `maxZoom`, with labels readable at the zoom it ends at
 *  (the font grows as the fit zooms out; labels are separated again, `keep` held still). */
export function fitReadable(cy, target, keep, maxZoom = 1.3) {
  cy.stop();
  for (let round = 0; round < 3; round += 1) {
    fitWithin(cy, target, maxZoom);
    const size = Math.min(MAX_FONT, Math.max(BASE_FONT, Math.ceil(READABLE_PX / cy.zoom())));
    if (size === (cy.scratch("font") || BASE_FONT)) return;
    cy.scratch("font", size);
    cy.style().selector("node").style({ "font-size": size, "text-max-width": Math.round(size * 9) })
      .selector('node[type = "Author"]').style("font-size", size + 1)
      .selector("edge").style("font-size", Math.round(size * 0.85)).update();
    // a style update leaves the boxes cached at the old size (a label would be drawn clipped
    // to its old box): drop them, so they are measured afresh at the new one
    cy.elements().dirtyBoundingBoxCache();
    separateLabels(cy.nodes(":visible"), keep);
  }
  fitWithin(cy, target, maxZoom);  // the last round's labels inside the view as well
}

/** Fit `target` in the view, never zooming in past `maxZoom`. */
function fitWithin(cy, target, maxZoom) {
  cy.fit(target, FIT_PADDING);
  if (cy.zoom() > maxZoom) cy.zoom({ level: maxZoom, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
}

/** The node's box with its label, in model coordinates. */
function box(node) {
  const b = node.boundingBox({ includeLabels: true, includeOverlays: false, includeEdges: false });
  return { x1: b.x1, y1: b.y1, x2: b.x2, y2: b.y2 };
}

/** How far two boxes overlap along each axis (both positive when they do). */
function overlap(a, b) {
  return { x: Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1) + GAP,
           y: Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1) + GAP };
}

/** Move a node's cached box by (dx, dy), and note it: the node moves once, at the end. */
function shift(item, dx, dy) {
  item.dx += dx; item.dy += dy;
  item.box.x1 += dx; item.box.x2 += dx; item.box.y1 += dy; item.box.y2 += dy;
}

/** Move each node by what its box moved, in one batch (each move of a drawn node costs
 *  Cytoscape events and cache updates: one per node, not one per push). */
function applyShifts(cy, items) {
  cy.batch(() => items.forEach((item) => {
    if (item.dx || item.dy) item.node.shift({ x: item.dx, y: item.dy });
  }));
}

/** Separate the visible `nodes`; those in `pinned` move only when both of a pair are pinned. */
export function separateLabels(nodes, pinned) {
  const pinnedIds = new Set(pinned.map((n) => n.id()));
  const items = nodes.filter((n) => n.visible())
    .map((node) => ({ node, box: box(node), pinned: pinnedIds.has(node.id()), dx: 0, dy: 0 }));
  let round = 0;
  for (; round < ROUNDS; round += 1) {
    let moved = false;
    for (let i = 0; i < items.length; i += 1) {
      for (let j = i + 1; j < items.length; j += 1) {
        const a = items[i];
        const b = items[j];
        const o = overlap(a.box, b.box);
        if (o.x <= 0 || o.y <= 0) continue;
        moved = true;
        push(a, b, o);
      }
    }
    if (!moved) break;
  }
  if (items.length) applyShifts(nodes.cy(), items);
  return round;
}

/** Push a pair apart along the axis where they overlap least. */
function push(a, b, o) {
  const ax = (a.box.x1 + a.box.x2) / 2; const ay = (a.box.y1 + a.box.y2) / 2;
  const bx = (b.box.x1 + b.box.x2) / 2; const by = (b.box.y1 + b.box.y2) / 2;
  const alongX = o.x < o.y;
  // the same centre: a fixed direction, so the result is the same on every run
  const sign = alongX ? Math.sign(bx - ax) || 1 : Math.sign(by - ay) || 1;
  const distance = alongX ? o.x : o.y;
  const [share, other] = a.pinned === b.pinned ? [0.5, 0.5] : a.pinned ? [0, 1] : [1, 0];
  const dx = alongX ? distance * sign : 0;
  const dy = alongX ? 0 : distance * sign;
  if (share) shift(a, -dx * share, -dy * share);
  if (other) shift(b, dx * other, dy * other);
}
