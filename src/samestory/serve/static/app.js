// samestory's page: the story list, a story, an article, and two articles compared side by side.
// No build step and no library. Every piece of data reaches the page through textContent or an
// attribute set one by one (never parsed as markup), so an article holding <script> shows as text; the
// server's Content-Security-Policy forbids inline script besides.
"use strict";

const $main = document.getElementById("main");
const LIVE_EVERY_MS = 5000;
const DIMENSIONS = ["geography", "entities", "time", "narrative", "style", "tone"];
const PALETTE = ["#2563eb", "#dc2626", "#059669", "#d97706", "#7c3aed", "#db2777", "#0891b2", "#65a30d", "#9333ea", "#475569"];
let live = { timer: null, seen: null };
let route = 0; // bumped on each navigation so that a late answer never draws over a newer view

// -- DOM helpers -------------------------------------------------------------------------------

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? "" : String(v));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

function svg(tag, attrs, ...children) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
  for (const c of children.flat()) {
    if (c === null || c === undefined) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

function view(...children) {
  $main.replaceChildren(...children.flat().filter(Boolean));
}

function safeUrl(url) {
  // only http(s) links from the data: never javascript: or data: URLs
  try {
    const u = new URL(String(url));
    return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
  } catch (e) {
    return null;
  }
}

function colour(lang, langs) {
  const i = langs.indexOf(lang);
  return PALETTE[(i < 0 ? 0 : i) % PALETTE.length];
}

function day(value) {
  return value ? String(value).slice(0, 10) : "";
}

function span(first, last) {
  const a = day(first), b = day(last);
  if (!a && !b) return "date unknown";
  return a === b || !b ? a : !a ? b : `${a} → ${b}`;
}

function plural(n, word) {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function langBadges(languages) {
  const entries = Object.entries(languages || {}).sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]));
  const langs = entries.map(([l]) => l);
  return el("span", { class: "langs" }, entries.map(([l, n]) =>
    el("span", { class: "lang", title: `${plural(n, "article")} in ${l}`, "data-lang": l }, swatch(colour(l, langs)), `${l} ${n}`)));
}

function swatch(c) {
  const s = el("span", { class: "swatch" });
  s.style.background = c;
  return s;
}

function entityChips(entities, max) {
  const list = (entities || []).slice(0, max || 12).map((e) =>
    el("span", { class: "chip" }, typeof e === "string" ? e : e.name || e.text || e.key || JSON.stringify(e)));
  return list.length ? el("div", { class: "chips" }, list) : null;
}

function problemText(status, body) {
  if (body && typeof body === "object") return `${body.title || status}${body.detail ? ": " + body.detail : ""}`;
  return `HTTP ${status}`;
}

async function api(path, options) {
  const response = await fetch(path, Object.assign({ headers: { Accept: "application/json" } }, options || {}));
  let body = null;
  try {
    body = await response.json();
  } catch (e) {
    body = null;
  }
  if (!response.ok) {
    const err = new Error(problemText(response.status, body));
    err.status = response.status;
    throw err;
  }
  return body;
}

function failure(err) {
  return el("p", { class: "error", role: "alert" }, String(err && err.message ? err.message : err));
}

function params(hash) {
  const q = hash.indexOf("?");
  return new URLSearchParams(q < 0 ? "" : hash.slice(q + 1));
}

// -- router ------------------------------------------------------------------------------------

function navigate() {
  route += 1;
  stopLive();
  const hash = location.hash || "#/";
  const path = hash.slice(1).split("?")[0];
  const p = params(hash);
  for (const a of document.querySelectorAll("[data-nav]")) a.classList.toggle("active", false);
  let m;
  if ((m = path.match(/^\/story\/(\d+)$/))) return storyView(Number(m[1]), route);
  if ((m = path.match(/^\/article\/(.+)$/))) return articleView(decodeURIComponent(m[1]), route);
  if (path.startsWith("/compare")) return compareView(p, route);
  // the list; /?q=... (a plain query string) also fills the search box
  const initial = new URLSearchParams(location.search);
  if (!p.has("q") && initial.get("q")) p.set("q", initial.get("q"));
  return listView(p, route);
}

function mark(nav) {
  const a = document.querySelector(`[data-nav="${nav}"]`);
  if (a) a.classList.add("active");
}

// -- the story list ----------------------------------------------------------------------------

