// tidings dashboard: plain JavaScript, no library, no network but this server.
// Article text is untrusted: it only ever enters the page as text nodes (el() below),
// never as HTML; the server's Content-Security-Policy forbids inline script besides.
"use strict";

const API = "/api/v1";
const FILTERS = ["type", "country", "place", "actor", "source", "target", "dyad", "quad_class",
  "min_confidence", "modality", "since", "until", "text", "bbox"];
const SVG = "http://www.w3.org/2000/svg";
const QUADS = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict",
  4: "material conflict"};

// -- building the page safely ---------------------------------------------------------
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  setAttrs(node, attrs);
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVG, tag);
  setAttrs(node, attrs);
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function setAttrs(node, attrs) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on")) throw new Error("no inline handlers");
    node.setAttribute(key, String(value));
  }
}

function safeUrl(url) {
  // Only http(s) links to articles; anything else (javascript:, data:) stays text.
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch (e) {
    return null;
  }
}

function show(...nodes) {
  const view = document.getElementById("view");
  view.replaceChildren(...nodes);
}

function fmt(value, digits) {
  if (value === null || value === undefined) return "";
  return typeof value === "number" && digits !== undefined ? value.toFixed(digits) : String(value);
}

// -- the address: #/view/arg?filters ------------------------------------------------
function route() {
  const hash = location.hash.replace(/^#\/?/, "") || "events";
  const [path, query] = hash.split("?");
  const [view, ...rest] = path.split("/");
  return {view, arg: rest.map(decodeURIComponent).join("/"), params: new URLSearchParams(query || "")};
}

function filterParams(params) {
  const out = new URLSearchParams();
  for (const key of [...FILTERS, "directed"]) {
    const value = params.get(key);
    if (value) out.set(key, value);
  }
  return out;
}

async function getJSON(path, params) {
  const query = params && [...params].length ? "?" + params.toString() : "";
  const response = await fetch(API + path + query, {headers: {Accept: "application/json"}});
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const detail = Array.isArray(body.detail)
      ? body.detail.map((d) => `${(d.loc || []).slice(-1)[0]}: ${d.msg}`).join("; ")
      : body.detail || response.statusText;
    throw new Error(detail);
  }
  return body;
}

function failure(error) {
  return el("p", {class: "error", role: "alert"}, "Could not load: ", error.message);
}

function downloads(path, params, formats) {
  const links = formats.map((f) => {
    const p = new URLSearchParams(params);
    p.set("format", f);
    return el("a", {href: `${API}${path}?${p}`, class: "download", "data-format": f,
      download: ""}, f.toUpperCase());
  });
  return el("p", {class: "downloads"}, "Download this view: ", ...links.flatMap((a, i) => i ? [" · ", a] : [a]));
}

// -- the filter form ---------------------------------------------------------------
function filterForm(view, params, fields) {
  const form = el("form", {class: "filters", "data-testid": "filters"});
  for (const [name, label, hint] of fields) {
    form.append(el("label", {}, label,
      el("input", {name, value: params.get(name) || "", placeholder: hint || "",
        "data-testid": `filter-${name}`})));
  }
  const directed = el("input", {type: "checkbox", name: "directed", "data-testid": "filter-directed"});
  directed.checked = params.get("directed") !== "false";
  form.append(el("label", {class: "check"}, directed, " directed dyads"));
  form.append(el("button", {type: "submit", "data-testid": "apply"}, "Apply"));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const out = new URLSearchParams();
    for (const [name] of fields) {
      const value = form.elements[name].value.trim();
      if (value) out.set(name, value);
    }
    if (!directed.checked) out.set("directed", "false");
    location.hash = `#/${view}?${out}`;
  });
  return form;
}

const EVENT_FIELDS = [["type", "Type", "ASSAULT,PROTEST"], ["country", "Country", "UKR"],
  ["place", "Place", "Kharkiv"],
  ["actor", "Actor", "code or name"], ["dyad", "Dyad", "SOURCE,TARGET"],
  ["quad_class", "Quad class", "3,4"], ["min_confidence", "Min. confidence", "0.8"],
  ["since", "Since", "YYYY-MM-DD"], ["until", "Until", "YYYY-MM-DD"],
  ["text", "Text", "words in the sentence"], ["bbox", "Box", "lon1,lat1,lon2,lat2"]];

