// The matcher's reasons in Chinese for the Chinese page. The API gives them in English, one template each
// (LandbankMatching's Scoring and Screening); a reason no template here knows is shown as it came.
"use strict";
const UNIT_ZH = { "mu": "亩", "m²": "平方米" };
const NAME_ZH = { "clear height": "净高", "floor load": "楼面荷载", "power": "电力容量", "crane": "行车", "rent": "租金",
                  "availability date": "可用日期", "land price": "地价" };
const N = "([\\d.,]+)";
const REASONS_ZH = [
  [new RegExp(`^${N} km from the point \\(limit ${N} km\\)$`), m => `距目标点 ${m[1]} 公里（上限 ${m[2]} 公里）`],
  [new RegExp(`^${N} (mu|m²), ${N} from the ${N} (mu|m²) aimed at$`),
   m => `${m[1]} ${UNIT_ZH[m[2]]}，与目标 ${m[4]} ${UNIT_ZH[m[5]]} 相差 ${m[3]}`],
  [/^a standard factory \(标准厂房\)$/, () => "标准厂房"],
  [/^in (.+), a preferred zone$/, m => `位于优先片区 ${m[1]}`],
  [/^(\S+) is a leading industry of (.+)$/, m => `${m[1]} 是 ${m[2]} 的主导产业`],
  [new RegExp(`^rent ${N} yuan/m² a month$`), m => `租金 ${m[1]} 元/平方米·月`],
  [new RegExp(`^land price ${N} yuan/mu$`), m => `地价 ${m[1]} 元/亩`],
  [new RegExp(`^(\\d+) neighbouring parcels joined, ${N} mu(?:, compactness ${N})?$`),
   m => `${m[1]} 宗相邻地块合并，共 ${m[2]} 亩` + (m[3] ? `，紧凑度 ${m[3]}` : "")],
  [/^no data: (.+)$/, m => "缺少数据：" + m[1].split("; ").map(missingZh).join("；")],
];

// One "no data" item: "power (power_kva unknown)", "land price (no land_price_yuan_per_mu)", "gate of Z not checked: …".
function missingZh(item) {
  let m = item.match(/^gate of (.+) not checked: (.+)$/);
  if (m) return `${m[1]} 的准入门槛未核（${m[2]}）`;
  m = item.match(/^(.+?) \((?:no )?(\S+)(?: unknown)?\)$/);
  if (m && NAME_ZH[m[1]]) return `${NAME_ZH[m[1]]}（${m[2]}）`;
  return item;
}

// The first template of `table` ([pattern, say] pairs) that matches `text`, said in Chinese; else the text as it came.
function byTemplate(table, text) {
  for (const [pattern, say] of table) {
    const m = text.match(pattern);
    if (m) return say(m);
  }
  return text;
}

function reasonZh(text) { return byTemplate(REASONS_ZH, text); }