function listView(p, me) {
  mark("stories");
  document.title = "Stories · samestory";
  const q = p.get("q") || "";
  const state = { offset: 0, limit: 30, lang: p.get("lang") || "", min: p.get("min") || "1", order: p.get("order") || "size" };
  const box = el("input", { type: "search", id: "q", name: "q", value: q, placeholder: "Search stories and articles in any language", "aria-label": "Search", autocomplete: "off" });
  const lang = el("input", { id: "lang", value: state.lang, placeholder: "lang", "aria-label": "Language", size: 4, maxlength: 12 });
  const min = el("select", { id: "min", "aria-label": "Languages at least" },
    ["1", "2", "3", "4"].map((n) => el("option", { value: n, selected: n === state.min }, n === "1" ? "any languages" : `${n}+ languages`)));
  const order = el("select", { id: "order", "aria-label": "Order" },
    [["size", "largest first"], ["recent", "latest first"]].map(([v, label]) => el("option", { value: v, selected: v === state.order }, label)));
  const liveBox = el("input", { type: "checkbox", id: "live", checked: true });
  const status = el("span", { class: "status", id: "status" });
  const results = el("div", { id: "results" });
  const form = el("form", { class: "controls", role: "search", onsubmit: (e) => { e.preventDefault(); go(); } },
    box, lang, min, order, el("button", { type: "submit" }, "Search"),
    el("label", { class: "live" }, liveBox, " live"), status);

  function go() {
    const next = new URLSearchParams();
    if (box.value.trim()) next.set("q", box.value.trim());
    if (lang.value.trim()) next.set("lang", lang.value.trim());
    if (min.value !== "1") next.set("min", min.value);
    if (order.value !== "size") next.set("order", order.value);
    const hash = "#/" + (next.toString() ? "?" + next : "");
    if (location.hash === hash) navigate();
    else location.hash = hash;
  }
  min.addEventListener("change", go);
  order.addEventListener("change", go);
  liveBox.addEventListener("change", () => (liveBox.checked ? startLive(refresh, status) : stopLive()));

  view(el("h1", {}, q ? "Search" : "Stories"), form, results);

  async function refresh(changed) {
    try {
      if (q) await drawSearch(q, state, results, me);
      else await drawStories(state, results, me, false);
      if (me !== route) return;
      const now = new Date().toLocaleTimeString();
      status.textContent = changed ? `updated ${now}: new articles` : `as of ${now}`;
      status.classList.toggle("fresh", !!changed);
    } catch (err) {
      if (me === route) results.replaceChildren(failure(err));
    }
  }
  refresh(false);
  startLive(refresh, status);
}

async function drawStories(state, results, me, more) {
  const qs = new URLSearchParams({ limit: String(state.limit), offset: String(more ? state.offset : 0) });
  if (state.lang) qs.set("lang", state.lang);
  if (state.min !== "1") qs.set("min_languages", state.min);
  if (state.order !== "size") qs.set("order", state.order);
  const data = await api(`/stories?${qs}`);
  if (me !== route) return;
  const list = more ? results.querySelector("ol.stories") : el("ol", { class: "stories", id: "stories" });
  if (!more) {
    results.replaceChildren(list);
    state.offset = 0;
  }
  for (const s of data.stories) list.append(storyCard(s));
  state.offset = data.next_offset || 0;
  const old = results.querySelector("button.more");
  if (old) old.remove();
  if (!list.children.length) results.append(el("p", { class: "note" }, "No stories yet. Add articles with `samestory add` or POST /articles."));
  if (data.next_offset) {
    results.append(el("button", { class: "more", type: "button", onclick: () => drawStories(state, results, me, true).catch((e) => results.append(failure(e))) }, "More stories"));
  }
}

function storyCard(s) {
  const nLangs = Object.keys(s.languages || {}).length;
  return el("li", { class: "story", "data-story": s.id },
    el("a", { class: "title", href: `#/story/${s.id}` }, s.title || `Story ${s.id}`),
    el("div", { class: "meta" },
      el("span", { class: "count" }, plural(s.articles || 0, "article")), " · ",
      plural(nLangs, "language"), " · ",
      el("span", { class: "when" }, span(s.first_seen, s.last_seen))),
    langBadges(s.languages),
    entityChips(s.entities, 6));
}