// -- events --------------------------------------------------------------------------
function side(code, name) {
  return name ? (code && code !== name ? `${name} (${code})` : name) : (code || "—");
}

function actorLink(code, name) {
  const key = code || name;
  if (!key) return "—";
  return el("a", {href: `#/actor/${encodeURIComponent(key)}`}, side(code, name));
}

function eventRow(e) {
  return el("tr", {"data-event": e.event_id},
    el("td", {}, e.date || (e.first_published || "").slice(0, 10)),
    el("td", {}, el("a", {href: `#/event/${encodeURIComponent(e.event_id)}`,
      class: "event-link", "data-testid": "event-link"}, e.type)),
    el("td", {}, actorLink(e.source_code, e.source_name)),
    el("td", {}, actorLink(e.target_code, e.target_name)),
    el("td", {}, e.location_name || ""),
    el("td", {class: "num"}, fmt(e.goldstein, 1)),
    el("td", {class: "num"}, fmt(e.confidence, 2)),
    el("td", {class: "sentence"}, e.sentence || ""));
}

async function eventsView(r) {
  const filters = filterParams(r.params);
  const table = el("table", {class: "events", "data-testid": "events-table"},
    el("thead", {}, el("tr", {}, ["Date", "Type", "Source", "Target", "Place", "Goldstein",
      "Conf.", "Sentence"].map((h) => el("th", {}, h)))));
  const body = el("tbody");
  table.append(body);
  const more = el("button", {type: "button", hidden: true, "data-testid": "more"}, "More");
  const count = el("p", {class: "muted"});
  show(el("h1", {}, "Events"), filterForm("events", r.params, EVENT_FIELDS),
    downloads("/events", filters, ["csv", "jsonl", "geojson"]), count, table, more);
  let cursor = null;
  let shown = 0;
  async function page() {
    const params = new URLSearchParams(filters);
    params.set("limit", "50");
    if (cursor) params.set("cursor", cursor);
    try {
      const data = await getJSON("/events", params);
      data.items.forEach((e) => body.append(eventRow(e)));
      shown += data.items.length;
      cursor = data.next;
      more.hidden = !cursor;
      count.textContent = shown ? `${shown} events shown${cursor ? " (more below)" : ""}` : "No events match.";
    } catch (error) {
      count.replaceWith(failure(error));
    }
  }
  more.addEventListener("click", page);
  await page();
}

// -- one event, its article, highlighted ---------------------------------------------
function highlighted(text, spans) {
  // Cut the text at every span boundary; each piece is marked with every span over it.
  const cuts = new Set([0, text.length]);
  for (const s of spans) {
    cuts.add(Math.max(0, Math.min(text.length, s.start)));
    cuts.add(Math.max(0, Math.min(text.length, s.end)));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out = el("div", {class: "article-text", "data-testid": "article-text"});
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const over = spans.filter((s) => s.start <= a && s.end >= b);
    const piece = text.slice(a, b);
    if (!over.length) {
      out.append(document.createTextNode(piece));
      continue;
    }
    const kinds = [...new Set(over.map((s) => s.kind))];
    const title = over.map((s) => s.label || s.kind).join("; ");
    out.append(el("mark", {class: kinds.map((k) => `hl-${k}`).join(" "), title,
      "data-kinds": kinds.join(" ")}, piece));
  }
  return out;
}

function legend(kinds) {
  return el("p", {class: "legend"}, "Marked: ", ...kinds.map((k) => el("mark", {class: `hl-${k}`}, k)));
}

