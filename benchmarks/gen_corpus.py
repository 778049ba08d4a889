"""Generate a reproducible corpus of party-building articles of any size.

usage: python benchmarks/gen_corpus.py OUT_DIR [--articles N] [--seed S] [--style news|dense]

Articles vary in places (real divisions from kg's gazetteer), sectors, unit
names, brands, projects, honours, people and figures, and mix ASCII and
full-width punctuation, so the benchmark exercises every stage. The same
seed gives the same files.

Two styles:

- ``news`` (the default): articles shaped like the ones government sites
  publish: a breadcrumb and date line, a title, a lead paragraph, numbered
  sections of 一是/二是 measures in policy language, a leader's words, and
  a closing 下一步 paragraph; 1,000 to 3,500 characters, with names and
  figures about as dense as in the development set's articles (about 0.6
  statements of output per character; ``bench_build.py`` prints both).
- ``dense``: short articles (about 330 characters) that are nearly all
  names and figures, a stress test of extraction and output.
"""
from __future__ import annotations

import argparse
import random
from pathlib import Path

from kg import lexicon as lx
from kg.resources import read_lines

SURNAMES = sorted(w for w in " ".join(read_lines("surnames.txt")).split() if len(w) == 1)

SECTORS = [("税务局", "税"), ("交通运输局", "交"), ("供电公司", "电"), ("人民医院", "医"), ("市场监督管理局", "监"),
           ("公安局", "警"), ("水务集团有限公司", "水"), ("农村商业银行", "银"), ("自然资源和规划局", "规"), ("教育局", "教")]
BRAND_WORDS = "红色 先锋 暖心 清风 初心 匠心 连心 同心 领航 护航 星火 春风 阳光 绿色 金色 向阳 为民 惠民".split()
BRAND_TAILS = "驿站 港湾 卫士 管家 使者 课堂 工作室 服务队 e站 直通车".split()
PROJECT_TAILS = ["工程", "三年行动计划", "专项行动", "改革", "试点"]
HONORS = ["全省先进基层党组织", "全国文明单位", "省级示范党群服务中心", "市级党建示范点", "五星级党支部"]
UNITS = [("亿元", 1), ("万元", 1), ("公里", 1), ("%", 1), ("个", 1), ("家", 1), ("人次", 1), ("项", 1)]


def article(rnd: random.Random, places) -> str:
    """A short ``dense`` article: nearly all names and figures."""
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


# policy language of the kind that fills real articles: combined at random, so that no two sentences repeat
ADVERBS = "坚持 始终 持续 不断 着力 扎实 全面 深入 积极 切实 大力 统筹".split()
VERBS = "深化 推进 健全 完善 强化 落实 优化 规范 创新 提升 压实 夯实 拓展 加强 织密".split()
OBJECTS = ("基层党组织建设 党员教育管理 干部队伍建设 作风建设 廉政风险防控 为民服务机制 意识形态工作责任制 "
           "党建工作责任制 “三会一课”制度 主题党日活动 党员发展工作 支部标准化规范化建设 组织生活制度 "
           "谈心谈话制度 党建述职评议考核 党风廉政建设 青年干部培养 “两新”组织党建 网格化管理 志愿服务体系").split()
PURPOSES = ("推动党建工作与业务工作深度融合 把党建优势转化为发展优势 不断增强基层党组织的政治功能和组织功能 "
            "以高质量党建引领高质量发展 切实把党的政治优势转化为服务群众的实际成效 "
            "推动各项工作提质增效 为经济社会发展提供坚强组织保证 让党旗在一线高高飘扬 "
            "进一步提升群众的获得感、幸福感、安全感 确保各项决策部署落地见效").split()
MEANS = ("通过建立清单、压实责任、跟踪问效 采取“线上+线下”相结合的方式 通过集中学习、专题研讨、实地观摩 "
         "坚持问题导向和目标导向 以“五个一”活动为抓手 通过“书记带头、支部主抓、党员参与” "
         "结合“我为群众办实事”实践活动 采取“一月一主题、一季一评比”的方式").split()
