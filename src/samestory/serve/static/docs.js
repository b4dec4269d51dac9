// The API reference, drawn from the server's own /openapi.json (no inline script, no CDN).
"use strict";

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
  for (const c of children.flat()) if (c !== null && c !== undefined) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}

function resolve(schema, spec, depth) {
  if (!schema || depth > 6) return schema;
  if (schema.$ref) return resolve(spec.components.schemas[schema.$ref.split("/").pop()], spec, depth + 1);
  return schema;
}

function describe(schema, spec) {
  const s = resolve(schema, spec, 0) || {};
  const out = {};
  if (s.properties) {
    for (const [k, v] of Object.entries(s.properties)) {
      const r = resolve(v, spec, 0) || {};
      out[k] = r.type || (r.anyOf || []).map((x) => (resolve(x, spec, 0) || {}).type || "object").join(" | ") || "any";
    }
    return out;
  }
  if (s.anyOf) return s.anyOf.map((x) => describe(x, spec));
  return s.type || "object";
}

async function main() {
  const spec = await (await fetch("/openapi.json")).json();
  const main = document.getElementById("main");
  const sections = [];
  for (const [path, ops] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const params = (op.parameters || []).map((p) => el("li", {}, el("code", {}, p.name), ` (${p.in}${p.required ? ", required" : ""}) `, p.description || ""));
      const body = op.requestBody && op.requestBody.content && op.requestBody.content["application/json"];
      const responses = Object.entries(op.responses || {}).map(([code, r]) => el("li", {}, el("code", {}, code), " ", r.description || ""));
      sections.push(el("section", {},
        el("h2", {}, el("span", { class: "method" }, method.toUpperCase()), " ", el("code", {}, path)),
        el("p", {}, op.summary || ""), op.description ? el("p", { class: "note" }, op.description) : null,
        params.length ? [el("h3", {}, "Parameters"), el("ul", {}, params)] : null,
        body ? [el("h3", {}, "Body"), el("pre", {}, JSON.stringify(describe(body.schema, spec), null, 2))] : null,
        el("h3", {}, "Responses"), el("ul", {}, responses)));
    }
  }
  main.replaceChildren(el("div", { class: "docs" },
    el("h1", {}, `${spec.info.title} API ${spec.info.version}`),
    el("p", { class: "note" }, "Errors are problem details (RFC 9457, application/problem+json). Writes need Authorization: Bearer <token> when the server has one. The full schema: ", el("a", { href: "/openapi.json" }, "/openapi.json"), "."),
    sections));
}

main().catch((e) => { document.getElementById("main").textContent = `Could not load the schema: ${e}`; });