function mentionSpans(m) {
  const o = m.offsets;
  const spans = [];
  const add = (span, kind, label) => span && spans.push({start: span[0], end: span[1], kind, label});
  add(o.sentence, "sentence", "the event's sentence");
  add(o.quote, "quote", "quotation");
  add(o.trigger, "trigger", `trigger: ${m.trigger}`);
  (o.source || []).forEach((s) => add(s.span, "source", `source: ${s.name}`));
  (o.target || []).forEach((s) => add(s.span, "target", `target: ${s.name}`));
  add(o.place, "place", "place");
  add(o.date, "date", `date: ${m.date || ""}`);
  // the article's other tellings of the same event ("the attack" after "troops attacked")
  (m.tellings || []).slice(1).forEach((t) => {
    add(t.sentence, "sentence", "a retelling's sentence");
    add(t.trigger, "trigger", `retold: ${t.trigger_text || ""} (${(t.by || []).join(", ")})`);
  });
  return spans;
}

function facts(rows) {
  return el("dl", {class: "facts"}, rows.filter(([, v]) => v !== null && v !== undefined && v !== "")
    .flatMap(([k, v]) => [el("dt", {}, k), el("dd", {}, v)]));
}

async function eventView(r) {
  let e;
  try {
    e = await getJSON(`/events/${encodeURIComponent(r.arg)}`);
  } catch (error) {
    show(el("h1", {}, "Event"), failure(error));
    return;
  }
  const why = el("ul", {class: "why", "data-testid": "why"}, el("li", {class: "muted"}, "Working out which rules made it…"));
  const articles = el("section", {class: "mentions"});
  show(el("h1", {"data-testid": "event-title"}, `${e.type}: `, side(e.source_code, e.source_name), " → ", side(e.target_code, e.target_name)),
    facts([["Date", `${e.date || "undated"}${e.date_precision ? ` (${e.date_precision})` : ""}`],
      ["CAMEO", e.cameo], ["Goldstein", fmt(e.goldstein, 1)], ["Quad class", QUADS[e.quad_class] || e.quad_class],
      ["Mode", e.mode], ["Modality", e.modality], ["Negated", e.negated ? "yes" : "no"],
      ["Confidence", fmt(e.confidence, 2)], ["Place", e.location_name ? `${e.location_name} (${e.location_country || "?"})` : null],
      ["Articles", `${e.num_articles} from ${e.num_sources} source(s)`]]),
    el("p", {class: "downloads"}, el("a", {href: `${API}/events/${encodeURIComponent(r.arg)}`, download: `event-${r.arg}.json`}, "Download this event (JSON)")),
    el("h2", {}, "Why: the rules that made it"), why,
    el("h2", {}, "Where it was read"), articles);
  for (const m of e.mentions) articles.append(await mentionBlock(m));
  const trigger = articles.querySelector("mark.hl-trigger");
  if (trigger) trigger.scrollIntoView({block: "center"});
  getJSON(`/events/${encodeURIComponent(r.arg)}/why`).then((data) => {
    const rules = [...new Set(Object.values(data.by).flat())];
    why.replaceChildren(...(rules.length ? rules.map((rule) => el("li", {}, el("code", {}, rule)))
      : [el("li", {class: "muted"}, "No rule names for this event: the coder here no longer makes it the same way.")]));
  }).catch((error) => why.replaceChildren(el("li", {}, failure(error))))
    .finally(() => { why.dataset.state = "done"; });
}

async function mentionBlock(m) {
  const a = m.article;
  const url = safeUrl(a.url);
  const block = el("article", {class: "mention", "data-testid": "mention"},
    el("h3", {}, el("a", {href: `#/article/${encodeURIComponent(a.id)}`, "data-testid": "article-link"}, a.title || "(untitled)")),
    el("p", {class: "muted"}, [a.outlet, (a.published || "").slice(0, 10)].filter(Boolean).join(" · "), " ",
      url ? el("a", {href: url, rel: "noopener noreferrer nofollow", target: "_blank"}, "source") : ""));
  try {
    const article = await getJSON(`/articles/${encodeURIComponent(a.id)}`);
    block.append(legend(["trigger", "source", "target", "place", "date", "quote"]),
      highlighted(article.text || "", mentionSpans(m)));
  } catch (error) {
    block.append(failure(error));
  }
  return block;
}