async function drawSearch(q, state, results, me) {
  const qs = new URLSearchParams({ q, limit: "20" });
  if (state.lang) qs.set("lang", state.lang);
  const data = await api(`/search?${qs}`);
  if (me !== route) return;
  const stories = el("ol", { class: "stories hits", id: "story-hits" }, (data.stories || []).map((s) =>
    el("li", { class: "story" }, el("a", { class: "title", href: `#/story/${s.id}` }, s.title || `Story ${s.id}`),
      el("span", { class: "score" }, `score ${Number(s.score).toFixed(2)}`))));
  const articles = el("ol", { class: "articles hits", id: "article-hits" }, (data.articles || []).map((a) =>
    el("li", { class: "article" },
      el("a", { class: "title", href: `#/article/${encodeURIComponent(a.id)}` }, a.title || a.id),
      el("span", { class: "lang" }, a.lang || "?"),
      a.story !== null && a.story !== undefined ? el("a", { class: "story-link", href: `#/story/${a.story}` }, `story ${a.story}`) : null,
      a.sentence ? el("blockquote", {}, a.sentence) : null)));
  results.replaceChildren(
    el("h2", {}, `Stories for “`, q, `”`), stories.children.length ? stories : el("p", { class: "note" }, "No story matches."),
    el("h2", {}, "Articles"), articles.children.length ? articles : el("p", { class: "note" }, "No article matches."));
}

function startLive(refresh, status) {
  stopLive();
  const me = route;
  live.seen = null;
  api("/health").then((h) => { if (live.seen === null) live.seen = `${h.revision}/${h.articles}`; }).catch(() => {});
  live.timer = setInterval(async () => {
    if (me !== route || document.hidden) return;
    try {
      const h = await api("/health");
      const seen = `${h.revision}/${h.articles}`;
      if (live.seen !== null && seen !== live.seen) await refresh(true);
      live.seen = seen;
    } catch (e) {
      status.textContent = "server not reachable";
    }
  }, LIVE_EVERY_MS);
}

function stopLive() {
  if (live.timer) clearInterval(live.timer);
  live.timer = null;
}

// -- a story -----------------------------------------------------------------------------------

async function storyView(id, me) {
  mark("stories");
  view(el("p", { class: "note" }, "Loading story…"));
  let s;
  try {
    s = await api(`/stories/${id}`);
  } catch (err) {
    if (me === route) view(el("h1", {}, `Story ${id}`), failure(err));
    return;
  }
  if (me !== route) return;
  document.title = `${s.title || "Story " + id} · samestory`;
  const articles = members(s);
  const langs = Object.keys(s.languages || {}).sort((x, y) => (s.languages[y] - s.languages[x]) || x.localeCompare(y));
  const picked = new Set();
  const compareBtn = el("button", { type: "button", id: "compare-picked", disabled: true, onclick: () => {
    const [a, b] = [...picked];
    location.hash = `#/compare?a=${encodeURIComponent(a)}&b=${encodeURIComponent(b)}`;
  } }, "Compare the two picked");
  const hint = el("span", { class: "note" }, "Pick two articles to compare them side by side.");

  function toggle(articleId, box) {
    if (box.checked) picked.add(articleId);
    else picked.delete(articleId);
    if (picked.size > 2) {
      const first = [...picked][0];
      picked.delete(first);
      const other = $main.querySelector(`input[data-article="${CSS.escape(first)}"]`);
      if (other) other.checked = false;
    }
    compareBtn.disabled = picked.size !== 2;
  }

  const groups = langs.map((lang) => {
    const own = articles.filter((a) => (a.lang || "?") === lang);
    return el("section", { class: "lang-group", "data-lang": lang },
      el("h3", {}, swatch(colour(lang, langs)), `${lang} · ${plural(own.length, "article")}`),
      el("ul", { class: "articles" }, own.map((a) => articleItem(a, toggle))));
  });
  const unlisted = articles.filter((a) => !langs.includes(a.lang || "?"));
  if (unlisted.length) groups.push(el("section", { class: "lang-group" }, el("h3", {}, "other"), el("ul", { class: "articles" }, unlisted.map((a) => articleItem(a, toggle)))));

  view(
    el("p", { class: "crumbs" }, el("a", { href: "#/" }, "← Stories")),
    el("h1", { id: "story-title" }, s.title || `Story ${id}`),
    el("div", { class: "meta" }, plural(articles.length, "article"), " · ", span(s.first_seen, s.last_seen), " · ", langBadges(s.languages)),
    entityChips(s.entities, 20),
    el("h2", {}, "Coverage over time"),
    coverageChart(s.timeline || [], langs),
    el("h2", {}, "Articles by language"),
    el("div", { class: "pick" }, compareBtn, " ", hint),
    el("div", { class: "groups" }, groups));
}

