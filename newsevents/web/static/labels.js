// Labels of the network's dots placed so that no two overlap and none covers a dot: each
// label tries the right, left, top, bottom and the four corners of its dot, busiest
// actors first, with the actor's name ("Russia") and, where the name has no free place,
// its code ("RUS"); a label with no free place is left out (its dot names it on hover).
"use strict";

const LABEL_FONT = "11px system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";

function labelWidth(text) {
  const context = (labelWidth.canvas = labelWidth.canvas || document.createElement("canvas")).getContext("2d");
  context.font = LABEL_FONT;
  return context.measureText(text).width;
}

function boxesOverlap(a, b) {
  return a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
}

// The places a label of width w may take around dot d, in order of preference.
function labelOptions(d, w) {
  return [
    { x: d.x + d.r + 2, y: d.y + 4, anchor: "start", x1: d.x + d.r + 2 },
    { x: d.x - d.r - 2, y: d.y + 4, anchor: "end", x1: d.x - d.r - 2 - w },
    { x: d.x, y: d.y - d.r - 3, anchor: "middle", x1: d.x - w / 2 },
    { x: d.x, y: d.y + d.r + 11, anchor: "middle", x1: d.x - w / 2 },
    { x: d.x + d.r * 0.7 + 1, y: d.y - d.r * 0.7 - 1, anchor: "start", x1: d.x + d.r * 0.7 + 1 },
    { x: d.x - d.r * 0.7 - 1, y: d.y - d.r * 0.7 - 1, anchor: "end", x1: d.x - d.r * 0.7 - 1 - w },
    { x: d.x + d.r * 0.7 + 1, y: d.y + d.r * 0.7 + 9, anchor: "start", x1: d.x + d.r * 0.7 + 1 },
    { x: d.x - d.r * 0.7 - 1, y: d.y + d.r * 0.7 + 9, anchor: "end", x1: d.x - d.r * 0.7 - 1 - w },
  ];
}

// dots: [{id, name?, x, y, r, events}] -> {id: {x, y, anchor, text}} for the labels that fit.
function placeLabels(dots, width, height) {
  const taken = dots.map((d) => ({ x1: d.x - d.r, y1: d.y - d.r, x2: d.x + d.r, y2: d.y + d.r, id: d.id }));
  const placed = {};
  for (const d of [...dots].sort((a, b) => b.events - a.events)) {
    const texts = d.name && d.name !== d.id ? [d.name, d.id] : [d.id];
    for (const text of texts) {
      if (placeLabel(d, text, taken, width, height, placed)) break;
    }
  }
  return placed;
}

// Puts d's label saying text in the first free place (recorded in taken and placed).
function placeLabel(d, text, taken, width, height, placed) {
  const w = labelWidth(text), tall = 11;
  for (const o of labelOptions(d, w)) {
    const box = { x1: o.x1 - 1, y1: o.y - tall + 1, x2: o.x1 + w + 1, y2: o.y + 3 };
    const inside = box.x1 >= 0 && box.x2 <= width && box.y1 >= 0 && box.y2 <= height;
    if (inside && !taken.some((t) => t.id !== d.id && boxesOverlap(t, box))) {
      taken.push({ ...box, id: null });
      placed[d.id] = { x: o.x, y: o.y, anchor: o.anchor, text };
      return true;
    }
  }
  return false;
}