// -- one article, every annotation ---------------------------------------------------
async function articleView(r) {
  let a;
  try {
    a = await getJSON(`/articles/${encodeURIComponent(r.arg)}`);
  } catch (error) {
    show(el("h1", {}, "Article"), failure(error));
    return;
  }
  const n = a.annotations;
  const spans = [];
  n.events.forEach((e) => spans.push({start: e.trigger_start, end: e.trigger_end, kind: "trigger",
    label: `${e.type}: ${e.source_name || "?"} → ${e.target_name || "?"}`}));
  n.actors.forEach((x) => (x.mentions || []).forEach((m) => spans.push({start: m.start, end: m.end, kind: "actor", label: x.name})));
  n.places.forEach((x) => (x.mentions || []).forEach((m) => spans.push({start: m.start, end: m.end, kind: "place", label: x.name})));
  n.dates.forEach((x) => spans.push({start: x.start, end: x.end, kind: "date", label: x.value}));
  n.quotes.forEach((x) => spans.push({start: x.start, end: x.end, kind: "quote", label: x.speaker_name || "quote"}));
  const url = safeUrl(a.url);
  const events = el("ul", {class: "article-events"}, n.events.map((e) => el("li", {},
    el("a", {href: `#/event/${encodeURIComponent(e.event_id)}`}, e.type), " ",
    `${e.source_name || "?"} → ${e.target_name || "?"}`, " ", el("q", {}, e.trigger || ""))));
  show(el("h1", {"data-testid": "article-title"}, a.title || "(untitled)"),
    facts([["Outlet", a.source], ["Published", a.published], ["Read from", a.origin], ["Coded by", a.coder_version]]),
    url ? el("p", {}, el("a", {href: url, rel: "noopener noreferrer nofollow", target: "_blank"}, "Original")) : "",
    legend(["trigger", "actor", "place", "date", "quote"]), highlighted(a.text || "", spans),
    el("h2", {}, `Events (${n.events.length})`), events);
}

async function articlesView(r) {
  const q = r.params.get("q") || "";
  const form = el("form", {class: "filters"}, el("label", {}, "Title or outlet", el("input", {name: "q", value: q})),
    el("button", {type: "submit"}, "Search"));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    location.hash = `#/articles?q=${encodeURIComponent(form.elements.q.value.trim())}`;
  });
  const list = el("ul", {class: "articles"});
  show(el("h1", {}, "Articles"), form, list);
  try {
    const params = new URLSearchParams({limit: "200"});
    if (q) params.set("q", q);
    const data = await getJSON("/articles", params);
    list.append(...data.items.map((a) => el("li", {},
      el("a", {href: `#/article/${encodeURIComponent(a.id)}`}, a.title || "(untitled)"),
      el("span", {class: "muted"}, ` ${a.source || ""} ${(a.published || "").slice(0, 10)} · ${a.n_events} events`))));
  } catch (error) {
    list.replaceWith(failure(error));
  }
}

