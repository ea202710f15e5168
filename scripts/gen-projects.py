#!/usr/bin/env python3
"""Writes Fixtures/projects-xinjian-*.csv: seed 000's 83 investment projects over five years, their yearly
actuals and their incentives, built so that `landbank project ledger REG --since 2019-07-01 --as-of 2024-06-30`
reproduces the seed's figures exactly: 4 met the agreement, 14 never landed, 25 still building, 40 short of the
agreement (incentives fully paid on 19 of them, not on 21).

Also Fixtures/projects-guian-2023.csv (seed 003: eight teams, 135 leads worth 645.5亿元, 76 in negotiation and 56
signed for 383.6亿元 by 2023-12-20) and Fixtures/projects-xinyu-2024q1.csv (seed 001: 17 signed in the first quarter
of 2024 for 65.1亿元, with the five projects the seed names, and three projects outside the quarter).

Also the plans of targets that `landbank project stats --plan` reads: Fixtures/plan-guian-2023.csv (illustrative
targets for seed 003's eight teams: 50 projects and 350亿元 in all; the fixture's 56 signed for 383.6亿元 make 112%
and 109.6%) and Fixtures/plan-xinyu-2024.json (the Xinyu zone's 2024 targets with seed 002's structure: one "100"
project of 100亿元 or more and four "50·20" projects of 20亿元 up to 100亿元 a year, leading-industry projects above
70%, strategic emerging above 60%, Fortune-500-class investors 30% or more). The Xinyu projects carry
strategic_emerging (by industry: lithium batteries, new materials, high-end equipment and biomedicine are strategic
emerging industries) and, for some of the unnamed ones, investor_class.

Deterministic (fixed seed, fixed order): re-running it rewrites byte-identical files. No dependencies.

    python3 scripts/gen-projects.py

How each class is made (the ledger's rules, LedgerRules.swift):
  met (4)           producing, then recorded met_agreement; actuals reach every promised figure.
  never landed (14) 10 recorded never_landed after signing; 4 still "signed", nothing invested, land date passed.
  building (25)     signed 2021-06-30 .. 2024-05; figures deadline on or after 2024-06-30 (one exactly on it: a
                    deadline on the ledger's date is still within time); some figures not reached yet.
  short (40)        past the figures deadline and short: 4 industrial-park developers short of firms (seed 000's
                    工控云创港, 轨道产业园, 中南高科, 爱环仕), 14 market-caused, 22 the investor's own delay (some
                    two years or more late: land recovery); 19 with incentives fully paid, 21 not (partly or
                    not at all).
"""
import csv
import datetime as dt
import json
import os
import random

R = random.Random(20240724)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Fixtures")
AS_OF = dt.date(2024, 6, 30)

TEAMS = [  # seed 000: three industry teams
    ("electronics", "电子信息产业招商小组", ["electronic_information"]),
    ("storage_equipment", "新型储能及高端装备制造产业招商小组", ["energy_storage", "lithium_battery", "high_end_equipment"]),
    ("digital_services", "现代服务业（数字经济）产业招商小组", ["software", "logistics"]),
]
NAMES = {
    "electronic_information": ["电子元器件", "智能终端", "PCB电路板", "显示模组", "半导体封测", "光电传感器"],
    "energy_storage": ["储能电池", "储能系统集成", "储能变流器"],
    "lithium_battery": ["锂电池", "锂电材料", "电池回收"],
    "high_end_equipment": ["数控机床", "智能装备", "轨道交通装备"],
    "software": ["数字经济产业园", "软件研发中心", "数据服务"],
    "logistics": ["智慧物流园", "供应链总部"],
}
INVESTORS = ["江西", "深圳", "广东", "浙江", "江苏", "上海", "福建", "湖南"]
SUFFIX = ["科技有限公司", "实业有限公司", "新能源有限公司", "电子有限公司", "智能装备有限公司"]


def d(s):
    return dt.date.fromisoformat(s)


def add_months(day, months):
    y, m = divmod(day.month - 1 + months, 12)
    return dt.date(day.year + y, m + 1, min(day.day, 28))


def wan(n):
    """n 万元 in yuan (integer yuan)."""
    return int(round(n * 10000))


def signed_dates(count, start, end):
    span = (end - start).days
    return sorted(start + dt.timedelta(days=R.randrange(span + 1)) for _ in range(count))


projects, actuals, incentives = [], [], []


