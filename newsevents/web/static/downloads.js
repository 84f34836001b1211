// Download links of the event explorer: every event of the current filter (not only the
// page on screen) as CSV or Parquet, from /api/events.csv and /api/events.parquet.
"use strict";

function downloadLinks(filters) { // filters: URLSearchParams without limit and offset
  const link = (format, label) => h("a", {
    class: "button plain", href: `/api/events.${format}${filters.toString() ? "?" + filters : ""}`,
    download: `events.${format}`, "data-testid": `download-${format}`,
  }, label);
  return h("div", { class: "downloads" }, h("span", { class: "muted" }, "Download every match:"),
    link("csv", "CSV"), link("parquet", "Parquet"));
}