HEADS = ("推行“党建+{x}”，建强主阵地 聚焦{x}，锻造过硬队伍 突出{x}，激发内生动力 围绕{x}，提升服务效能 "
         "深化{x}，打造特色品牌 强化{x}，筑牢战斗堡垒").split()
TOPICS = "组织领导 队伍建设 政务服务 作风建设 品牌创建 基层治理 业务融合 人才培养 数字赋能 文化引领".split()
SECTOR_WORDS = {
    "税": ("纳税人缴费人", "办税服务厅", "退税减税降费", "涉税事项"),
    "交": ("运输企业", "公路养护站", "农村公路", "交通项目"),
    "电": ("用电客户", "供电所", "电网改造", "配电线路"),
    "医": ("患者", "门诊部", "医疗服务", "医联体"),
    "监": ("市场主体", "监管所", "食品安全", "许可审批"),
    "警": ("辖区群众", "派出所", "平安建设", "警务服务"),
    "水": ("用水户", "水厂", "管网改造", "供水保障"),
    "银": ("小微企业", "营业网点", "普惠金融", "信贷服务"),
    "规": ("项目单位", "自然资源所", "国土空间规划", "不动产登记"),
    "教": ("师生", "中心学校", "教育教学", "课后服务"),
}
NUMERALS = "一二三四五六七八九十"
GIVEN = "建国 志强 海燕 丽华 文斌 晓东 春梅 国庆 红英 立新 卫东 秀兰 明辉 俊杰 雪梅 振华".split()
TITLES = ["党委书记、局长", "党委书记", "党支部书记", "党委副书记", "主要负责同志"]


def _policy(rnd: random.Random, comma: str) -> str:
    """One sentence of policy language."""
    parts = [f"{rnd.choice(ADVERBS)}{rnd.choice(VERBS)}{rnd.choice(OBJECTS)}"]
    if rnd.random() < 0.5:
        parts.insert(0, rnd.choice(MEANS))
    if rnd.random() < 0.6:
        parts.append(f"{rnd.choice(VERBS)}{rnd.choice(OBJECTS)}")
    parts.append(rnd.choice(PURPOSES))
    return comma.join(parts) + "。"


