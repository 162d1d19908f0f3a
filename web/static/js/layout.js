// After the force layout: push apart nodes whose boxes (the node and its label) still
// overlap, so no label is drawn over another node or label. Forces make overlaps rare, not
// impossible; this pass makes them none, moving the fewest nodes the least distance.

const GAP = 6;  // model pixels kept between two boxes
const ROUNDS = 80;

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

/** Move a node and its cached box by (dx, dy). */
function shift(item, dx, dy) {
  item.node.shift({ x: dx, y: dy });
  item.box.x1 += dx; item.box.x2 += dx; item.box.y1 += dy; item.box.y2 += dy;
}

/** Separate the visible `nodes`; those in `pinned` move only when both of a pair are pinned. */
export function separateLabels(nodes, pinned) {
  const pinnedIds = new Set(pinned.map((n) => n.id()));
  const items = nodes.filter((n) => n.visible()).map((node) => ({ node, box: box(node), pinned: pinnedIds.has(node.id()) }));
  for (let round = 0; round < ROUNDS; round += 1) {
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
    if (!moved) return round;
  }
  return ROUNDS;
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
