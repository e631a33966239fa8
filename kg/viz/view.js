// kg viz: draws one view from the JSON in #kg-data with vis-network, and adds the legend
// (a filter by type), the search box and the tooltips. Every text from the documents is set
// with textContent, never parsed as HTML.
"use strict";
(function () {
  const data = JSON.parse(document.getElementById("kg-data").textContent);
  const MAX_FACTS = 8;

  function el(tag, cls, text) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function quote(box, source) {
    box.append(el("div", "quote", "“" + source.sentence + "”"));
    box.append(el("div", "doc", source.document));
  }

  const labels = new Map(data.nodes.map((n) => [n.id, n.label]));

  function edgeText(e) {  // the relation's names in Vietnamese and English, with the post title
    return e.kg_role ? e.kg_names + " (" + e.kg_role + ")" : e.kg_names;
  }

  function nodeTip(n, facts) {
    const box = el("div", "kg-tip");
    box.append(el("div", "name", n.label));
    box.append(el("div", "type", n.kg_type + " · " + n.id));
    if (n.kg_documents.length) box.append(el("div", "doc", "mentioned in: " + n.kg_documents.join(", ")));
    for (const e of facts.slice(0, MAX_FACTS)) {
      const other = e.from === n.id ? labels.get(e.to) : labels.get(e.from);
      const arrow = e.from === n.id ? " → " : " ← ";
      box.append(el("div", null, edgeText(e) + arrow + other));
      if (e.kg_sources.length) quote(box, e.kg_sources[0]);
    }
    if (facts.length > MAX_FACTS) box.append(el("div", "type", "… " + (facts.length - MAX_FACTS) + " more relations"));
    return box;
  }

  function edgeTip(e) {
    const box = el("div", "kg-tip");
    box.append(el("div", "name", labels.get(e.from) + " — " + edgeText(e) + " → " + labels.get(e.to)));
    if (!e.kg_sources.length) box.append(el("div", "type", "from reference data (no sentence)"));
    for (const s of e.kg_sources) quote(box, s);
    return box;
  }

  const factsOf = new Map(data.nodes.map((n) => [n.id, []]));
  for (const e of data.edges) {
    factsOf.get(e.from).push(e);
    if (e.to !== e.from) factsOf.get(e.to).push(e);
  }
  // Tooltips are DOM elements (vis-network shows a string title as text, an element as is).
  for (const n of data.nodes) n.title = nodeTip(n, factsOf.get(n.id));
  for (const e of data.edges) e.title = edgeTip(e);

  const nodes = new vis.DataSet(data.nodes);
  const edges = new vis.DataSet(data.edges);
  // Places, and nodes with no relation to a node shown, are hidden when the view opens; the
  // legend shows them.
  const hidden = new Set(data.hidden || []);
  let showIsolated = false;
  const typeOf = new Map(data.nodes.map((n) => [n.id, n.kg_type]));
  const neighbours = new Map(data.nodes.map((n) => [n.id, []]));
  for (const e of data.edges) {
    neighbours.get(e.from).push(e.to);
    neighbours.get(e.to).push(e.from);
  }
  const related = (id) => neighbours.get(id).some((o) => o !== id && !hidden.has(typeOf.get(o)));
  // A node's neighbourhood alone, after a double click on it or from the address
  // (corpus.html#focus=IRI, as the index links the busiest entities); Escape shows all again.
  let around = null;
  const near = (n) => n.id === around || neighbours.get(around).includes(n.id);
  const nodeView = new vis.DataView(nodes, {
    filter: (n) => around !== null ? near(n)
      : !hidden.has(n.kg_type) && (showIsolated || n.id === data.focus || related(n.id)),
  });
  const unrelated = () => data.nodes.filter((n) => !hidden.has(n.kg_type) && !related(n.id)).length;
  const container = document.getElementById("graph");
  const network = new vis.Network(container, { nodes: nodeView, edges: edges }, data.options);
  const status = document.getElementById("status");
  const state = { nodes, edges, network, stabilized: false };
  window.kgView = state;

  // The nodes shown, whole (vis-network's own fit counts the nodes filtered out too).
  function fitShown() {
    const ids = nodeView.getIds();
    if (ids.length) network.fit({ nodes: ids, animation: false });
  }
  state.fitShown = fitShown;

  function settled() {
    if (state.stabilized) return;
    state.stabilized = true;
    state.settledAt = performance.now();
    status.textContent = "";
    if (around === null) fitShown();
  }
  if (data.focus) network.selectNodes([data.focus]);
  status.textContent = data.nodes.length ? "laying out…" : "";
  network.once("stabilizationIterationsDone", settled);
  network.once("stabilized", settled);
  // the drawing moves on after the first iterations until it stops: fit it then, once
  network.once("stabilized", () => { if (around === null) fitShown(); });
  if (!data.nodes.length || !data.options.physics.enabled) settled();

  function showAround(id) {
    around = id !== null && neighbours.has(id) ? id : null;
    nodeView.refresh();
    status.textContent = around === null ? "" : "around " + labels.get(around) + " (Esc: everything)";
    if (around === null) fitShown();
    if (around !== null) {
      network.selectNodes([around]);
      network.fit({ nodes: [around, ...neighbours.get(around)], animation: false });
    }
  }
  network.on("doubleClick", (params) => showAround(params.nodes.length ? params.nodes[0] : null));
  document.addEventListener("keydown", (event) => { if (event.key === "Escape" && around !== null) showAround(null); });
  const wanted = location.hash.match(/^#focus=(.+)$/);
  if (wanted) network.once("stabilized", () => showAround(decodeURIComponent(wanted[1])));
  if (wanted && (!data.nodes.length || !data.options.physics.enabled)) showAround(decodeURIComponent(wanted[1]));
  state.showAround = showAround;

  // The legend is also the filter by type.
  const legend = document.getElementById("legend");
  for (const [type, style] of Object.entries(data.types)) {
    const item = el("li");
    const label = el("label");
    const box = el("input");
    box.type = "checkbox";
    box.checked = !hidden.has(type);
    box.dataset.type = type;
    box.addEventListener("change", () => {
      if (box.checked) hidden.delete(type); else hidden.add(type);
      nodeView.refresh();
      state.countUnrelated();
    });
    const swatch = el("span", "swatch", style.symbol);
    swatch.style.color = style.color;
    label.append(box, swatch, document.createTextNode(type + " (" + style.count + ")"));
    item.append(label);
    legend.append(item);
  }

  {
    const item = el("li");
    const label = el("label");
    const box = el("input");
    box.type = "checkbox";
    box.checked = false;
    box.id = "show-isolated";
    box.addEventListener("change", () => { showIsolated = box.checked; nodeView.refresh(); });
    const count = document.createTextNode("");
    state.countUnrelated = () => { count.textContent = "with no relation shown (" + unrelated() + ")"; };
    state.countUnrelated();
    label.append(box, count);
    item.append(label);
    legend.append(item);
  }

  // Search: case and accents do not matter ("lang son" finds "Lạng Sơn").
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
  }
  const folded = data.nodes.map((n) => [n.id, fold(n.label)]);
  const input = document.getElementById("search-input");
  const result = document.getElementById("search-result");
  document.getElementById("search").addEventListener("submit", (event) => {
    event.preventDefault();
    const q = fold(input.value.trim());
    const found = q ? folded.filter(([id, text]) => text.includes(q) && nodeView.get(id)).map(([id]) => id) : [];
    network.selectNodes(found);
    result.textContent = q ? found.length + " found" : "";
    if (found.length) network.fit({ nodes: found, animation: false });
  });
})();