// -- timeline: conflict against cooperation ------------------------------------------
function timelineChart(series) {
  const periods = [...new Set(series.map((s) => s.period))].sort();
  const width = 900, height = 260, mid = height / 2, pad = 30;
  const byPeriod = new Map(periods.map((p) => [p, {conflict: 0, cooperation: 0, g: 0}]));
  series.forEach((s) => {
    const v = byPeriod.get(s.period);
    v[s.key] = s.events;
    v.g += (s.mean_goldstein || 0) * s.events;
  });
  const max = Math.max(1, ...[...byPeriod.values()].flatMap((v) => [v.conflict, v.cooperation]));
  const step = (width - 2 * pad) / Math.max(1, periods.length);
  const chart = svg("svg", {viewBox: `0 0 ${width} ${height}`, class: "timeline", role: "img",
    "aria-label": "Conflict and cooperation over time", "data-testid": "timeline-chart"});
  chart.append(svg("line", {x1: pad, x2: width - pad, y1: mid, y2: mid, class: "axis"}));
  periods.forEach((p, i) => {
    const v = byPeriod.get(p);
    const x = pad + i * step;
    const w = Math.max(1, step * 0.8);
    const up = (v.cooperation / max) * (mid - pad);
    const down = (v.conflict / max) * (mid - pad);
    chart.append(svg("rect", {x, y: mid - up, width: w, height: up, class: "coop"},
      svg("title", {}, `${p}: ${v.cooperation} cooperation`)));
    chart.append(svg("rect", {x, y: mid, width: w, height: down, class: "conflict"},
      svg("title", {}, `${p}: ${v.conflict} conflict`)));
  });
  // mean Goldstein of the period (-10 conflict .. +10 cooperation) as a line
  const points = periods.map((p, i) => {
    const v = byPeriod.get(p);
    const n = v.conflict + v.cooperation;
    const g = n ? v.g / n : 0;
    return `${(pad + i * step + Math.max(1, step * 0.8) / 2).toFixed(1)},${(mid - (g / 10) * (mid - pad)).toFixed(1)}`;
  });
  if (points.length > 1) chart.append(svg("polyline", {points: points.join(" "), class: "goldstein"}));
  const every = Math.max(1, Math.ceil(periods.length / 8));
  periods.forEach((p, i) => {
    if (i % every === 0) chart.append(svg("text", {x: pad + i * step, y: height - 6, class: "label"}, p));
  });
  chart.append(svg("text", {x: pad, y: 14, class: "label coop-label"}, `▲ cooperation (max ${max})`));
  chart.append(svg("text", {x: pad, y: height - 20, class: "label conflict-label"}, "▼ conflict"));
  chart.append(svg("text", {x: width - pad, y: 14, class: "label", "text-anchor": "end"}, "— mean Goldstein (−10 … +10)"));
  return chart;
}

async function timelineView(r) {
  const filters = filterParams(r.params);
  const interval = r.params.get("interval") || "week";
  const params = new URLSearchParams(filters);
  params.set("interval", interval);
  params.set("by", "conflict");
  const pick = el("p", {}, "Per: ", ...["day", "week", "month"].map((i) => {
    const p = new URLSearchParams(r.params);
    p.set("interval", i);
    return el("a", {href: `#/timeline?${p}`, class: i === interval ? "active" : ""}, i, " ");
  }));
  const holder = el("div", {class: "chart"}, el("p", {class: "muted"}, "Loading…"));
  show(el("h1", {}, "Conflict vs cooperation"),
    filterForm("timeline", r.params, [["country", "Country", "UKR"], ["actor", "Actor", "code or name"],
      ["dyad", "Dyad", "SOURCE,TARGET"], ["type", "Type", "ASSAULT"], ["since", "Since", "YYYY-MM-DD"], ["until", "Until", "YYYY-MM-DD"]]),
    pick, downloads("/timeline", params, ["csv", "json"]), holder);
  try {
    const data = await getJSON("/timeline", params);
    holder.replaceChildren(data.series.length ? timelineChart(data.series) : el("p", {class: "muted"}, "No dated events match."));
  } catch (error) {
    holder.replaceChildren(failure(error));
  }
}

// -- map: event points on country outlines, change against previous weeks ------------
let world = null;

async function outlines() {
  if (!world) world = await (await fetch("/static/world.json")).json();
  return world;
}

function goldsteinClass(g) {
  if (g === null || g === undefined) return "g-none";
  return g <= -5 ? "g-neg2" : g < 0 ? "g-neg1" : g === 0 ? "g-zero" : g < 5 ? "g-pos1" : "g-pos2";
}

function changeClass(c) {
  if (!c) return "";
  const ratio = c.previous ? (c.current - c.previous) / c.previous : (c.current ? 1 : 0);
  return ratio > 0.25 ? "up" : ratio < -0.25 ? "down" : "flat";
}