function members(s) {
  // a story's articles: a list under "articles" (or "articles_list", where "articles" counts them)
  return Array.isArray(s.articles) ? s.articles : Array.isArray(s.articles_list) ? s.articles_list : [];
}

function articleItem(a, toggle) {
  const box = el("input", { type: "checkbox", "data-article": a.id, "aria-label": `pick ${a.title || a.id}` });
  box.addEventListener("change", () => toggle(a.id, box));
  return el("li", { class: "article", "data-article": a.id },
    box,
    el("div", {},
      el("a", { class: "title", href: `#/article/${encodeURIComponent(a.id)}` }, a.title || a.id),
      el("div", { class: "meta" }, day(a.published) || `added ${day(a.added)}`, " · ", el("code", {}, a.id)),
      why(a.why)));
}

function why(w) {
  if (!w || typeof w !== "object") return null;
  const parts = [];
  for (const [k, v] of Object.entries(w)) {
    if (v === null || typeof v === "object") continue;
    parts.push(`${k}: ${typeof v === "number" ? +v.toFixed(3) : v}`);
    if (parts.length >= 4) break;
  }
  return parts.length ? el("div", { class: "why" }, "why here: ", parts.join(", ")) : null;
}

function coverageChart(timeline, langs) {
  // one strip per language, one bar per day (per week or month over a long span), on a shared
  // time axis
  const rows = timeline.filter((t) => t && t.date && !Number.isNaN(Date.parse(day(t.date))));
  if (!rows.length) return el("p", { class: "note" }, "No dates to plot.");
  const days = [...new Set(rows.map((t) => day(t.date)))].sort();
  const t0 = Date.parse(days[0]), t1 = Date.parse(days[days.length - 1]);
  const span = Math.round((t1 - t0) / 86400000) + 1;
  const unit = span <= 62 ? 1 : span <= 430 ? 7 : 30.44;
  const unitName = unit === 1 ? "day" : unit === 7 ? "week" : "month";
  const nBins = Math.max(1, Math.floor((t1 - t0) / 86400000 / unit) + 1);
  const binOf = (d) => Math.floor((Date.parse(d) - t0) / 86400000 / unit);
  const counts = new Map(); // "lang|bin" -> count
  for (const t of rows) {
    const key = `${t.lang}|${binOf(day(t.date))}`;
    counts.set(key, (counts.get(key) || 0) + (t.count || 0));
  }
  const all = langs.concat([...new Set(rows.map((t) => t.lang))].filter((l) => !langs.includes(l)));
  const max = Math.max(...counts.values(), 1);
  const W = 640, left = 44, right = 8, rowH = 34, top = 6, axis = 22;
  const H = top + all.length * rowH + axis;
  const step = (W - left - right) / nBins;
  const bw = Math.max(3, Math.min(24, step - 2));
  const chart = svg("svg", { viewBox: `0 0 ${W} ${H}`, class: "chart", id: "coverage", role: "img", "aria-label": `Articles per ${unitName}, per language` });
  all.forEach((lang, i) => {
    const y0 = top + i * rowH;
    chart.append(svg("text", { x: left - 6, y: y0 + rowH / 2 + 4, "text-anchor": "end", class: "axis" }, lang));
    chart.append(svg("line", { x1: left, x2: W - right, y1: y0 + rowH - 4, y2: y0 + rowH - 4, class: "base" }));
    for (const [key, n] of counts) {
      const [l, bin] = key.split("|");
      if (l !== String(lang)) continue;
      const h = Math.max(2, (n / max) * (rowH - 8));
      const start = new Date(t0 + Number(bin) * unit * 86400000).toISOString().slice(0, 10);
      chart.append(svg("rect", { x: left + (Number(bin) + 0.5) * step - bw / 2, y: y0 + rowH - 4 - h, width: bw, height: h, fill: colour(lang, all), "data-lang": lang },
        svg("title", {}, `${unit === 1 ? start : unitName + " of " + start} · ${lang}: ${plural(n, "article")}`)));
    }
  });
  const yAxis = top + all.length * rowH + 14;
  chart.append(svg("text", { x: left, y: yAxis, class: "axis" }, days[0]));
  if (days.length > 1) chart.append(svg("text", { x: W - right, y: yAxis, "text-anchor": "end", class: "axis" }, days[days.length - 1]));
  return el("figure", { class: "coverage" }, chart,
    el("figcaption", {}, `Articles per ${unitName} and language, ${days[0]}${days.length > 1 ? " to " + days[days.length - 1] : ""}; highest bar ${plural(max, "article")}.`));
}

