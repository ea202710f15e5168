// landbank's web page: the parcels on a map coloured by status, a parcel's details, matching, blocks, report;
// the projects pipeline and the compliance ledger live in projects.js.
// Everything comes from the JSON API of the same server; Leaflet is served by landbank itself (no internet).
"use strict";
const T = {
  zh: { title: "闲置土地台账", allZones: "全部片区", login: "登录", token: "令牌", clickHint: "点击地块查看详情",
        match: "项目选址", industry: "行业", landMu: "用地 (亩)", near: "靠近 (经度,纬度)", maxKm: "最远 (公里)", find: "查找",
        blocks: "连片用地", minMu: "至少 (亩)", show: "显示", report: "处置情况", anonymous: "未登录 (公开数据)",
        parcels: "宗地", status: "状态", zone: "片区", landUse: "用途", cadastral: "地籍面积", ellipsoidal: "椭球面积",
        buildings: "厂房", history: "历史", noCandidates: "没有符合条件的地块", candidates: "候选", score: "得分",
        method: "处置方式", total: "合计", land: "土地", floor: "厂房面积", mu: "亩", loading: "加载中…",
        idle: "闲置", inefficient: "低效", approved_not_supplied: "批而未供", under_recovery: "收回中", recovered: "已收回",
        revitalized: "已盘活", assigned: "已出让" },
  en: { title: "Idle land registry", allZones: "All zones", login: "Sign in", token: "token", clickHint: "Click a parcel for its details",
        match: "Find a site", industry: "Industry", landMu: "Land (mu)", near: "Near (lon,lat)", maxKm: "Within (km)", find: "Find",
        blocks: "Contiguous blocks", minMu: "At least (mu)", show: "Show", report: "Disposals", anonymous: "no token (published data)",
        parcels: "parcels", status: "Status", zone: "Zone", landUse: "Land use", cadastral: "Cadastral area", ellipsoidal: "Ellipsoidal area",
        buildings: "Buildings", history: "History", noCandidates: "No site meets the demand", candidates: "candidates", score: "score",
        method: "Method", total: "Total", land: "Land", floor: "Floor space", mu: "mu", loading: "loading…",
        idle: "idle", inefficient: "inefficient", approved_not_supplied: "approved, not supplied", under_recovery: "under recovery",
        recovered: "recovered", revitalized: "revitalized", assigned: "assigned" },
};
// The projects panel's and the grading panel's words (projects.js, efficiency.js, loaded first).
for (const l of Object.keys(T)) Object.assign(T[l], PROJECT_WORDS[l], EFFICIENCY_WORDS[l]);
const COLORS = { idle: "#d7191c", inefficient: "#fdae61", approved_not_supplied: "#a6611a", under_recovery: "#f4a3c0",
                 recovered: "#2b83ba", revitalized: "#1a9641", assigned: "#7b3294" };
let lang = localStorage.getItem("landbank.lang") || "zh";
let token = localStorage.getItem("landbank.token") || "";
const t = k => (T[lang][k] ?? k);
const map = L.map("map", { preferCanvas: false }).setView([27.8, 114.95], 12);
let parcelsLayer = null, overlay = L.layerGroup().addTo(map), zoneBounds = {};

function applyLanguage() {
  document.documentElement.lang = lang;
  document.querySelectorAll("[data-t]").forEach(e => e.textContent = t(e.dataset.t));
  document.querySelectorAll("[data-tp]").forEach(e => e.placeholder = t(e.dataset.tp));
  document.getElementById("lang").textContent = lang === "zh" ? "English" : "中文";
  legend();
}

async function api(path, options = {}) {
  const headers = Object.assign({}, options.headers || {});
  if (token) headers["Authorization"] = "Bearer " + token;
  const r = await fetch(path, Object.assign({}, options, { headers }));
  const type = r.headers.get("content-type") || "";
  const body = type.includes("json") ? await r.json() : await r.text();
  if (!r.ok) throw new Error((body && body.error) || r.status);
  return body;
}

function legend() {
  document.getElementById("legend").innerHTML = Object.entries(COLORS)
    .map(([s, c]) => `<span><i style="background:${c}"></i>${t(s)}</span>`).join("");
}