// A fixed colour per PLOVER type, for the map's "colour by type" (an SVG fill attribute,
// which the Content-Security-Policy allows, unlike inline styles).
const TYPES = ["ASSAULT", "COERCE", "MOBILIZE", "THREATEN", "SANCTION", "PROTEST", "ACCUSE",
  "REJECT", "REQUEST", "CONSULT", "AGREE", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"];

function typeColour(type) {
  const i = TYPES.indexOf(type);
  return i < 0 ? "#888888" : `hsl(${Math.round((i * 360) / TYPES.length)}, 65%, 45%)`;
}

function mapChart(outline, points, change, byType) {
  const byCountry = new Map((change || []).map((c) => [c.country, c]));
  const chart = svg("svg", {viewBox: "-180 -90 360 180", class: "map", role: "img",
    "aria-label": "Events on a world map", "data-testid": "map-chart"});
  for (const c of outline.countries) {
    const d = c.rings.map((ring) => "M" + ring.map(([x, y]) => `${x},${-y}`).join("L") + "Z").join("");
    const info = byCountry.get(c.iso3);
    const title = info ? `${c.name}: ${info.current} events, ${info.previous} before` : c.name;
    chart.append(svg("path", {d, class: `country ${changeClass(info)}`, "data-iso3": c.iso3}, svg("title", {}, title)));
  }
  for (const f of points.features) {
    if (!f.geometry) continue;
    const [x, y] = f.geometry.coordinates;
    const p = f.properties;
    const link = svg("a", {href: `#/event/${encodeURIComponent(p.event_id)}`, class: "point-link"},
      svg("circle", {cx: x, cy: -y, r: 1.6, class: byType ? "point" : `point ${goldsteinClass(p.goldstein)}`,
        fill: byType ? typeColour(p.type) : null},
        svg("title", {}, `${p.type} at ${p.location_name || "?"} (${p.date || "undated"}), Goldstein ${p.goldstein}`)));
    chart.append(link);
  }
  return chart;
}

async function mapView(r) {
  const filters = filterParams(r.params);
  const weeks = r.params.get("weeks") || "4";
  const holder = el("div", {class: "chart"}, el("p", {class: "muted"}, "Loading…"));
  const table = el("div");
  const changeParams = new URLSearchParams(filters);
  changeParams.set("weeks", weeks);
  const pick = el("p", {}, "Change against the previous: ", ...["4", "12", "52"].map((w) => {
    const p = new URLSearchParams(r.params);
    p.set("weeks", w);
    return el("a", {href: `#/map?${p}`, class: w === weeks ? "active" : ""}, `${w} weeks `);
  }));
  const byType = r.params.get("colour") === "type";
  const colours = el("p", {}, "Colour points by: ", ...[["goldstein", "Goldstein"], ["type", "type"]].map(([key, label]) => {
    const p = new URLSearchParams(r.params);
    p.set("colour", key);
    return el("a", {href: `#/map?${p}`, class: (key === "type") === byType ? "active" : "", "data-testid": `colour-${key}`}, label, " ");
  }));
  const key = byType
    ? el("p", {class: "legend"}, "Points: ", ...TYPES.map((t) => el("span", {class: "type-key"},
      svg("svg", {viewBox: "0 0 10 10", class: "swatch"}, svg("circle", {cx: 5, cy: 5, r: 5, fill: typeColour(t)})), ` ${t} `)))
    : el("p", {class: "legend"}, "Points: Goldstein ", ["g-neg2", "g-neg1", "g-zero", "g-pos1", "g-pos2"].map((c) => el("span", {class: `swatch ${c}`}, " ")),
      " (conflict → cooperation).");
  show(el("h1", {}, "Map"), filterForm("map", r.params, EVENT_FIELDS.slice(0, 8)),
    downloads("/events", filters, ["geojson", "csv"]), pick, colours, holder, key,
    el("p", {class: "legend"}, "Countries: more events (red) or fewer (blue) than the previous period."),
    el("h2", {}, "Change by country"), downloads("/change", changeParams, ["csv", "json"]), table);
  try {
    const pointParams = new URLSearchParams(filters);
    pointParams.set("limit", "5000");
    const [outline, points, change] = await Promise.all([outlines(), getJSON("/map", pointParams), getJSON("/change", changeParams)]);
    holder.replaceChildren(mapChart(outline, points, change.countries, byType));
    table.replaceChildren(el("p", {class: "muted"}, change.until ? `${weeks} weeks to ${change.until} against the ${weeks} before` : "No dated events."),
      el("table", {"data-testid": "change-table"}, el("thead", {}, el("tr", {}, ["Country", "Now", "Before", "Change", "Mean Goldstein"].map((h) => el("th", {}, h)))),
        el("tbody", {}, change.countries.map((c) => el("tr", {class: changeClass(c)},
          el("td", {}, el("a", {href: `#/events?country=${encodeURIComponent(c.country)}`}, c.country)),
          el("td", {class: "num"}, c.current), el("td", {class: "num"}, c.previous),
          el("td", {class: "num"}, (c.change > 0 ? "+" : "") + c.change), el("td", {class: "num"}, fmt(c.mean_goldstein, 1)))))));
  } catch (error) {
    holder.replaceChildren(failure(error));
  }
}

// -- dyads and actors ----------------------------------------------------------------
function dyadTable(rows) {
  return el("table", {"data-testid": "dyads-table"}, el("thead", {}, el("tr", {},
    ["Source", "Target", "Events", "Conflict", "Cooperation", "Mean Goldstein"].map((h) => el("th", {}, h)))),
  el("tbody", {}, rows.map((d) => el("tr", {},
    el("td", {}, actorLink(d.source)), el("td", {}, actorLink(d.target)),
    el("td", {class: "num"}, el("a", {href: `#/events?dyad=${encodeURIComponent(`${d.source},${d.target}`)}`}, d.events)),
    el("td", {class: "num"}, d.conflict), el("td", {class: "num"}, d.cooperation),
    el("td", {class: "num"}, fmt(d.mean_goldstein, 2))))));
}

async function dyadsView(r) {
  const filters = filterParams(r.params);
  const holder = el("div", {}, el("p", {class: "muted"}, "Loading…"));
  show(el("h1", {}, "Dyads"), filterForm("dyads", r.params, EVENT_FIELDS.slice(0, 8)),
    downloads("/dyads", filters, ["csv", "json"]), holder);
  try {
    holder.replaceChildren(dyadTable(await getJSON("/dyads", filters)));
  } catch (error) {
    holder.replaceChildren(failure(error));
  }
}

async function actorView(r) {
  const actor = r.arg;
  const asSource = new URLSearchParams({source: actor, limit: "50"});
  const asTarget = new URLSearchParams({target: actor, limit: "50"});
  const timeline = new URLSearchParams({actor, interval: "month", by: "conflict"});
  const parts = [el("div", {}, "Loading…"), el("div"), el("div"), el("div")];
  show(el("h1", {"data-testid": "actor-title"}, "Actor: ", actor),
    el("p", {}, el("a", {href: `#/events?actor=${encodeURIComponent(actor)}`}, "Their events"), " · ",
      el("a", {href: `#/timeline?actor=${encodeURIComponent(actor)}&interval=month`}, "Timeline")),
    el("h2", {}, "Conflict vs cooperation, per month"), downloads("/timeline", timeline, ["csv", "json"]), parts[0],
    el("h2", {}, "Whom they act on, and how"), downloads("/dyads", asSource, ["csv", "json"]), parts[1],
    el("h2", {}, "Who acts on them"), downloads("/dyads", asTarget, ["csv", "json"]), parts[2]);
  try {
    const [t, out, inn] = await Promise.all([getJSON("/timeline", timeline), getJSON("/dyads", asSource), getJSON("/dyads", asTarget)]);
    parts[0].replaceChildren(t.series.length ? timelineChart(t.series) : el("p", {class: "muted"}, "No dated events."));
    parts[1].replaceChildren(dyadTable(out));
    parts[2].replaceChildren(dyadTable(inn));
  } catch (error) {
    parts[0].replaceChildren(failure(error));
  }
}

// -- the router ------------------------------------------------------------------------
const VIEWS = {events: eventsView, event: eventView, article: articleView, articles: articlesView,
  timeline: timelineView, map: mapView, dyads: dyadsView, actor: actorView};

async function render() {
  const r = route();
  const view = VIEWS[r.view] || eventsView;
  document.querySelectorAll("nav a").forEach((a) => a.classList.toggle("active", a.dataset.view === r.view));
  document.body.dataset.view = r.view;
  document.body.dataset.ready = "false";
  try {
    await view(r);
  } finally {
    document.body.dataset.ready = "true";
  }
}

window.addEventListener("hashchange", render);
document.addEventListener("DOMContentLoaded", render);
