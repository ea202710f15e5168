// The projects pipeline (counts by stage, the list, one project's history and match) and the compliance ledger.
// Loaded before app.js, whose helpers (api, t, esc, fixed, showCandidates) these functions call when run.
"use strict";
const PROJECT_WORDS = {
  zh: { projects: "招商项目", ledger: "履约台账", since: "签约自", asOf: "截至", stage: "阶段", team: "小组", investment: "投资额",
        name: "名称", project: "项目", matchProject: "为项目选址", late: "逾期", incentives: "奖补", response: "处置", shortOf: "未达",
        allStages: "全部", days: "天", count: "个数",
        st_lead: "发掘", st_following: "跟进", st_negotiating: "洽谈", st_evaluating: "评估", st_decided: "决策", st_signed: "签约",
        st_building: "建设", st_producing: "投产", st_met_agreement: "达到协议约定", st_never_landed: "未落地", st_in_breach: "违约",
        st_terminated: "终止",
        lc_met: "达到协议约定", lc_never_landed: "未落地", lc_building: "建设期", lc_short: "未达到协议约定",
        in_fully_paid: "已兑现完毕", in_not_fully_paid: "未兑现完", in_none_promised: "无",
        rs_pause_incentives: "暂缓后续政策兑现", rs_legal_steps: "启动法律程序", rs_land_recovery: "土地收回或列入低效用地清理",
        rs_breach_clause: "依据违约条款施压",
        fg_investment: "投资", fg_output: "产值", fg_tax: "税收", fg_jobs: "就业", fg_tenants: "入驻企业", fg_floor_space: "厂房面积" },
  en: { projects: "Projects", ledger: "Compliance ledger", since: "Signed since", asOf: "As of", stage: "Stage", team: "Team",
        investment: "Investment", name: "Name", project: "Project", matchProject: "Find a site for it", late: "Late",
        incentives: "Incentives", response: "Response", shortOf: "Short of", allStages: "all", days: "d", count: "count",
        st_lead: "lead", st_following: "following", st_negotiating: "negotiating", st_evaluating: "evaluating", st_decided: "decided",
        st_signed: "signed", st_building: "building", st_producing: "producing", st_met_agreement: "met the agreement",
        st_never_landed: "never landed", st_in_breach: "in breach", st_terminated: "terminated",
        lc_met: "met the agreement", lc_never_landed: "never landed", lc_building: "still building", lc_short: "short of the agreement",
        in_fully_paid: "fully paid", in_not_fully_paid: "not fully paid", in_none_promised: "none promised",
        rs_pause_incentives: "pause incentives", rs_legal_steps: "legal steps", rs_land_recovery: "land recovery / inefficient-land list",
        rs_breach_clause: "breach clause",
        fg_investment: "investment", fg_output: "output", fg_tax: "tax", fg_jobs: "jobs", fg_tenants: "firms", fg_floor_space: "floor space" },
};
const STAGES = ["lead", "following", "negotiating", "evaluating", "decided", "signed", "building", "producing",
                "met_agreement", "never_landed", "in_breach", "terminated"];

// Yuan (exact text, as the API sends money) as the seeds write it: 65.1亿元, 6000万元; in English ¥ with separators.
function yuan(text) {
  if (text == null) return "—";
  const n = Number(text);
  if (lang !== "zh") return "¥" + Math.round(n).toLocaleString("en");
  const trim = x => x.toFixed(2).replace(/\.?0+$/, "");
  return n >= 1e8 ? trim(n / 1e8) + "亿元" : n >= 1e4 ? trim(n / 1e4) + "万元" : trim(n) + "元";
}

// Counts by stage as bars (a click lists that stage), then the projects of the stage chosen.
async function showProjects(stage) {
  const box = document.getElementById("pipeline"), list = document.getElementById("projectList");
  box.textContent = t("loading");
  try {
    const r = await api("/api/projects" + (stage ? "?stage=" + encodeURIComponent(stage) : ""));
    const most = Math.max(1, ...Object.values(r.by_stage));
    box.innerHTML = `<table><tr><th>${t("stage")}</th><th>${t("count")}</th><th></th></tr>` +
      [["", Object.values(r.by_stage).reduce((a, b) => a + b, 0)]].concat(STAGES.map(s => [s, r.by_stage[s] || 0])).map(([s, n]) =>
        `<tr data-stage="${s}" class="${s === stage ? "on" : ""}"><td>${s ? t("st_" + s) : t("allStages")}</td><td>${n}</td>` +
        `<td style="text-align:left">${s ? `<span class="bar" style="width:${Math.round(90 * n / most)}px"></span>` : ""}</td></tr>`).join("") + "</table>";
    box.querySelectorAll("tr[data-stage]").forEach(tr => tr.addEventListener("click", () => showProjects(tr.dataset.stage)));
    list.innerHTML = `<table><tr><th>${t("project")}</th><th>${t("name")}</th><th>${t("team")}</th><th>${t("stage")}</th><th>${t("investment")}</th></tr>` +
      r.projects.map(p => `<tr data-id="${esc(p.id)}"><td>${esc(p.id)}</td><td>${esc(p.name)}</td><td>${esc(p.team)}</td>` +
        `<td>${esc(p.stage ? t("st_" + p.stage) : "")}</td><td>${yuan(p.agreement.investment)}</td></tr>`).join("") + "</table>";
    list.querySelectorAll("tr[data-id]").forEach(tr => tr.addEventListener("click", () => showProject(tr.dataset.id)));
    document.body.dataset.projects = r.projects.length;
  } catch (e) { box.innerHTML = `<p class="error">${esc(e.message)}</p>`; }
}