function esc(s) { return String(s ?? "").replace(/[&<>"]/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]); }
function fixed(x, d) { return x == null ? "—" : Number(x).toFixed(d); }

async function whoami() {
  try {
    const me = await api("/api/me");
    document.getElementById("who").textContent = me.name ? `${me.name} (${me.role})` : t("anonymous");
    if (me.tile_url) L.tileLayer(me.tile_url, { maxZoom: 19 }).addTo(map);
    return me;
  } catch (e) { document.getElementById("who").innerHTML = `<span class="error">${esc(e.message)}</span>`; return null; }
}

async function loadParcels() {
  const geo = await api("/api/export.geojson");
  if (parcelsLayer) parcelsLayer.remove();
  zoneBounds = {};
  parcelsLayer = L.geoJSON(geo, {
    style: f => ({ color: "#333", weight: 1, fillColor: COLORS[f.properties.status] || "#999", fillOpacity: 0.6 }),
    onEachFeature: (f, layer) => {
      layer.on("click", () => showParcel(f.id));
      const z = f.properties.zone || "";
      zoneBounds[z] = (zoneBounds[z] || L.latLngBounds([])).extend(layer.getBounds());
    },
  }).addTo(map);
  document.body.dataset.parcels = geo.features.length;
  if (geo.features.length) map.fitBounds(parcelsLayer.getBounds());
  const select = document.getElementById("zone");
  select.querySelectorAll("option:not([value=''])").forEach(o => o.remove());
  Object.keys(zoneBounds).filter(z => z).sort().forEach(z => select.add(new Option(z, z)));
}

async function showParcel(id) {
  const box = document.getElementById("detail");
  box.textContent = t("loading");
  try {
    const d = await api("/api/parcels/" + encodeURIComponent(id));
    const p = d.parcel.parcel;
    let html = `<h3>${esc(p.parcel_id)}</h3><table>
      ${p.name ? `<tr><td>name</td><td>${esc(p.name)}</td></tr>` : ""}
      <tr><td>${t("zone")}</td><td>${esc(p.zone)}</td></tr><tr><td>${t("landUse")}</td><td>${esc(p.land_use)}</td></tr>
      <tr><td>${t("status")}</td><td>${esc(t(p.status))}</td></tr>
      <tr><td>${t("cadastral")}</td><td>${fixed(p.cadastral_area_m2, 2)} m² = ${fixed(p.cadastral_area_mu, 3)} ${t("mu")}</td></tr>
      <tr><td>${t("ellipsoidal")}</td><td>${fixed(p.ellipsoidal_area_m2, 2)} m² = ${fixed(p.ellipsoidal_area_mu, 3)} ${t("mu")}</td></tr>
      <tr><td>${t("buildings")}</td><td>${esc((d.parcel.buildings || []).join(", ") || "—")}</td></tr></table>`;
    try {
      const h = await api(`/api/parcels/${encodeURIComponent(id)}/history`);
      html += `<h4>${t("history")}</h4><table>` + h.events.map(e =>
        `<tr><td>#${e.id}</td><td>${esc(e.date)}</td><td>${esc(e.kind)}</td><td>${esc(e.status ? t(e.status) : "")}</td><td>${esc(e.recorded_by)}</td></tr>`).join("") + "</table>";
    } catch (e) { /* the public sees no history */ }
    box.innerHTML = html;
  } catch (e) { box.innerHTML = `<p class="error">${esc(e.message)}</p>`; }
}

// Candidates or blocks over the parcels, labelled, and the map zoomed to them.
function drawOverlay(geo, style, label) {
  overlay.clearLayers();
  const layers = {};
  const drawn = L.geoJSON(geo, { style, onEachFeature: (f, l) => { layers[f.id] = l; l.bindTooltip(label(f), { permanent: true, direction: "center", className: "tag" }); } }).addTo(overlay);
  if (geo.features.length) map.fitBounds(drawn.getBounds().pad(0.3));
  return layers;
}

document.getElementById("matchForm").addEventListener("submit", ev => { ev.preventDefault(); runMatch(); });
async function runMatch() {
  const f = document.getElementById("matchForm"), list = document.getElementById("candidates");
  const [lon, lat] = f.near.value.split(",").map(Number);
  const demand = { id: "WEB-1", industry: f.industry.value, wants: "land",
                   land_mu: { min: Number(f.min.value), max: Number(f.max.value) } };
  if (f.near.value.trim()) demand.near = { lon, lat, max_km: Number(f.km.value) };
  list.textContent = t("loading");
  try {
    const r = await api("/api/match?map=true&limit=5", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(demand) });
    showCandidates(r.answers[0], r.map);
  } catch (e) { list.innerHTML = `<li class="error">${esc(e.message)}</li>`; }
}

// A match answer: the candidates numbered on the map and listed with their reasons (the form's and a project's).
function showCandidates(a, geo) {
  const list = document.getElementById("candidates");
  if (!a.candidates.length) { list.innerHTML = `<li>${t("noCandidates")}</li>`; overlay.clearLayers(); return; }
  const layers = drawOverlay(geo, { color: "#e6007e", weight: 4, fillColor: "#e6007e", fillOpacity: 0.35 },
                             f => `${f.properties.rank}`);
  list.innerHTML = a.candidates.map((c, i) => {
    const reasons = lang === "zh" ? c.reasons.map(reasonZh) : c.reasons;
    return `<li data-key="${esc(a.demand)}#${i + 1}"><b>${esc(c.parcels.join("+"))}</b> ${t("score")} ${fixed(c.score, 1)}<br><small>${esc(reasons.slice(0, 2).join("; "))}</small>${reasons.length > 2 ? `<details><summary>…</summary><small>${esc(reasons.slice(2).join("; "))}</small></details>` : ""}</li>`;
  }).join("");
  list.querySelectorAll("li").forEach(li => li.addEventListener("click", () => { const l = layers[li.dataset.key]; if (l) map.fitBounds(l.getBounds()); }));
  document.body.dataset.candidates = a.candidates.length;
}

document.getElementById("blocksBtn").addEventListener("click", () => showBlocks());
async function showBlocks() {
  const list = document.getElementById("blockList");
  try {
    const r = await api(`/api/blocks?map=true&min_mu=${encodeURIComponent(document.getElementById("blockMu").value)}`);
    const layers = drawOverlay(r.map, { color: "#0033cc", weight: 4, fillColor: "#0033cc", fillOpacity: 0.3 }, f => `${fixed(f.properties.area_mu, 1)} ${t("mu")}`);
    list.innerHTML = r.blocks.map((b, i) => `<li data-key="block-${i + 1}">${fixed(b.area_mu, 3)} ${t("mu")}, ${b.parcels.length} ${t("parcels")} (${esc(b.zones.join(", "))})</li>`).join("");
    list.querySelectorAll("li").forEach(li => li.addEventListener("click", () => { const l = layers[li.dataset.key]; if (l) map.fitBounds(l.getBounds()); }));
  } catch (e) { list.innerHTML = `<li class="error">${esc(e.message)}</li>`; }
}

document.getElementById("reportBtn").addEventListener("click", () => showReport());
async function showReport() {
  const box = document.getElementById("report");
  try {
    const r = await api("/api/report");
    const table = (rows, total, unit, measure) => `<table><tr><th>${t("method")}</th><th>#</th><th>${t("recovered")}</th><th>${t("revitalized")}</th><th>${t("total")} ${unit}</th></tr>` +
      rows.concat([Object.assign({ method: t("total") }, total)]).map(x =>
        `<tr><td>${esc(x.method)}</td><td>${x[measure] ?? ""}</td><td>${fixed(x.recovered, 2)}</td><td>${fixed(x.revitalized, 2)}</td><td>${fixed(x.total, 2)}</td></tr>`).join("") + "</table>";
    box.innerHTML = `<h4>${t("land")}</h4>` + table(r.land || [], r.land_total || {}, t("mu"), "count") +
                    `<h4>${t("floor")}</h4>` + table(r.floor_space_m2 || [], r.floor_space_total_m2 || {}, "m²", "count");
  } catch (e) { box.innerHTML = `<p class="error">${esc(e.message)}</p>`; }
}

document.getElementById("zone").addEventListener("change", ev => {
  const b = zoneBounds[ev.target.value] || (parcelsLayer && parcelsLayer.getBounds());
  if (b && b.isValid()) map.fitBounds(b);
});
document.getElementById("lang").addEventListener("click", () => {
  lang = lang === "zh" ? "en" : "zh"; localStorage.setItem("landbank.lang", lang); applyLanguage();
});
document.getElementById("login").addEventListener("click", async () => {
  token = document.getElementById("token").value.trim(); localStorage.setItem("landbank.token", token);
  await start();
});

async function start() {
  applyLanguage();
  const params = new URLSearchParams(location.hash.slice(1));
  if (params.get("lang")) { lang = params.get("lang"); applyLanguage(); }
  if (params.get("token")) { token = params.get("token"); }
  const me = await whoami();
  // Projects and their money are for the roles that read everything.
  document.querySelectorAll(".private").forEach(e => e.classList.toggle("hidden", !me || me.reads !== "all"));
  try { await loadParcels(); } catch (e) { document.getElementById("detail").innerHTML = `<p class="error">${esc(e.message)}</p>`; }
  // #match, #blocks, #report, #parcel=ID, #grades, #batches run those at once (links to share, and the browser test).
  if (params.has("report")) await showReport();
  if (params.has("blocks")) await showBlocks();
  if (params.get("parcel")) await showParcel(params.get("parcel"));
  if (params.has("projects")) await showProjects(params.get("projects") || "");
  if (params.has("ledger")) await showLedger();
  // #grades=2024 (the server's grading policy), #batches or #batches=2025-06-30.
  if (params.get("grades")) { document.getElementById("gradeYear").value = params.get("grades"); await showGrades(); }
  if (params.has("batches")) { document.getElementById("batchAsOf").value = params.get("batches"); await showBatches(); }
  if (params.get("grades") || params.has("batches")) document.getElementById("efficiencyBox").scrollIntoView();
  if (params.get("project")) await showProject(params.get("project"), params.has("match"));
  if (params.has("match") && !params.get("project")) await runMatch();
  document.body.dataset.ready = "1";
}
start();