def news_article(rnd: random.Random, places) -> str:
    """An article shaped like a government site's report (see the module docstring)."""
    prov, city, county = rnd.choice(places)
    sector, short = rnd.choice(SECTORS)
    people, office, field, work = SECTOR_WORDS[short]
    unit = f"{county}{sector}"
    party = unit + "党委"
    brand = rnd.choice(BRAND_WORDS) + rnd.choice(BRAND_TAILS)
    comma = "，" if rnd.random() < 0.5 else ","
    colon = "：" if comma == "，" else ":"

    def fig():
        u, _ = rnd.choice(UNITS)
        return f"{round(rnd.uniform(1, 500), rnd.choice([0, 1, 2])):g}{u}"

    def person():
        return rnd.choice(SURNAMES) + rnd.choice(GIVEN)

    facts = [
        lambda: f"培育“{rnd.choice(BRAND_WORDS)}{rnd.choice(BRAND_TAILS)}”“{rnd.choice(BRAND_WORDS)}{rnd.choice(BRAND_TAILS)}”"
                f"等子品牌{comma}形成“1+N”品牌矩阵。",
        lambda: f"全面实施“{rnd.choice(BRAND_WORDS)}{short}{rnd.choice(BRAND_WORDS)}”{rnd.choice(PROJECT_TAILS)}{comma}"
                f"全年完成{work}投资{fig()}{comma}同比增长{fig()}。",
        lambda: f"与{city}{rnd.choice(SECTORS)[0]}签订党建共建协议{comma}联合开展“{rnd.choice(BRAND_WORDS)}进社区”主题党日活动。",
        lambda: f"{county}{rnd.choice(['城东', '城西', '城南', '城北', '中心'])}{office}党支部被评为{prov}{rnd.choice(HONORS)}。",
        lambda: f"在{county}建成党员教育{rnd.choice(BRAND_TAILS)}{rnd.randint(2, 30)}个{comma}服务{people}{rnd.randint(2, 900)}"
                f"{rnd.choice(['人次', '万人次', '户'])}。",
        lambda: f"{county}{rnd.choice(['城关镇', '中心街道', '新华街道'])}{rnd.choice(['幸福', '光明', '和平', '团结'])}社区党委"
                f"联合{unit}打造“{rnd.choice(BRAND_WORDS)}{rnd.choice(BRAND_TAILS)}”服务品牌{comma}开展志愿服务{rnd.randint(5, 99)}场次。",
        lambda: f"{party}先后获评“{rnd.choice(HONORS)}”“{rnd.choice(HONORS)}”等荣誉称号。",
        lambda: f"{field}工作成效明显{comma}办理{work}{rnd.randint(100, 9000)}件{comma}{people}满意率达到{round(rnd.uniform(90, 100), 1):g}%。",
    ]
    lines = []
    if rnd.random() < 0.6:
        lines.append(f"当前位置{colon} 首页 > 工作动态 > 基层党建")
    lines.append(f"{county}{sector}{colon}{rnd.choice(ADVERBS)}{rnd.choice(VERBS)}党建品牌 {rnd.choice(PURPOSES)}")
    lines.append(f"发布日期{colon}{rnd.randint(2019, 2025)}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}   "
                 f"来源{colon}{city}{sector}")
    lines.append(f"今年以来{comma}{party}{rnd.choice(ADVERBS)}以习近平新时代中国特色社会主义思想为指导{comma}"
                 f"深入打造“{brand}”党建品牌{comma}{rnd.choice(PURPOSES)}。" + _policy(rnd, comma))
    for n in range(rnd.randint(3, 6)):
        lines.append(f"{NUMERALS[n]}、{rnd.choice(HEADS).format(x=rnd.choice(TOPICS))}")
        items = []
        for k in range(rnd.randint(2, 5)):
            item = f"{NUMERALS[k]}是{rnd.choice(VERBS)}{rnd.choice(OBJECTS)}。" + _policy(rnd, comma)
            if rnd.random() < 0.3:
                item += _policy(rnd, comma)
            for chance in (0.75, 0.3):
                if rnd.random() < chance:
                    item += rnd.choice(facts)()
            items.append(item)
        lines.append("".join(items))
    name, title = person(), rnd.choice(TITLES)
    lines.append(f"“{_policy(rnd, comma)[:-1]}。”{unit}{title}{name}表示{comma}"
                 f"下一步将{rnd.choice(VERBS)}{rnd.choice(OBJECTS)}{comma}{rnd.choice(PURPOSES)}。")
    lines.append(f"下一步{comma}{party}将以争创“{rnd.choice(HONORS)}”为目标{comma}{_policy(rnd, comma)}")
    return "\n\n".join(lines) + "\n"


def places():
    gaz = lx.gazetteer()
    out = []
    for p in gaz.values():
        if p.level == "county" and p.parent in gaz:
            city = gaz[p.parent]
            prov = gaz.get(city.parent, city)
            out.append((prov.name, city.name, p.name))
    return sorted(out)


def generate(out_dir, articles: int, seed: int = 1, style: str = "news") -> list:
    """Write ``articles`` files of the given ``style`` to ``out_dir``; their paths."""
    make = {"news": news_article, "dense": article}[style]
    rnd = random.Random(seed)
    pl = places()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    files = []
    for i in range(articles):
        f = out / f"article_{i:06d}.txt"
        f.write_text(make(rnd, pl), encoding="utf-8")
        files.append(f)
    return files


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("out_dir")
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--style", choices=("news", "dense"), default="news")
    a = ap.parse_args()
    print(f"{len(generate(a.out_dir, a.articles, a.seed, a.style))} articles in {a.out_dir}")