// -- an article --------------------------------------------------------------------------------

async function articleView(id, me) {
  view(el("p", { class: "note" }, "Loading article…"));
  let a;
  try {
    a = await api(`/articles/${encodeURIComponent(id)}`);
  } catch (err) {
    if (me === route) view(el("h1", {}, "Article"), failure(err));
    return;
  }
  if (me !== route) return;
  document.title = `${a.title || a.id} · samestory`;
  const url = safeUrl(a.url);
  const paragraphs = Array.isArray(a.paragraphs) && a.paragraphs.length ? a.paragraphs : String(a.text || "").split(/\n\s*\n/);
  view(
    el("p", { class: "crumbs" }, el("a", { href: "#/" }, "← Stories"),
      a.story !== null && a.story !== undefined ? [" · ", el("a", { href: `#/story/${a.story}` }, "its story")] : null),
    el("h1", { id: "article-title" }, a.title || a.id),
    el("div", { class: "meta" }, a.lang || "?", " · ", day(a.published) || "no date", a.source ? [" · ", a.source] : null,
      url ? [" · ", el("a", { href: url, rel: "noopener noreferrer nofollow", target: "_blank" }, "source")] : null,
      " · ", el("a", { href: `#/compare?a=${encodeURIComponent(a.id)}` }, "compare with…")),
    el("article", { class: "text", id: "article-text" }, paragraphs.map((t) => el("p", {}, typeof t === "string" ? t : t.text || ""))));
}

// -- compare -----------------------------------------------------------------------------------

function compareView(p, me) {
  mark("compare");
  document.title = "Compare · samestory";
  const sides = ["a", "b"].map((name) => {
    const id = el("input", { id: `${name}-id`, value: p.get(name) || "", placeholder: "stored article id (optional)", "aria-label": `Article ${name.toUpperCase()} id` });
    const text = el("textarea", { id: `${name}-text`, rows: 12, placeholder: `Paste article ${name.toUpperCase()}: plain text (first line the headline) or an HTML page`, "aria-label": `Article ${name.toUpperCase()} text` });
    const title = el("div", { class: "side-title" });
    text.addEventListener("input", () => { id.value = ""; title.textContent = ""; });
    id.addEventListener("change", () => load(name, id, text, title, me));
    return { name, id, text, title };
  });
  const run = el("button", { type: "submit", id: "compare-run" }, "Compare");
  const out = el("div", { id: "compare-result" });
  const form = el("form", { class: "compare-form", onsubmit: (e) => { e.preventDefault(); submit(); } },
    el("div", { class: "sides" }, sides.map((s) => el("div", { class: "side" },
      el("h2", {}, `Article ${s.name.toUpperCase()}`), s.id, s.title, s.text))),
    el("div", { class: "actions" }, run, el("span", { class: "note" }, " Texts are compared and then forgotten: nothing is stored.")));
  view(el("h1", {}, "Compare two articles"), form, out);

  async function submit() {
    const body = {};
    for (const s of sides) {
      if (s.id.value.trim()) body[`${s.name}_id`] = s.id.value.trim();
      else body[s.name] = s.text.value;
    }
    run.disabled = true;
    out.replaceChildren(el("p", { class: "note busy" }, "Comparing…"));
    try {
      const c = await api("/compare", { method: "POST", headers: { "Content-Type": "application/json", Accept: "application/json" }, body: JSON.stringify(body) });
      if (me === route) {
        out.replaceChildren(...comparison(c).filter(Boolean));
        if (window.innerWidth < 700) out.scrollIntoView({ block: "start" });
      }
    } catch (err) {
      if (me === route) out.replaceChildren(failure(err));
    } finally {
      run.disabled = false;
    }
  }

  Promise.all(sides.map((s) => (s.id.value ? load(s.name, s.id, s.text, s.title, me) : null))).then(() => {
    if (me === route && sides.every((s) => s.id.value)) submit();
  });
}

async function load(name, id, text, title, me) {
  if (!id.value.trim()) return;
  try {
    const a = await api(`/articles/${encodeURIComponent(id.value.trim())}`);
    if (me !== route) return;
    title.replaceChildren(el("a", { href: `#/article/${encodeURIComponent(a.id)}` }, a.title || a.id), ` (${a.lang || "?"})`);
    text.value = (a.title ? a.title + "\n\n" : "") + (a.text || "");
  } catch (err) {
    title.replaceChildren(failure(err));
  }
}

