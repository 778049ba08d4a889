"""Generate a reproducible corpus of party-building articles of any size.

usage: python benchmarks/gen_corpus.py OUT_DIR [--articles N] [--seed S]

Articles vary in places (real divisions from kg's gazetteer), sectors, unit
names, brands, projects, honours and figures, and mix ASCII and full-width
punctuation, so the benchmark exercises every stage. The same seed gives the
same files.
"""
from __future__ import annotations

import argparse
import random
from pathlib import Path

from kg import lexicon as lx

SECTORS = [("税务局", "税"), ("交通运输局", "交"), ("供电公司", "电"), ("人民医院", "医"), ("市场监督管理局", "监"),
           ("公安局", "警"), ("水务集团有限公司", "水"), ("农村商业银行", "银"), ("自然资源和规划局", "规"), ("教育局", "教")]
BRAND_WORDS = "红色 先锋 暖心 清风 初心 匠心 连心 同心 领航 护航 星火 春风 阳光 绿色 金色 向阳 为民 惠民".split()
BRAND_TAILS = "驿站 港湾 卫士 管家 使者 课堂 工作室 服务队 e站 直通车".split()
PROJECT_TAILS = ["工程", "三年行动计划", "专项行动", "改革", "试点"]
HONORS = ["全省先进基层党组织", "全国文明单位", "省级示范党群服务中心", "市级党建示范点", "五星级党支部"]
UNITS = [("亿元", 1), ("万元", 1), ("公里", 1), ("%", 1), ("个", 1), ("家", 1), ("人次", 1), ("项", 1)]


def article(rnd: random.Random, places) -> str:
    prov, city, county = rnd.choice(places)
    sector, short = rnd.choice(SECTORS)
    unit = f"{county}{sector}"
    party = unit + "党委"
    brand = rnd.choice(BRAND_WORDS) + rnd.choice(BRAND_TAILS)
    subs = [rnd.choice(BRAND_WORDS) + rnd.choice(BRAND_TAILS) for _ in range(3)]
    project = f"“{rnd.choice(BRAND_WORDS)}{short}{rnd.choice(BRAND_WORDS)}”{rnd.choice(PROJECT_TAILS)}"
    comma = "，" if rnd.random() < 0.5 else ","

    def fig():
        u, _ = rnd.choice(UNITS)
        v = round(rnd.uniform(1, 500), rnd.choice([0, 1, 2]))
        return f"{v:g}{u}"

    paras = [
        f"{county}{sector}:党建引领高质量发展",
        f"今年以来{comma}{party}坚持以高质量党建引领高质量发展{comma}深入打造“{brand}”党建品牌{comma}"
        f"培育“{subs[0]}”“{subs[1]}”“{subs[2]}”3个子品牌{comma}构建“1+3”品牌矩阵。",
        f"{party}全面实施{project}{comma}全年完成投资{fig()}{comma}服务群众{fig()}{comma}同比增长{fig()}。"
        f"与{city}{rnd.choice(SECTORS)[0]}签订共建协议{comma}联合开展“{rnd.choice(BRAND_WORDS)}进社区”主题党日活动。",
        f"{unit}先后获评“{rnd.choice(HONORS)}”和{prov}{rnd.choice(HONORS)}{comma}"
        f"所属{rnd.choice(['第一', '第二', '城东', '城西'])}分局党支部被确定为{city}{rnd.choice(HONORS)}。",
        f"下一步{comma}{party}将以争创“{rnd.choice(HONORS)}”为目标{comma}在{county}建设党员教育{rnd.choice(BRAND_TAILS)}"
        f"{comma}推动党建与业务深度融合{comma}新建制度{rnd.randint(3, 20)}项。",
    ]
    return "\n\n".join(paras) + "\n"


def places():
    gaz = lx.gazetteer()
    out = []
    for p in gaz.values():
        if p.level == "county" and p.parent in gaz:
            city = gaz[p.parent]
            prov = gaz.get(city.parent, city)
            out.append((prov.name, city.name, p.name))
    return sorted(out)


def generate(out_dir, articles: int, seed: int = 1) -> list:
    rnd = random.Random(seed)
    pl = places()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    files = []
    for i in range(articles):
        f = out / f"article_{i:06d}.txt"
        f.write_text(article(rnd, pl), encoding="utf-8")
        files.append(f)
    return files


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("out_dir")
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    print(f"{len(generate(a.out_dir, a.articles, a.seed))} articles in {a.out_dir}")
