// The paste box's answer as a compact list: one line per event (actors, codes, modality,
// date, trigger); a line opens to its marked evidence sentence and its facts.
"use strict";

function codedList(events) {
  return h("div", { "data-testid": "coded-list" }, legend(),
    h("ol", { class: "coded-list" }, events.map(codedLine)));
}

function codedLine(event) {
  const summary = h("summary", {},
    h("span", { class: "who" }, `${actorLabel(event.source)} → ${actorLabel(event.target)}`), " ",
    h("span", { class: "code" }, codeLabel(event)), " ", modalityBadge(event.modality), " ",
    h("span", { class: "muted nowrap" }, dateLabel(event)),
    h("span", { class: "trigger muted" }, event.evidence.trigger));
  return h("li", {}, h("details", { "data-testid": "coded-event" }, summary,
    h("div", { class: "coded-detail" }, evidenceBlock(event), eventFacts(event))));
}
