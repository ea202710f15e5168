#!/usr/bin/python3
"""Generate the matcher's fixtures: a realistic pipeline of investors' demands for the Xinyu high-tech zone
and an admission policy (标准地 gates) for each of its four zones (deterministic, byte-reproducible).

    /usr/bin/python3 scripts/gen-demands.py [--out DIR]

Standard library only. Writes Fixtures/demands-xinyu.json (an array of demands, the keys of README
"Matching") and Fixtures/policies-xinyu.json (a JSON object keyed by zone, for `landbank policy import`).

Industries are the seeds' (lithium batteries, energy storage, electronic information, high-end equipment,
biomedicine) plus a few others; investments run from 5,000万 to 50亿 yuan (seed 002's 100亿/50亿/20亿 tiers
above the range are left to the zone's own ledger). Points are near each zone's centre, lon/lat converted
once from the ledger's EPSG:4547 origins (scripts/gen-fixtures.py) with GDAL and written here as constants.
"""
import argparse
import json
import os
import random

SEED = 20250011

# Zone centres (WGS 84 lon, lat): the ledger's zone origins in EPSG:4547 plus about 900 m, via osgeo.osr.
ZONES = {
    "马洪片区": (114.95288, 27.80232),
    "袁河片区": (114.90185, 27.76657),
    "光明片区": (114.98770, 27.83727),
    "高新东区": (115.02574, 27.78105),
}

# Each zone's policy (万元/亩 and tce/万元, the ranges of DOMAIN.md "Admission gates").
POLICIES = {
    "高新东区": {
        "leading_industries": ["electronic_information", "biomedicine"],
        "refused_industries": ["steel", "cement", "chemicals", "nonferrous_smelting"],
        "min_investment_intensity_wan_per_mu": 250, "min_tax_wan_per_mu_year": 20,
        "min_output_wan_per_mu_year": 500, "max_energy_tce_per_wan_output": 0.3, "min_plot_ratio": 1.2,
    },
    "马洪片区": {
        "leading_industries": ["lithium_battery", "energy_storage", "new_materials"],
        "refused_industries": ["steel", "cement"],
        "min_investment_intensity_wan_per_mu": 200, "min_tax_wan_per_mu_year": 15,
        "min_output_wan_per_mu_year": 400, "max_energy_tce_per_wan_output": 0.5, "min_plot_ratio": 1.0,
    },
    "袁河片区": {
        "leading_industries": ["high_end_equipment", "auto_parts", "new_energy_vehicles"],
        "refused_industries": ["cement", "nonferrous_smelting"],
        "min_investment_intensity_wan_per_mu": 150, "min_tax_wan_per_mu_year": 10,
        "min_output_wan_per_mu_year": 300, "max_energy_tce_per_wan_output": 0.6, "min_plot_ratio": 1.0,
    },
    "光明片区": {
        "leading_industries": ["photovoltaic", "new_materials", "logistics"],
        "refused_industries": ["cement"],
        "min_investment_intensity_wan_per_mu": 150, "min_tax_wan_per_mu_year": 8,
        "min_output_wan_per_mu_year": 250, "max_energy_tce_per_wan_output": 0.8, "min_plot_ratio": 0.8,
        "available_statuses": ["idle", "recovered", "approved_not_supplied"],
        "available_floor_statuses": ["idle", "recovered", "revitalized"],
    },
}

# (industry, name stem, energy tce per 万元 of output, share of land demands)
INDUSTRIES = [
    ("lithium_battery", "锂电池电芯及模组", 0.25, 0.7),
    ("energy_storage", "储能系统集成", 0.15, 0.6),
    ("electronic_information", "电子元器件", 0.08, 0.4),
    ("high_end_equipment", "高端装备制造", 0.12, 0.6),
    ("biomedicine", "生物医药", 0.10, 0.5),
    ("new_materials", "锂电新材料", 0.45, 0.8),
    ("auto_parts", "新能源汽车零部件", 0.15, 0.5),
    ("photovoltaic", "光伏组件", 0.35, 0.7),
]
FIRMS = ["赣锋", "恒新", "瑞晶", "博远", "华昌", "鼎盛", "宏达", "嘉利", "腾辉", "永富"]


