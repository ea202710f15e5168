// Per-mu grading (亩均评价) with each grade's reasons, and the approval batches' ledger (批而未供 / 供而未用) with the
// unsupplied land drawn on the map. Loaded before app.js, whose helpers (api, t, esc, fixed, drawOverlay) these
// functions call when run.
"use strict";
const EFFICIENCY_WORDS = {
  zh: { graded: "家企业参评", grading: "亩均评价", year: "年度", policyFile: "评价办法 (JSON，可选)", rank: "排名", enterprise: "企业", landMuShort: "用地 (亩)",
        grade: "等级", grades: "等级分布", reasonsTitle: "评价依据", proposals: "拟列入低效用地的地块", batchesTitle: "批而未供",
        batch: "批次", kind: "类型", approvedOn: "批准日期", approvedMu: "批准 (亩)", suppliedMu: "已供 (亩)", unsuppliedMu: "未供 (亩)",
        rate: "供地率 %", overTwoYears: "超两年", yes: "是", allZonesTotal: "合计", suppliedNotUsed: "供而未用",
        holder: "受让人", agreedStart: "约定开工", gr_A: "A 优先发展", gr_B: "B 支持发展", gr_C: "C 提升发展", gr_D: "D 整治淘汰",
        kd_farmland_conversion: "农用地转用", kd_expropriation: "土地征收", noPolicy: "本服务器未配置评价办法：请选择评价办法文件" },
  en: { graded: "enterprises graded", grading: "Per-mu grading", year: "Year", policyFile: "Grading policy (JSON, optional)", rank: "Rank", enterprise: "Enterprise",
        landMuShort: "Land (mu)", grade: "Grade", grades: "Grades", reasonsTitle: "Why", proposals: "Parcels proposed for the inefficient-land list",
        batchesTitle: "Approval batches", batch: "Batch", kind: "Kind", approvedOn: "Approved on", approvedMu: "Approved (mu)",
        suppliedMu: "Supplied (mu)", unsuppliedMu: "Unsupplied (mu)", rate: "Rate %", overTwoYears: "> 2 years", yes: "yes",
        allZonesTotal: "All zones", suppliedNotUsed: "Supplied, not used", holder: "Holder", agreedStart: "Agreed start",
        gr_A: "A develop first", gr_B: "B support", gr_C: "C push to transform", gr_D: "D remedy or exit",
        kd_farmland_conversion: "farmland conversion", kd_expropriation: "expropriation",
        noPolicy: "This server has no grading policy: choose a policy file" },
};
const GRADE_COLORS = { A: "#1a9641", B: "#a6d96a", C: "#fdae61", D: "#d7191c" };

// The tables need more room than the side panel's usual width: widen it, and tell the map its size changed.
function widen() {
  if (document.body.classList.contains("wide")) return;
  document.body.classList.add("wide");
  map.invalidateSize();
}

// The grading's English sentence, or on the Chinese page its Chinese (grading-zh.js).
function say(zh, text) { return lang === "zh" ? zh(text) : text; }