// One project in the detail box: its agreement and history, and (with a demand) a button that matches it.
async function showProject(id, matchNow) {
  const box = document.getElementById("detail");
  box.textContent = t("loading");
  try {
    const d = await api("/api/projects/" + encodeURIComponent(id));
    const p = d.project;
    box.innerHTML = `<h3>${esc(p.id)} ${esc(p.name)}</h3><table>
      <tr><td>${t("stage")}</td><td>${esc(p.stage ? t("st_" + p.stage) : "—")}</td></tr>
      <tr><td>${t("team")}</td><td>${esc(p.team || "—")}</td></tr><tr><td>${t("zone")}</td><td>${esc(p.zone || "—")}</td></tr>
      <tr><td>${t("investment")}</td><td>${yuan(p.agreement.investment)}</td></tr></table>
      <h4>${t("history")}</h4><table>` + d.history.map(e =>
        `<tr><td>#${e.id}</td><td>${esc(e.date)}</td><td>${esc(t("st_" + e.stage))}</td><td>${esc(e.sites.join(", "))}</td><td>${esc(e.recordedBy)}</td></tr>`).join("") +
      "</table>" + (p.demandJSON ? `<button id="projectMatch">${t("matchProject")}</button>` : "");
    const run = async () => {
      const list = document.getElementById("candidates");
      list.textContent = t("loading");
      try {
        const r = await api(`/api/projects/${encodeURIComponent(id)}/match?map=true&limit=5`);
        showCandidates(r.answer, r.map);
      } catch (e) { list.innerHTML = `<li class="error">${esc(e.message)}</li>`; }
    };
    const button = document.getElementById("projectMatch");
    if (button) button.addEventListener("click", run);
    if (button && matchNow) await run();
  } catch (e) { box.innerHTML = `<p class="error">${esc(e.message)}</p>`; }
}

// Seed 000's four counts, then each project short of its agreement or never landed: what falls short, how late,
// its incentives and the response.
async function showLedger() {
  const box = document.getElementById("ledger");
  box.textContent = t("loading");
  const since = document.getElementById("ledgerSince").value, asOf = document.getElementById("ledgerAsOf").value;
  const q = new URLSearchParams();
  if (since) q.set("since", since);
  if (asOf) q.set("as_of", asOf);
  try {
    const l = await api("/api/project-ledger?" + q);
    const counts = ["met", "never_landed", "building", "short"].map(c =>
      `<tr><td>${t("lc_" + c)}</td><td>${l.counts[c] || 0}</td></tr>`).join("");
    const rows = l.entries.filter(e => e.classification === "short" || e.classification === "never_landed").map(e =>
      `<tr title="${esc(e.reason || "")}"><td>${esc(e.projectID)}</td><td>${t("lc_" + e.classification)}</td>` +
      `<td>${esc(e.shortfalls.map(s => `${t("fg_" + s.figure)} ${s.percent}%`).join(", "))}</td>` +
      `<td>${e.overdue ? e.overdue.days + " " + t("days") : ""}</td><td>${t("in_" + e.incentives.state)}</td>` +
      `<td>${e.response ? t("rs_" + e.response) : ""}</td></tr>`).join("");
    box.innerHTML = `<p>${l.projects} ${t("projects")}, ${t("asOf")} ${esc(l.asOf)}</p><table>${counts}</table>` +
      `<table><tr><th>${t("project")}</th><th></th><th>${t("shortOf")}</th><th>${t("late")}</th><th>${t("incentives")}</th><th>${t("response")}</th></tr>${rows}</table>`;
    document.body.dataset.ledger = l.projects;
  } catch (e) { box.innerHTML = `<p class="error">${esc(e.message)}</p>`; }
}

document.addEventListener("DOMContentLoaded", () => {
  document.getElementById("projectsBtn").addEventListener("click", () => showProjects(""));
  document.getElementById("ledgerBtn").addEventListener("click", () => showLedger());
});