def r1(v):
    return round(v, 1)


def demand(rng, i):
    industry, stem, energy, land_share = INDUSTRIES[i % len(INDUSTRIES)]
    zone = rng.choice(sorted(ZONES))
    lon, lat = ZONES[zone]
    d = {"id": f"XY-2025-{i + 1:03d}", "name": f"{rng.choice(FIRMS)}{stem}项目", "industry": industry}
    # Investments of 5,000万 to 50亿 yuan, log-uniform, rounded to 100万.
    invest = round(10 ** rng.uniform(7.699, 9.699) / 1e6) * 1e6
    wants_land = rng.random() < land_share
    if wants_land:
        # The intensity the investor plans (万元/亩): larger projects build denser. The ledger's available
        # parcels are 3-175 mu, so a few demands need joined parcels and a few find nothing.
        mu = min(160, max(8, round(invest / 1e4 / rng.uniform(300, 1200))))
        d["wants"] = "land"
        d["land_mu"] = {"min": round(mu * 0.8), "max": round(mu * 1.25)}
    else:
        floor = min(12000, max(1500, round(invest / rng.uniform(20000, 60000), -2)))
        d["wants"] = "floor_space"
        d["floor_space_m2"] = {"min": max(1000, round(floor * 0.8, -2)), "max": round(floor * 1.3, -2)}
        d["clear_height_m"] = rng.choice([5, 6, 7, 8])
        d["floor_load_kn_m2"] = rng.choice([5, 8, 10, 15])
        d["power_kva"] = rng.choice([315, 400, 630, 1000])
        if rng.random() < 0.3:
            d["crane_t"] = rng.choice([5, 10, 16])
        d["max_rent_yuan_m2_month"] = rng.choice([12, 15, 18, 20])
    d["near"] = {"lon": round(lon + rng.uniform(-0.01, 0.01), 5), "lat": round(lat + rng.uniform(-0.01, 0.01), 5),
                 "max_km": rng.choice([5, 8, 12, 20])}
    if rng.random() < 0.3:
        d["zones"] = sorted(rng.sample(sorted(ZONES), 2))
    d["available_by"] = f"2025-{rng.randint(7, 12):02d}-01"
    output = invest * rng.uniform(1.0, 2.5)
    d["investment_yuan"] = int(invest)
    d["annual_output_yuan"] = int(round(output, -4))
    d["annual_tax_yuan"] = int(round(output * rng.uniform(0.03, 0.07), -4))
    d["energy_tce_per_year"] = round(output / 1e4 * energy * rng.uniform(0.7, 1.3))
    if wants_land:
        d["plot_ratio"] = rng.choice([0.8, 1.0, 1.2, 1.5])
    prefer = {"nearer": rng.choice([1, 2, 3]), "area_fit": rng.choice([1, 2])}
    if not wants_land and rng.random() < 0.5:
        prefer["standard_factory"] = 1
    if rng.random() < 0.4:
        prefer["leading_industry"] = 2
    if rng.random() < 0.3:
        prefer["zones"] = {zone: 1}
    d["prefer"] = prefer
    return d


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "Fixtures"))
    args = ap.parse_args()
    rng = random.Random(SEED)
    demands = [demand(rng, i) for i in range(24)]
    for name, value in (("demands-xinyu.json", demands), ("policies-xinyu.json", POLICIES)):
        with open(os.path.join(args.out, name), "w", encoding="utf-8", newline="\n") as f:
            f.write(json.dumps(value, ensure_ascii=False, indent=1) + "\n")


if __name__ == "__main__":
    main()
