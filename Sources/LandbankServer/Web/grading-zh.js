// The grading's words in Chinese for the Chinese page. The API gives each grade's explanation, each land share's
// and each proposal's reasons in English, one template each (LandbankRegistry's Efficiency: Grading.explain,
// LandShares, GradeReport.proposals); a sentence no template here knows is shown as it came.
// Uses reasons.js's byTemplate (loaded before it).
"use strict";
const INDICATOR_ZH = {
  tax_per_mu: "亩均税收", value_added_per_mu: "亩均增加值", sales_per_mu: "亩均营业收入", investment_per_mu: "亩均投资",
  value_added_rate: "增加值率", rd_share: "研发经费占营业收入比重", labour_productivity: "全员劳动生产率",
  energy_per_value_added: "单位增加值能耗", emissions_per_value_added: "单位增加值排放",
};
const VETO_ZH = { "major safety incidents": "重大安全事故", "major environment incidents": "重大环境污染事件",
                  "safety incidents": "安全事故", "environment incidents": "环境违法事件" };
const BASIS_ZH = { "tenant, pro rata": "承租，按建筑面积分摊", "whole parcel": "整宗地块", "holder, less its tenants": "权利人，扣除承租部分" };
const G = "([\\d.,-]+)";

// "12 major safety incidents (at least 1) → at best D"
function vetoZh(v) {
  const m = v.match(/^(\d+) (.+) \(at least (\d+)\) → at best ([ABCD])$/);
  return m ? `${VETO_ZH[m[2]] || m[2]} ${m[1]} 起（${m[3]} 起即否决）→ 至多 ${m[4]} 类` : v;
}

// "rd_yuan missing", "sales_yuan is 0"
const GAPS_ZH = [
  [/^(\S+) missing$/, m => `${m[1]} 缺失`],
  [/^(\S+) is 0$/, m => `${m[1]} 为 0`],
];

function gapZh(g) { return byTemplate(GAPS_ZH, g); }

// One sentence of Grading.explain.
function explanationSentenceZh(s) {
  let m = s.match(new RegExp(`^grade ([ABCD]) \\(.*\\((.+)\\)\\): score ${G}(?:, ([ABCD]) by the score)?(?:, ([ABCD]) needs ${G})?$`));
  if (m) {
    return `${m[1]} 类（${m[2]}）：得分 ${m[3]}` + (m[4] ? `，按得分为 ${m[4]} 类` : "") + (m[5] ? `，${m[5]} 类需 ${m[6]} 分` : "");
  }
  m = s.match(/^Pulled down by: (.+)$/);
  if (m) {
    return "拉低得分：" + m[1].split("; ").map(item => {
      const i = item.match(new RegExp(`^(\\S+) ${G} (\\S+) against ${G} \\(${G} of ${G} points\\)$`));
      return i ? `${INDICATOR_ZH[i[1]] || i[1]} ${i[2]} ${i[3]}，基准 ${i[4]}（得 ${i[5]} 分，满分 ${i[6]}）` : item;
    }).join("；");
  }
  m = s.match(/^Missing, (scored 0|left out, the other weights scaled up): (.+)$/);
  if (m) {
    const how = m[1] === "scored 0" ? "计 0 分" : "不计，其余权重按比例放大";
    return `缺少数据（${how}）：` + m[2].split("; ").map(item => {
      const i = item.match(/^(\S+) \((.+)\)$/);
      return i ? `${INDICATOR_ZH[i[1]] || i[1]}（${gapZh(i[2])}）` : item;
    }).join("；");
  }
  m = s.match(/^Veto: (.+)$/);
  if (m) return "一票否决：" + m[1].split("; ").map(vetoZh).join("；");
  if (s === "No veto applies") return "无否决项";
  return s;
}

function gradeExplanationZh(text) {
  return text.split(". ").map(explanationSentenceZh).join("。");
}

// LandShares: how an enterprise's land was counted on one parcel.
const SHARES_ZH = [
  [new RegExp(`^tenant of ${G} m² of the ${G} m² in the parcel's buildings × ${G} mu = ${G} mu$`),
   m => `承租 ${m[1]} 平方米 ÷ 地块建筑 ${m[2]} 平方米 × ${m[3]} 亩 = ${m[4]} 亩`],
  [new RegExp(`^tenant of ${G} m² of the ${G} m² its tenants declare \\(the parcel's registered buildings have ${G} m²\\) × ${G} mu = ${G} mu$`),
   m => `承租 ${m[1]} 平方米 ÷ 承租方申报合计 ${m[2]} 平方米（地块登记建筑 ${m[3]} 平方米）× ${m[4]} 亩 = ${m[5]} 亩`],
  [new RegExp(`^whole parcel, ${G} mu$`), m => `整宗地块 ${m[1]} 亩`],
  [new RegExp(`^holds the parcel: ${G} mu less its tenants' ${G} mu = ${G} mu$`),
   m => `地块权利人：${m[1]} 亩减承租部分 ${m[2]} 亩 = ${m[3]} 亩`],
];

function shareZh(text) { return byTemplate(SHARES_ZH, text); }

// GradeReport.proposals: why a parcel is proposed for the inefficient-land list.
function proposalReasonZh(text) {
  const m = text.match(new RegExp(`^(.+) graded ([ABCD]) in (\\d+) \\(score ${G}(?:; veto: (.+))?\\), uses ${G} mu \\((.+)\\)$`));
  if (!m) return text;
  const veto = m[5] ? "；否决：" + m[5].split("; ").map(vetoZh).join("；") : "";
  return `${m[1]} ${m[3]} 年评为 ${m[2]} 类（得分 ${m[4]}${veto}），用地 ${m[6]} 亩（${BASIS_ZH[m[7]] || m[7]}）`;
}

// Grading.ranked: "tied on 63.42 with E1, E2; ordered by enterprise id".
function tieZh(text) {
  const m = text.match(new RegExp(`^tied on ${G} with (.+); ordered by enterprise id$`));
  return m ? `与 ${m[2]} 同分 ${m[1]}，按企业编号排序` : text;
}

// BatchReport's supplied-not-used land: "idle since 2024-10-09 (1 full year)", "not idle yet under the 2012
// Measures (agreed start 2024-12-16)".
const IDLE_ZH = [
  [/^idle since (\S+) \((\d+) full years?\)$/, m => `${m[1]} 起闲置（满 ${m[2]} 年）`],
  [/^not idle yet under the 2012 Measures \(agreed start (\S+)\)$/, m => `按 2012 年《闲置土地处置办法》尚未构成闲置（约定开工 ${m[1]}）`],
];

function idleZh(text) { return byTemplate(IDLE_ZH, text); }