// The grades of a year: under the policy file chosen, else the server's. Counts by grade, then each enterprise
// with its score, grade and the reasons the grading gives (its explanation and how its land was counted).
async function showGrades() {
  const box = document.getElementById("grades");
  const year = document.getElementById("gradeYear").value, file = document.getElementById("gradePolicy").files[0];
  box.textContent = t("loading");
  widen();
  try {
    const r = file
      ? await api(`/api/grading?year=${encodeURIComponent(year)}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: await file.text() })
      : await api(`/api/grading?year=${encodeURIComponent(year)}`);
    const counts = ["A", "B", "C", "D"].map(g =>
      `<span class="grade" style="background:${GRADE_COLORS[g]}">${g}</span> ${r.counts[g] || 0}`).join(" &nbsp; ");
    const rows = r.enterprises.map(e =>
      `<tr class="enterprise"><td>${e.rank}</td><td>${esc(e.enterprise_id)}</td><td>${esc(e.name)}</td><td>${fixed(e.land_mu, 3)}</td>` +
      `<td>${fixed(e.score, 2)}</td><td title="${esc(t("gr_" + e.grade))}"><span class="grade" style="background:${GRADE_COLORS[e.grade]}">${e.grade}</span></td></tr>` +
      `<tr class="why"><td></td><td colspan="5">${esc(say(gradeExplanationZh, e.explanation))}${e.tie ? ` (${esc(say(tieZh, e.tie))})` : ""}` +
      (e.shares.length ? `<br>${e.shares.map(s => `${esc(s.parcel_id)}: ${esc(say(shareZh, s.explanation))}`).join("<br>")}` : "") + `</td></tr>`).join("");
    const proposals = r.proposals.map(p =>
      `<li><b>${esc(p.parcel_id)}</b> (${fixed(p.parcel_mu, 3)} ${t("mu")}): ${esc(p.reasons.map(x => say(proposalReasonZh, x)).join(lang === "zh" ? "；" : "; "))}</li>`).join("");
    box.innerHTML = `<p>${esc(r.policy)}, ${r.year}: ${r.enterprises.length} ${t("graded")}</p><p>${counts}</p>` +
      `<div class="scroll"><table><tr><th>${t("rank")}</th><th>${t("enterprise")}</th><th>${t("name")}</th><th>${t("landMuShort")}</th>` +
      `<th>${t("score")}</th><th>${t("grade")}</th></tr>${rows}</table></div>` +
      `<h4>${t("proposals")}</h4><ol class="scroll">${proposals}</ol>`;
    document.body.dataset.grades = r.enterprises.length;
  } catch (e) {
    box.innerHTML = `<p class="error">${esc(/no grading policy/.test(e.message) ? t("noPolicy") : e.message)}</p>`;
  }
}

// The batches' ledger as of a day: each batch's approved, supplied and unsupplied mu, the zones' and all zones'
// totals, and the land supplied but not used; the unsupplied land on the map.
async function showBatches() {
  const box = document.getElementById("batches");
  const asOf = document.getElementById("batchAsOf").value;
  box.textContent = t("loading");
  widen();
  try {
    const r = await api("/api/batches?map=true" + (asOf ? "&as_of=" + encodeURIComponent(asOf) : ""));
    drawOverlay(r.map, { color: "#a6611a", weight: 3, fillColor: "#a6611a", fillOpacity: 0.35 },
                f => `${fixed(f.properties.unsupplied_mu, 1)} ${t("mu")}`);
    const row = (name, kind, on, zone, x, flagged) =>
      `<tr><td>${name}</td><td>${kind}</td><td>${on}</td><td>${zone}</td><td>${fixed(x.approved_mu, 3)}</td><td>${fixed(x.supplied_mu, 3)}</td>` +
      `<td>${fixed(x.unsupplied_mu, 3)}</td><td>${fixed(x.supply_rate_percent, 2)}</td><td>${flagged}</td></tr>`;
    const batches = r.batches.map(b => row(esc(b.approval_no), esc(t("kd_" + b.kind)), esc(b.approved_on), esc(b.zone),
                                           b, b.over_two_years_unsupplied ? t("yes") : ""));
    const zones = r.by_zone.map(z => row(`<b>${esc(z.key)}</b>`, "", "", "", z, z.over_two_years_unsupplied || ""));
    const notUsed = r.supplied_not_used.map(s =>
      `<li><b>${esc(s.parcel_id)}</b> ${esc(s.contract_no)} ${esc(s.holder)}, ${t("agreedStart")} ${esc(s.agreed_start)}: ${esc(say(idleZh, s.idle))}</li>`).join("");
    box.innerHTML = `<p>${t("asOf")} ${esc(r.as_of)}</p><div class="scroll"><table><tr><th>${t("batch")}</th><th>${t("kind")}</th>` +
      `<th>${t("approvedOn")}</th><th>${t("zone")}</th><th>${t("approvedMu")}</th><th>${t("suppliedMu")}</th><th>${t("unsuppliedMu")}</th>` +
      `<th>${t("rate")}</th><th>${t("overTwoYears")}</th></tr>` + batches.concat(zones).join("") +
      row(`<b>${t("allZonesTotal")}</b>`, "", "", "", r.total, r.total.over_two_years_unsupplied || "") + `</table></div>` +
      `<h4>${t("suppliedNotUsed")} (${r.supplied_not_used.length})</h4><ol class="scroll">${notUsed}</ol>`;
    document.body.dataset.batches = r.batches.length;
  } catch (e) { box.innerHTML = `<p class="error">${esc(e.message)}</p>`; }
}

document.addEventListener("DOMContentLoaded", () => {
  document.getElementById("gradesBtn").addEventListener("click", () => showGrades());
  document.getElementById("batchesBtn").addEventListener("click", () => showBatches());
});
