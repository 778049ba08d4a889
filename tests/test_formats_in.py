"""The same article as UTF-8 text, GBK text, an HTML page and a Word file
gives the same entities and relations; traditional characters are read too."""
import html as htmlmod

import pytest

from kg.errors import InputError
from kg.pipeline import process_file

TITLE = "衢州市柯城区税务局:以党建引领优化纳税服务"
PARAS = [
    "今年以来,衢州市柯城区税务局党委坚持以高质量党建引领税收现代化,深入打造“衢税先锋”党建品牌,培育“红色税苑”“青税领航”2个子品牌。",
    "区税务局党委联合柯城区市场监督管理局开展“政策进园区”宣讲活动,全年为企业办理留抵退税2.3亿元,服务纳税人1.2万人次。",
    "2023年,柯城区税务局党委获评浙江省税务系统先进基层党组织,所属第一税务所党支部被确定为衢州市机关党建示范点。",
]


def facts(doc):
    ents = {(e.type, e.label) for e in doc.entities.values()}
    rels = {(doc.entities[r.subject].label, r.predicate, doc.entities[r.object].label) for r in doc.relations}
    figs = {(m.value, m.unit) for m in doc.measurements}
    return ents, rels, figs


def write_docx(path, title, paras):
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.core_properties.title = title
    d.add_heading(title, level=1)
    for p in paras:
        d.add_paragraph(p)
    d.save(path)


def write_html(path, title, paras, encoding="utf-8"):
    body = "".join(f"<p>{htmlmod.escape(p)}</p>" for p in paras)
    page = f"""<!DOCTYPE html><html><head><meta charset="{encoding}"><title>{title} - 柯城区人民政府</title>
<meta name="PubDate" content="2024-05-20 09:30"></head><body>
<div class="nav"><a href="/">首页</a> | <a href="/news">新闻动态</a> | <a href="/zt">专题专栏</a></div>
<div class="article"><h1>{title}</h1><div class="info">发布日期:2024-05-20 来源:柯城区税务局</div>{body}</div>
<div class="share">分享到:微信 微博 QQ空间</div>
<div class="footer">主办单位:柯城区人民政府办公室 浙ICP备12345678号 浙公网安备33080202000123号</div>
</body></html>"""
    path.write_bytes(page.encode(encoding))


def test_same_article_in_four_formats(tmp_path):
    text = TITLE + "\n" + "\n".join(PARAS) + "\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(text.encode("gbk"))
    write_html(tmp_path / "c.html", TITLE, PARAS)
    write_docx(tmp_path / "d.docx", TITLE, PARAS)
    results = {name: facts(process_file(tmp_path / name)) for name in ("a.txt", "b.txt", "c.html", "d.docx")}
    base = results["a.txt"]
    assert len(base[0]) > 10 and len(base[1]) > 8
    for name, got in results.items():
        assert got == base, name


def test_html_metadata_and_page_chrome(tmp_path):
    write_html(tmp_path / "p.html", TITLE, PARAS, encoding="gbk")
    doc = process_file(tmp_path / "p.html")
    assert doc.meta["title"] == TITLE and doc.meta["date"] == "2024-05-20" and doc.meta["format"] == "html"
    for chrome in ("分享到", "ICP备", "首页", "主办单位"):
        assert chrome not in doc.text


def test_traditional_characters(tmp_path):
    trad = "臺州市椒江區稅務局黨委以「椒稅先鋒」黨建品牌為引領,獲評全省稅務系統先進基層黨組織,減稅二點三億元。"
    (tmp_path / "t.txt").write_bytes(trad.encode("big5"))
    doc = process_file(tmp_path / "t.txt")
    labels = {e.label for e in doc.entities.values()}
    assert "臺州市椒江區稅務局黨委" in labels and "椒稅先鋒" in labels
    rels = {(doc.entities[r.subject].label, r.predicate) for r in doc.relations}
    assert ("臺州市椒江區稅務局黨委", "hasBrand") in rels and ("臺州市椒江區稅務局黨委", "receivedHonor") in rels
    for m in doc.mentions:
        a, b = doc.source_span(m.start, m.end)
        assert doc.source[a:b].replace("\n", "") == m.text


@pytest.mark.parametrize("name,data,problem", [
    ("broken.docx", b"PK\x03\x04 not really a zip", "not a readable Word"),
    ("empty.html", "<html><body><nav>首页</nav></body></html>".encode(), "no article text"),
    ("plain.html", "只有文字没有标签".encode(), "not an HTML page"),
])
def test_bad_html_and_docx(tmp_path, name, data, problem):
    (tmp_path / name).write_bytes(data)
    with pytest.raises(InputError, match=problem):
        process_file(tmp_path / name)


def _damaged_docx(tmp_path, how):
    """A real Word file with its document part damaged in one way."""
    import io
    import zipfile

    good = tmp_path / "good.docx"
    write_docx(good, TITLE, PARAS)
    src = zipfile.ZipFile(good)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                if how == "half":
                    data = data[: len(data) // 2]
                elif how == "bomb":
                    lol = "".join(f'<!ENTITY a{i} "{"&a%d;" % (i - 1) * 10}">' for i in range(1, 12))
                    data = (f'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a0 "党建">{lol}]>'
                            f'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                            f'<w:body><w:p><w:r><w:t>&a11;</w:t></w:r></w:p></w:body></w:document>').encode()
                elif how == "external":
                    data = (b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                            b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                            b'<w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>')
            out.writestr(item, data)
    raw = buf.getvalue()
    if how == "deflate":  # flip bytes inside the compressed document part
        at = raw.find(b"word/document.xml") + 60
        raw = raw[:at] + bytes(b ^ 0x5A for b in raw[at:at + 40]) + raw[at + 40:]
    path = tmp_path / f"{how}.docx"
    path.write_bytes(raw)
    return path


@pytest.mark.parametrize("how", ["half", "deflate", "bomb"])
def test_a_damaged_word_file_is_named_and_the_others_are_built(tmp_path, how):
    from click.testing import CliRunner

    from kg.cli import main

    (tmp_path / "in").mkdir()
    bad = _damaged_docx(tmp_path / "in", how)
    (tmp_path / "in" / "good.txt").write_text("\n".join([TITLE] + PARAS), encoding="utf-8")
    (tmp_path / "in" / "good.docx").unlink()
    with pytest.raises(InputError, match="not a readable Word"):
        process_file(bad)
    for jobs in ("1", "2"):
        res = CliRunner().invoke(main, ["build", str(tmp_path / "in"), "-o", str(tmp_path / f"out{jobs}"), "-j", jobs,
                                        "--no-html"])
        assert res.exit_code == 1, res.output
        assert bad.name in res.output and "not a readable Word" in res.output and "Traceback" not in res.output
        assert (tmp_path / f"out{jobs}" / "graph.ttl").stat().st_size > 1000


def test_external_entities_in_a_word_file_are_never_resolved(tmp_path):
    path = _damaged_docx(tmp_path, "external")
    try:
        doc = process_file(path)
    except InputError:
        return  # refused: fine
    assert "root:" not in doc.text
