// Renders /openapi.json as a readable list of endpoints (works offline, unlike Swagger UI
// from a CDN). Text goes in with textContent only.
"use strict";

function el(tag, text, cls) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (cls) node.className = cls;
  return node;
}

function schemaName(schema) {
  if (!schema) return "";
  if (schema.$ref) return schema.$ref.split("/").pop();
  if (schema.anyOf) return schema.anyOf.map(schemaName).filter((n) => n !== "null").join(" | ");
  if (schema.enum) return schema.enum.join(" | ");
  return schema.type || "";
}

async function render() {
  const spec = await (await fetch("/openapi.json")).json();
  const out = document.getElementById("endpoints");
  out.replaceChildren();
  for (const [path, methods] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const card = el("section", undefined, "card");
      card.style.margin = "0 0 1rem";
      card.append(el("h2", `${method.toUpperCase()} ${path}`));
      if (op.description || op.summary) card.append(el("p", op.description || op.summary));
      const params = op.parameters || [];
      if (params.length) {
        const table = el("table");
        const head = el("tr");
        for (const label of ["parameter", "in", "type", "required", "about"]) head.append(el("th", label));
        table.append(head);
        for (const p of params) {
          const row = el("tr");
          row.append(el("td", p.name), el("td", p.in), el("td", schemaName(p.schema)),
            el("td", p.required ? "yes" : ""), el("td", (p.schema && p.schema.description) || p.description || ""));
          table.append(row);
        }
        const wrap = el("div", undefined, "table-wrap");
        wrap.append(table);
        card.append(wrap);
      }
      if (op.requestBody) {
        const types = Object.entries(op.requestBody.content || {}).map(([t, c]) => `${t} (${schemaName(c.schema)})`);
        card.append(el("p", `Body: ${types.join(", ")}`, "muted"));
      }
      out.append(card);
    }
  }
}

render().catch((error) => {
  document.getElementById("endpoints").replaceChildren(el("p", String(error), "error"));
});
