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
  if (schema.type === "array") return `list of ${schemaName(schema.items)}`;
  return schema.format ? `${schema.type} (${schema.format})` : schema.type || "";
}

// Range, default and pattern of a parameter, in words.
function limits(schema) {
  if (!schema) return "";
  const parts = [];
  if (schema.minimum !== undefined || schema.maximum !== undefined) {
    parts.push(`${schema.minimum ?? "…"}–${schema.maximum ?? "…"}`);
  }
  if (schema.maxLength !== undefined) parts.push(`at most ${schema.maxLength} characters`);
  if (schema.default !== undefined && schema.default !== null) parts.push(`default ${schema.default}`);
  return parts.join(", ");
}

function plain(text) {
  return (text || "").replace(/``/g, "`");
}

function resolve(spec, schema) {
  if (schema && schema.$ref) return spec.components.schemas[schema.$ref.split("/").pop()];
  return schema;
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
      if (op.description || op.summary) card.append(el("p", plain(op.description || op.summary)));
      const params = op.parameters || [];
      if (params.length) {
        const table = el("table");
        const head = el("tr");
        for (const label of ["parameter", "in", "type", "required", "limits", "about"]) head.append(el("th", label));
        table.append(head);
        for (const p of params) {
          const row = el("tr");
          row.append(el("td", p.name), el("td", p.in), el("td", schemaName(p.schema)),
            el("td", p.required ? "yes" : ""), el("td", limits(p.schema)),
            el("td", plain((p.schema && p.schema.description) || p.description || "")));
          table.append(row);
        }
        const wrap = el("div", undefined, "table-wrap");
        wrap.append(table);
        card.append(wrap);
      }
      if (op.requestBody) {
        for (const [type, content] of Object.entries(op.requestBody.content || {})) {
          const body = resolve(spec, content.schema) || {};
          card.append(el("p", `Body (${type}):`, "muted"));
          const list = el("ul");
          for (const [name, field] of Object.entries(body.properties || {})) {
            const required = (body.required || []).includes(name) ? ", required" : "";
            const about = plain(field.description || "");
            list.append(el("li", `${name}: ${schemaName(field)}${required}${about ? " — " + about : ""}`));
          }
          card.append(list);
        }
      }
      out.append(card);
    }
  }
}

render().catch((error) => {
  document.getElementById("endpoints").replaceChildren(el("p", String(error), "error"));
});