def project(cls, i, signed, team=None, **kw):
    team = team or TEAMS[i % 3]
    industry = R.choice(team[2])
    pid = "XJ-%d-%03d" % (signed.year, len(projects) + 1)
    name = kw.pop("name", None) or "%s%s项目" % (R.choice(["赣", "洪", "昌", "新", "鹭", "瑞", "华", "科"]) + R.choice(["达", "盛", "源", "芯", "能", "智", "创", "朗"]), R.choice(NAMES[industry]))
    investment = kw.pop("investment", None) or wan(R.choice([5000, 8000, 10000, 20000, 30000, 50000, 80000, 100000, 200000]))
    lead = signed - dt.timedelta(days=R.randrange(60, 240))
    negotiating = lead + dt.timedelta(days=(signed - lead).days // 2)
    p = {
        "project_id": pid, "name": name,
        "investor": R.choice(INVESTORS) + R.choice(["恒", "润", "联", "博", "拓", "力"]) + R.choice(["通", "源", "达", "信"]) + R.choice(SUFFIX),
        "industry": industry, "team": team[0], "zone": "新建经开区",
        "cause": kw.pop("cause", ""),
        "investment_yuan": investment,
        "output_yuan": kw.pop("output", None) if "output" in kw else investment * R.choice([1, 2, 3]) // 2,
        "tax_yuan": 0, "jobs": R.choice([50, 80, 120, 200, 300, 500]),
        "floor_space_m2": "", "tenants": kw.pop("tenants", ""),
        "sign_by": signed.isoformat(),
        "land_by": add_months(signed, 6).isoformat(),
        "start_by": add_months(signed, 12).isoformat(),
        "production_by": add_months(signed, 24).isoformat(),
        "figures_by": (kw.pop("figures_by", None) or add_months(signed, 36)).isoformat(),
        "history": [("lead", lead), ("negotiating", negotiating), ("signed", signed)],
        "recorded_by": "招商局",
        "class": cls,
    }
    p["tax_yuan"] = p["output_yuan"] // 20 if p["output_yuan"] else 0
    projects.append(p)
    return p


def step(p, stage, day):
    p["history"].append((stage, day))


def report(p, figures, years):
    """Yearly actuals: investment spread over `years`, output/tax/jobs/tenants in the last one as a fraction."""
    inv_frac, out_frac, tax_frac, jobs_frac = figures.get("investment", 1), figures.get("output", 1), figures.get("tax", 1), figures.get("jobs", 1)
    total = int(p["investment_yuan"] * inv_frac)
    n = len(years)
    for k, y in enumerate(years):
        part = total // n + (total % n if k == n - 1 else 0)
        last = k == n - 1
        row = {"project_id": p["project_id"], "year": y, "investment_yuan": part,
               "output_yuan": int(p["output_yuan"] * out_frac * (1 if last else 0.5)) if p["output_yuan"] else "",
               "tax_yuan": int(p["tax_yuan"] * tax_frac * (1 if last else 0.5)) if p["tax_yuan"] else "",
               "jobs": "" if p["jobs"] == "" else int(p["jobs"] * jobs_frac) if last else int(p["jobs"] * jobs_frac / 2),
               "tenants": ""}
        if p["tenants"]:
            row["tenants"] = int(p["tenants"] * figures.get("tenants", 1)) if last else 0
        actuals.append(row)


def promise(p, share=0.02):
    amount = max(wan(50), int(p["investment_yuan"] * share) // 10000 * 10000)
    incentives.append({"project_id": p["project_id"], "kind": "promised", "amount_yuan": amount,
                       "date": p["sign_by"], "basis": "投资协议 招商引资优惠政策（设备补助、税收奖励）"})
    return amount


def pay(p, amount, day, basis="政策兑现 设备投资补助"):
    incentives.append({"project_id": p["project_id"], "kind": "paid", "amount_yuan": amount, "date": day.isoformat(), "basis": basis})


# met the agreement: 4
for i, s in enumerate(signed_dates(4, d("2019-07-10"), d("2020-06-30"))):
    p = project("met", i, s)
    step(p, "building", add_months(s, 5)); step(p, "producing", add_months(s, 20)); step(p, "met_agreement", add_months(s, 34))
    report(p, {"investment": 1.05, "output": 1.1, "tax": 1.2, "jobs": 1.1}, [s.year + 1, s.year + 2, s.year + 3])
    a = promise(p); pay(p, a // 2, add_months(s, 22)); pay(p, a - a // 2, add_months(s, 35))

# never landed: 10 recorded, 4 derived (signed, nothing invested, land date passed)
for i, s in enumerate(signed_dates(10, d("2019-08-01"), d("2022-12-31"))):
    p = project("never_landed", i, s)
    step(p, "never_landed", add_months(s, 14))
    promise(p, 0.01)
for i, s in enumerate(signed_dates(4, d("2022-06-01"), d("2023-10-31"))):
    p = project("never_landed", i, s)
    promise(p, 0.01)

# still building: 25; the first is due exactly on the ledger's date
building_dates = [d("2021-06-30")] + signed_dates(24, d("2021-08-01"), d("2024-05-31"))
for i, s in enumerate(building_dates):
    p = project("building", i, s, figures_by=AS_OF if i == 0 else None)
    if s < d("2024-01-01"):
        step(p, "building", add_months(s, 4))
        years = list(range(s.year + 1 if s.month > 9 else s.year, 2024))
        if add_months(s, 24) < AS_OF:
            step(p, "producing", add_months(s, 24))
        if years:
            report(p, {"investment": R.choice([0.4, 0.6, 0.8]), "output": R.choice([0, 0.3, 0.5]), "tax": 0.2, "jobs": 0.5}, years)
    a = promise(p)
    if i % 2 == 0:
        pay(p, a // 3, add_months(s, 6))
    if i < 4:
        # a demand in the matcher's format, so that the project can be matched once it asks for land
        mu = R.choice([20, 40, 60, 80])
        p["demand"] = json.dumps({"id": p["project_id"], "name": p["name"], "industry": p["industry"], "wants": "land",
                                  "land_mu": {"min": mu, "max": mu + 20}, "investment_yuan": p["investment_yuan"]},
                                 ensure_ascii=False, sort_keys=True)

# short of the agreement: 40 = 4 park developers + 14 market + 22 investor's own; 19 fully paid, 21 not
parks = ["工控云创港", "轨道产业园", "中南高科产业园", "爱环仕产业园"]
short_dates = signed_dates(40, d("2019-07-01"), d("2021-06-29"))
short_kinds = ["park"] * 4 + ["market"] * 14 + ["investor"] * 22
R.shuffle(short_kinds)
for i, s in enumerate(short_dates):
    kind = short_kinds[i]
    if kind == "park":
        parks_left = parks.pop(0)
        p = project("short", i, s, team=TEAMS[1], name=parks_left + "项目", tenants=R.choice([30, 40, 50]), output=0)
        p["jobs"] = ""
        step(p, "building", add_months(s, 3)); step(p, "producing", add_months(s, 20))
        report(p, {"investment": 1.0, "tenants": R.choice([0.2, 0.3, 0.4])}, sorted({s.year + 1, s.year + 2, 2023}))
    elif kind == "market":
        p = project("short", i, s, cause="market")
        step(p, "building", add_months(s, 4)); step(p, "producing", add_months(s, 26))
        report(p, {"investment": R.choice([0.6, 0.75, 0.9]), "output": R.choice([0.3, 0.45, 0.6]), "tax": 0.4, "jobs": 0.7},
               list(range(s.year + 1, 2024)))
    else:
        p = project("short", i, s, cause="investor" if i % 3 else "")
        late = i % 4
        if late == 0:
            step(p, "building", add_months(s, 10))
            report(p, {"investment": 0.38, "output": 0, "tax": 0, "jobs": 0.1}, list(range(s.year + 1, 2024)))
        elif late == 1:
            step(p, "building", add_months(s, 8)); step(p, "in_breach", d("2023-12-15"))
            report(p, {"investment": 0.2, "output": 0, "tax": 0, "jobs": 0}, [s.year + 1])
        else:
            step(p, "building", add_months(s, 6)); step(p, "producing", add_months(s, 30))
            report(p, {"investment": 0.7, "output": 0.25, "tax": 0.2, "jobs": 0.5}, list(range(s.year + 1, 2024)))
    a = promise(p)
    fully = (i * 7) % 40 < 19      # a fixed scatter of 19 over the 40
    if fully:
        pay(p, a // 2, add_months(s, 12)); pay(p, a - a // 2, add_months(s, 24))
    elif i % 3 == 0:
        pass                        # nothing paid yet
    else:
        pay(p, a * 3 // 5, add_months(s, 12))   # partly paid

cols = ["project_id", "name", "investor", "industry", "team", "zone", "cause", "investment_yuan", "output_yuan", "tax_yuan",
        "jobs", "floor_space_m2", "tenants", "sign_by", "land_by", "start_by", "production_by", "figures_by", "history",
        "recorded_by", "demand"]
projects.sort(key=lambda p: p["project_id"])


def write(name, fields, rows):
    with open(os.path.join(OUT, name), "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=fields, extrasaction="ignore", lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow(r)


for p in projects:
    p["history"] = ";".join("%s=%s" % (st, day.isoformat()) for st, day in sorted(p["history"], key=lambda x: x[1]))
write("projects-xinjian-2019-2024.csv", cols, projects)
write("projects-xinjian-actuals.csv", ["project_id", "year", "investment_yuan", "output_yuan", "tax_yuan", "jobs", "tenants"],
      sorted(actuals, key=lambda a: (a["project_id"], a["year"])))
write("projects-xinjian-incentives.csv", ["project_id", "kind", "amount_yuan", "date", "basis"],
      sorted(incentives, key=lambda x: (x["project_id"], x["date"], x["kind"])))


# ---- pipeline figures: seed 003 (Gui'an, eight teams, 2023) and seed 001 (Xinyu high-tech zone, 2024 Q1) ----

def split(total_wan, n, rng, lo=0.2):
    """n positive amounts in 万元 summing exactly to total_wan."""
    weights = [rng.uniform(lo, 1.0) ** 2 + 0.05 for _ in range(n)]
    parts = [max(100, int(total_wan * w / sum(weights)) // 100 * 100) for w in weights]
    parts[-1] += total_wan - sum(parts)
    assert parts[-1] > 0 and sum(parts) == total_wan
    return parts


def pipeline_row(pid, name, team, industry, investment_wan, history, investor="", zone=""):
    return {"project_id": pid, "name": name, "investor": investor, "industry": industry, "team": team, "zone": zone,
            "investment_yuan": investment_wan * 10000,
            "history": ";".join("%s=%s" % (st, day.isoformat()) for st, day in history), "recorded_by": "投资促进局"}


G = random.Random(20231220)
GUIAN_TEAMS = [("funds", "基金", "software"), ("agri_tourism", "农文旅", "food_processing"),
               ("data_software", "数据中心和软服", "software"), ("new_energy", "新能源", "energy_storage"),
               ("equipment", "先进装备制造", "high_end_equipment"), ("electronics", "电子信息制造", "electronic_information"),
               ("construction", "建筑及房地产", "building_materials"), ("trade_services", "商贸和服务业", "logistics")]
G_END = dt.date(2023, 12, 20)
signed_wan = split(3836000, 56, G)             # 383.6亿元 signed
other_wan = split(6455000 - 3836000, 79, G)    # the rest of the 645.5亿元 the 135 leads involve
guian = []
for k in range(135):
    team, team_cn, industry = GUIAN_TEAMS[k % 8]
    lead = dt.date(2023, 1, 3) + dt.timedelta(days=G.randrange(0, 240))
    follow = lead + dt.timedelta(days=G.randrange(7, 30))
    talk = follow + dt.timedelta(days=G.randrange(10, 40))
    history = [("lead", lead), ("following", follow), ("negotiating", talk)]
    if k < 56:
        ev = talk + dt.timedelta(days=G.randrange(10, 30))
        de = ev + dt.timedelta(days=G.randrange(5, 20))
        sg = min(de + dt.timedelta(days=G.randrange(5, 30)), G_END)
        history += [("evaluating", ev), ("decided", de), ("signed", sg)]
        wan_ = signed_wan[k]
    elif k < 132:
        if k % 3 == 0:
            history.append(("evaluating", talk + dt.timedelta(days=G.randrange(10, 30))))
        wan_ = other_wan[k - 56]
    else:
        history = history[:2]                    # still being followed up
        wan_ = other_wan[k - 56]
    guian.append(pipeline_row("GA-2023-%03d" % (k + 1), "%s小分队项目%03d" % (team_cn, k + 1), team, industry, wan_, history,
                              zone="贵安新区"))
write("projects-guian-2023.csv", cols, guian)

X = random.Random(20240331)
named = [("博通科技产业园项目", "江苏博通投资实业有限公司", "high_end_equipment", 500000),
         ("磁栅数显量具及智能制造装备项目", "江西中控精密科技股份有限公司", "high_end_equipment", 50000),
         ("现代磁性材料及智能器件项目", "江西极磁科技有限公司", "new_materials", 6000),
         ("智能环保设备生产制造项目", "江西瑞赛克实业有限公司", "high_end_equipment", 8000),
         ("高倍率锂电池项目", "江西高翼电池科技有限公司", "lithium_battery", 5000)]
rest = split(651000 - sum(n[3] for n in named), 12, X)   # 65.1亿元 in all
xinyu = []
for k in range(17):
    if k < 5:
        name, investor, industry, wan_ = named[k]
    else:
        name, investor, industry, wan_ = "一季度签约项目%02d" % (k + 1), "", X.choice(["lithium_battery", "high_end_equipment", "biomedicine"]), rest[k - 5]
    signed = dt.date(2024, 1, 2) + dt.timedelta(days=X.randrange(0, 89))
    if k == 0:
        signed = dt.date(2024, 3, 12)            # seed 001: the 博通 signing ceremony
    lead = signed - dt.timedelta(days=X.randrange(60, 200))
    row = pipeline_row("XY-2024-%03d" % (k + 1), name, "招商小分队", industry, wan_,
                       [("lead", lead), ("negotiating", lead + dt.timedelta(days=30)), ("signed", signed)],
                       investor=investor, zone="新余高新区")
    row["strategic_emerging"] = "true"          # every industry of the quarter is a strategic emerging one
    if k >= 5 and k % 3 == 0:
        row["investor_class"] = ["listed", "private500", "industry_leader"][k % 9 // 3]   # only unnamed investors
    xinyu.append(row)
# signed just outside the quarter, and still in negotiation: not counted
xinyu.append(pipeline_row("XY-2023-090", "去年底签约项目", "招商小分队", "lithium_battery", 30000,
                          [("lead", dt.date(2023, 6, 1)), ("signed", dt.date(2023, 12, 31))], zone="新余高新区"))
xinyu.append(pipeline_row("XY-2024-090", "二季度签约项目", "招商小分队", "lithium_battery", 20000,
                          [("lead", dt.date(2024, 1, 15)), ("negotiating", dt.date(2024, 2, 20)), ("signed", dt.date(2024, 4, 1))],
                          zone="新余高新区"))
xinyu.append(pipeline_row("XY-2024-091", "数控机床在谈项目", "招商小分队", "high_end_equipment", 80000,
                          [("lead", dt.date(2024, 3, 19)), ("negotiating", dt.date(2024, 3, 22))], zone="新余高新区"))
write("projects-xinyu-2024q1.csv", cols + ["strategic_emerging", "investor_class"], xinyu)

# ---- plans of targets ----
PLAN_COLS = ["target", "year", "team", "value", "min_investment", "below_investment", "name", "compare"]
guian_plan = []
for (team, _, _), n, yi in zip(GUIAN_TEAMS, [6, 6, 8, 7, 7, 8, 4, 4], [40, 30, 50, 60, 60, 50, 30, 30]):
    guian_plan.append({"target": "signed", "year": 2023, "team": team, "value": n})
    guian_plan.append({"target": "investment", "year": 2023, "team": team, "value": "%d亿元" % yi})
write("plan-guian-2023.csv", PLAN_COLS, guian_plan)

xinyu_plan = [
    {"target": "signed", "year": 2024, "team": "招商小分队", "value": 60},
    {"target": "investment", "year": 2024, "team": "招商小分队", "value": "200亿元"},
    {"target": "projects", "name": "100", "value": 1, "min_investment": "100亿元"},
    {"target": "projects", "name": "50·20", "value": 4, "min_investment": "20亿元", "below_investment": "100亿元"},
    {"target": "leading_share", "value": "70%", "compare": "above"},
    {"target": "strategic_emerging_share", "value": "60%", "compare": "above"},
    {"target": "fortune500_share", "value": "30%", "compare": "at_least"},
    {"target": "leading_industry", "value": "lithium_battery"},
    {"target": "leading_industry", "value": "high_end_equipment"},
    {"target": "non_industrial_industry", "value": "logistics"},
    {"target": "non_industrial_industry", "value": "trade_services"},
]
with open(os.path.join(OUT, "plan-xinyu-2024.json"), "w", encoding="utf-8") as f:
    head = {"plan": "新余高新区2024年招商引资目标（示例）",
            "source": "seed 002's structure (100·50·20 projects, 70%/60%/30% shares); team targets illustrative"}
    f.write("{\n" + "".join(" %s: %s,\n" % (json.dumps(k), json.dumps(v, ensure_ascii=False)) for k, v in head.items()))
    f.write(' "targets": [\n' + ",\n".join("  " + json.dumps(t, ensure_ascii=False) for t in xinyu_plan) + "\n ]\n}\n")