function comparison(c) {
  const same = !!c.same_story;
  const [la, lb] = c.languages || ["?", "?"];
  const verdict = el("div", { class: `verdict ${same ? "same" : "different"}`, id: "verdict", role: "status" },
    el("strong", {}, same ? "Same story" : "Different stories"),
    el("span", {}, ` · similarity ${(100 * (c.similarity || 0)).toFixed(0)}% · overall ${Number(c.overall).toFixed(2)} (1 = same, 4 = different)`),
    c.confident === false ? el("span", { class: "warn" }, " · not confident") : null);
  const warnings = (c.warnings || []).length ? el("ul", { class: "warnings" }, c.warnings.map((w) => el("li", {}, w))) : null;
  const dims = el("div", { class: "dims", id: "dimensions" }, DIMENSIONS.filter((d) => d in (c.dimensions || {})).map((d) => {
    const v = Number(c.dimensions[d]);
    const bar = el("span", { class: "fill" });
    bar.style.width = `${Math.max(0, Math.min(1, (4 - v) / 3)) * 100}%`;
    return el("div", { class: "dim", "data-dim": d }, el("span", { class: "name" }, d), el("span", { class: "bar" }, bar), el("span", { class: "value" }, v.toFixed(2)));
  }));
  const rows = alignedRows(c);
  const nPairs = (c.alignment || []).length;
  const table = el("div", { class: "aligned", id: "aligned" },
    el("div", { class: "pair head" }, el("div", {}, `A (${la})`), el("div", { class: "n" }, ""), el("div", {}, `B (${lb})`)),
    rows.map((r) => {
      const cls = r.kind === "pair" ? "pair" : `pair only only-${r.kind}`;
      const row = el("div", { class: cls, "data-kind": r.kind },
        el("div", { class: "sa" }, r.a.map((t) => el("p", {}, t)), r.kind === "b" ? el("p", { class: "missing" }, "— not in A") : null),
        el("div", { class: "n", title: r.score !== null ? `similarity ${r.score.toFixed(3)}` : "" }, r.kind === "pair" ? `${r.n}` : r.kind === "a" ? "A only" : "B only"),
        el("div", { class: "sb" }, r.b.map((t) => el("p", {}, t)), r.kind === "a" ? el("p", { class: "missing" }, "— not in B") : null));
      row.addEventListener("click", () => row.classList.toggle("focus"));
      return row;
    }));
  const entities = (c.shared_entities || []).length
    ? el("div", { class: "chips", id: "shared-entities" }, c.shared_entities.map((e) =>
      el("span", { class: `chip ${e.kind || ""}`, title: e.kind || "" }, e.a === e.b ? e.a : `${e.a} ↔ ${e.b}`)))
    : el("p", { class: "note", id: "shared-entities" }, "No name, number or date in common.");
  return [
    verdict, warnings,
    el("h2", {}, "Dimensions"), dims,
    el("h2", {}, "Shared names, numbers and dates"), entities,
    el("h2", {}, "Sentences side by side"),
    el("p", { class: "note", id: "aligned-summary" }, `${plural(nPairs, "aligned pair")}; ${(c.only_in_a || []).length} only in A, ${(c.only_in_b || []).length} only in B.`),
    table,
  ];
}

function alignedRows(c) {
  // aligned groups in A's order; a sentence only in A at its place; one only in B after the
  // group holding the B sentence before it
  const sa = c.sentences_a || [], sb = c.sentences_b || [];
  const groups = (c.alignment || []).map((g, i) => ({ kind: "pair", n: i + 1, ai: g.a, bi: g.b, score: g.score }));
  const rows = groups.map((g) => ({ kind: "pair", n: g.n, a: g.ai.map((i) => sa[i] ?? ""), b: g.bi.map((i) => sb[i] ?? ""), score: g.score,
    key: g.ai.length ? Math.min(...g.ai) : (g.bi.length ? Math.min(...g.bi) : 0) }));
  for (const i of c.only_in_a || []) rows.push({ kind: "a", a: [sa[i] ?? ""], b: [], score: null, key: i + 0.1 });
  for (const j of c.only_in_b || []) {
    let key = -0.5;
    for (const g of groups) if (g.bi.some((x) => x < j) && g.ai.length) key = Math.max(key, Math.max(...g.ai) + 0.2);
    rows.push({ kind: "b", a: [], b: [sb[j] ?? ""], score: null, key });
  }
  return rows.sort((x, y) => x.key - y.key);
}

window.addEventListener("hashchange", navigate);
navigate();
