// The query page of kg serve: canned queries, an editor, and a table of answers.
// Every text from the graph is set with textContent, never parsed as HTML.
"use strict";

const $ = (id) => document.getElementById(id);
let baseIri = "";

function el(tag, text, attrs) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = text;
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  return node;
}

async function loadCanned() {
  const response = await fetch("/queries");
  const items = await response.json();
  const list = $("canned");
  for (const item of items) {
    const li = el("li");
    const button = el("button", item.name, { type: "button", title: item.description });
    button.addEventListener("click", () => chooseCanned(item));
    li.append(button, el("small", item.description));
    list.append(li);
  }
}

async function loadBuild() {
  const response = await fetch("/build");
  const build = await response.json();
  baseIri = build.base_iri || "";
  const counts = build.counts || {};
  $("build-summary").textContent =
    `${counts.documents ?? "?"} documents · ${counts.quads ?? "?"} quads`;
}

function chooseCanned(item) {
  const names = Object.keys(item.params || {});
  if (names.length === 0) { fetchCanned(item.name, {}); return; }
  const form = $("params");
  form.hidden = false;
  $("params-title").textContent = item.name;
  const fields = $("params-fields");
  fields.replaceChildren();
  for (const name of names) {
    const label = el("label", `${name}: ${item.params[name]}`);
    const input = el("input", null, { name, type: "text" });
    label.append(input);
    fields.append(label);
  }
  form.onsubmit = (event) => {
    event.preventDefault();
    const values = {};
    for (const input of fields.querySelectorAll("input")) values[input.name] = input.value;
    fetchCanned(item.name, values);
  };
}

async function fetchCanned(name, values) {
  const response = await fetch(`/queries/${encodeURIComponent(name)}?` + new URLSearchParams(values));
  $("query").value = await response.text();
  offerDownloads();
  if (response.ok) run();
}

function termCell(term) {
  const td = el("td");
  if (!term) return td;
  if (term.type === "uri") {
    const local = baseIri && term.value.startsWith(baseIri);
    const a = el("a", local ? term.value.slice(baseIri.length) : term.value,
                 { href: local ? "/id/" + term.value.slice(baseIri.length) : term.value, title: term.value });
    td.append(a);
  } else if (term.type === "literal") {
    td.append(el("span", term.value));
    const tag = term["xml:lang"] || (term.datatype ? term.datatype.replace(/^.*[#/]/, "") : "");
    if (tag) td.append(el("span", tag, { class: "tag" }));
  } else {
    td.append(el("code", term.type === "bnode" ? "_:" + term.value : JSON.stringify(term.value)));
  }
  return td;
}

function showTable(data) {
  const results = $("results");
  results.replaceChildren();
  if ("boolean" in data) { results.append(el("p", String(data.boolean), { class: "boolean" })); return 1; }
  const vars = data.head.vars;
  const table = el("table");
  const head = el("tr");
  for (const v of vars) head.append(el("th", v));
  table.append(el("thead"));
  table.tHead.append(head);
  const body = el("tbody");
  for (const row of data.results.bindings) {
    const tr = el("tr");
    for (const v of vars) tr.append(termCell(row[v]));
    body.append(tr);
  }
  table.append(body);
  results.append(table);
  return data.results.bindings.length;
}

function showText(text, cls) {
  $("results").replaceChildren(el("pre", text, { class: cls || "" }));
}

async function run() {
  const status = $("status");
  status.textContent = "running…";
  const started = performance.now();
  try {
    const response = await fetch("/sparql", {
      method: "POST",
      headers: { "Content-Type": "application/sparql-query",
                 "Accept": "application/sparql-results+json, text/turtle;q=0.9" },
      body: $("query").value,
    });
    const type = response.headers.get("Content-Type") || "";
    const ms = Math.round(performance.now() - started);
    if (!response.ok) {
      showText(await response.text(), "error");
      status.textContent = `${response.status} ${response.statusText}`;
    } else if (type.startsWith("application/sparql-results+json")) {
      const n = showTable(await response.json());
      status.textContent = `${n} row${n === 1 ? "" : "s"} in ${ms} ms`;
    } else {
      showText(await response.text());
      status.textContent = `graph in ${ms} ms`;
    }
  } catch (error) {
    showText(String(error), "error");
    status.textContent = "failed";
  }
}

// The form of a query (SELECT and ASK answer results, CONSTRUCT and DESCRIBE a graph):
// its first keyword once strings, IRIs, comments and the prologue are set aside.
function queryKind(text) {
  const bare = text.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|<[^<>\s]*>|#[^\n]*/g, " ");
  const form = (bare.match(/\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b/i) || [""])[0].toUpperCase();
  return form === "CONSTRUCT" || form === "DESCRIBE" ? "graph" : "results";
}

// Only the downloads that fit the query's form are offered.
function offerDownloads() {
  const kind = queryKind($("query").value);
  for (const button of document.querySelectorAll("button[data-format]")) {
    button.hidden = button.dataset.kind !== kind;
  }
}

function download(format) {
  const url = "/sparql?" + new URLSearchParams({ query: $("query").value, format });
  window.open(url, "_blank", "noopener");
}

document.addEventListener("DOMContentLoaded", () => {
  $("run").addEventListener("click", run);
  for (const button of document.querySelectorAll("button[data-format]")) {
    button.addEventListener("click", () => download(button.dataset.format));
  }
  $("query").addEventListener("input", offerDownloads);
  offerDownloads();
  $("query").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { event.preventDefault(); run(); }
  });
  loadBuild();
  loadCanned();
});
