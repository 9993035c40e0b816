#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Writes the bundled demo feeds (demo/feeds/) and the demo ledger: a Shenzhen SASAC-like agency
reported 79 times in 2019 in central (12), provincial (21) and municipal (46) mainstream media,
with the duplicates real feeds bring (the same report in two feeds, URL variants, a re-post,
syndicated copies) and noise (other sites, items about other things, excluded phrases).
Deterministic: run it again and the files are byte-identical. The seed test and the demo both
use these files; their expected figures are stated in demo/README.md."""
import json
import os
import random
from datetime import datetime, timedelta, timezone

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "demo", "feeds")
CN = timezone(timedelta(hours=8))
rng = random.Random(2019)

TOPICS = ["国企改革三年行动", "市属国企高质量发展", "国有资本投资运营", "混合所有制改革",
          "粤港澳大湾区建设", "“双百行动”", "国资监管数字化", "市属国企科技创新",
          "国企党建工作", "营商环境优化", "基础设施投资", "民生保障项目", "国企社会责任",
          "资本市场运作", "重大项目建设", "产业链协同", "人才发展", "安全生产检查",
          "疫情防控保供", "乡村振兴帮扶"]
VERBS = ["召开推进会部署", "发布实施方案推动", "座谈交流", "调研督导", "签约落地", "召开新闻发布会介绍",
         "举办专题培训聚焦", "出台措施支持", "通报进展", "启动"]
AGENCY = ["深圳市国资委", "市国资委", "深圳市人民政府国有资产监督管理委员会", "深圳国资委"]


def title(i):
    return f"{rng.choice(AGENCY)}{rng.choice(VERBS)}{TOPICS[i % len(TOPICS)]}（{i + 1}）"


def day(i, n):
    # Spread n items over 2019, deterministic.
    d = datetime(2019, 1, 3, 9, 30, tzinfo=CN) + timedelta(days=(i * 361) // max(n, 1), hours=i % 9)
    return d


def rfc822(d):
    return d.astimezone(timezone.utc).strftime("%a, %d %b %Y %H:%M:%S +0000")


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def rss(channel, link, items, encoding="utf-8", extra_ns=""):
    out = [f'<?xml version="1.0" encoding="{encoding}"?>',
           f'<rss version="2.0"{extra_ns}><channel><title>{esc(channel)}</title><link>{link}</link>'
           f'<description>{esc(channel)}</description>']
    for it in items:
        out.append("<item>")
        out.append(f"<title>{esc(it['title'])}</title>")
        out.append(f"<link>{esc(it['link'])}</link>")
        if it.get("guid"):
            out.append(f"<guid isPermaLink=\"false\">{esc(it['guid'])}</guid>")
        out.append(f"<pubDate>{rfc822(it['date'])}</pubDate>")
        if it.get("source"):
            out.append(f"<source url=\"{esc(it['source'][1])}\">{esc(it['source'][0])}</source>")
        out.append(f"<description><![CDATA[<p>{it.get('summary', it['title'])}</p>]]></description>")
        out.append("</item>")
    out.append("</channel></rss>")
    return "\n".join(out) + "\n"


def atom(title_, link, items):
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           '<feed xmlns="http://www.w3.org/2005/Atom">',
           f"<title>{esc(title_)}</title><link href=\"{link}\"/><id>{link}</id>",
           "<updated>2020-01-10T00:00:00Z</updated>"]
    for it in items:
        out.append("<entry>")
        out.append(f"<title type=\"html\">{esc(it['title'])}</title>")
        out.append(f"<link rel=\"alternate\" href=\"{esc(it['link'])}\"/>")
        out.append(f"<id>{esc(it['link'])}</id>")
        out.append(f"<published>{it['date'].isoformat()}</published>")
        out.append(f"<updated>{it['date'].isoformat()}</updated>")
        out.append(f"<summary>{esc(it.get('summary', it['title']))}</summary>")
        out.append("</entry>")
    out.append("</feed>")
    return "\n".join(out) + "\n"


def rdf(title_, link, items):
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
           'xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">',
           f'<channel rdf:about="{link}"><title>{esc(title_)}</title><link>{link}</link>'
           f'<description>{esc(title_)}</description></channel>']
    for it in items:
        out.append(f'<item rdf:about="{esc(it["link"])}">')
        out.append(f"<title>{esc(it['title'])}</title><link>{esc(it['link'])}</link>")
        out.append(f"<dc:date>{it['date'].isoformat()}</dc:date>")
        out.append(f"<description>{esc(it.get('summary', it['title']))}</description>")
        out.append("</item>")
    out.append("</rdf:RDF>")
    return "\n".join(out) + "\n"


def jsonfeed(title_, link, items):
    return json.dumps({
        "version": "https://jsonfeed.org/version/1.1", "title": title_, "home_page_url": link,
        "items": [{"id": it["link"], "url": it["link"], "title": it["title"],
                   "content_html": f"<p>{it.get('summary', it['title'])}</p>",
                   "date_published": it["date"].isoformat()} for it in items]},
        ensure_ascii=False, indent=1) + "\n"


def items(n, base, start=0, mk_link=None):
    res = []
    for i in range(n):
        k = start + i
        d = day(i, n)
        link = mk_link(k, d) if mk_link else f"{base}/{d:%Y%m}/{d:%d}/c{1000 + k}.html"
        res.append({"title": title(k), "link": link, "date": d})
    return res


def noise(n, base, start):
    res = []
    for i in range(n):
        d = day(i, n)
        res.append({"title": f"{TOPICS[(start + i) % len(TOPICS)]}：{rng.choice(['市场观察', '专家解读', '一周要闻', '数据速览'])}（{start + i}）",
                    "link": f"{base}/news/{d:%Y%m%d}/{start + i}.html", "date": d})
    return res


def write(name, text, encoding="utf-8"):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(text.encode(encoding))


os.makedirs(OUT, exist_ok=True)
syndicated = "新华社：深圳市国资委推进国企改革综合试点取得阶段性成效"
synd_day = datetime(2019, 9, 12, 10, 0, tzinfo=CN)

# Central (12): people 4 + xinhua 4 (one is the syndicated story) + a central mixed feed 4.
people = items(4, "http://sz.people.com.cn/n2/2019", 0) + noise(6, "http://sz.people.com.cn", 100)
write("people.xml", rss("人民网-深圳频道", "http://sz.people.com.cn/", people))
xinhua = items(3, "http://www.xinhuanet.com/local/2019", 10)
xinhua.append({"title": syndicated, "link": "http://www.xinhuanet.com/local/2019-09/12/c_1124990001.htm",
               "date": synd_day})
write("xinhua.xml", atom("新华网地方频道", "http://www.xinhuanet.com/local/", xinhua + noise(5, "http://www.xinhuanet.com", 200)))
central_mix = (items(2, "http://www.chinanews.com.cn/cj/2019", 20) + items(1, "https://economy.gmw.cn/2019", 30)
               + items(1, "http://www.ce.cn/xwzx/gnsz/2019", 40))
write("central-mix.rdf", rdf("中央媒体要闻", "http://www.chinanews.com.cn/", central_mix))

# Provincial (21): 南方网, written in GB2312 as many Chinese sites still do.
south = items(15, "http://static.nfapp.southcn.com/content/2019", 50) + items(6, "https://news.ycwb.com/2019", 70)
south += noise(5, "http://www.southcn.com", 300)
write("southcn.xml", rss("南方网-深圳", "http://www.southcn.com/", south, encoding="gb2312"), "gb18030")

# Municipal (46): 深圳新闻网 30 (one the syndicated copy, one re-posted the next day) + 读特 16.
sz = items(29, "http://www.sznews.com/news/content/2019", 100)
sz.append({"title": syndicated, "link": "http://www.sznews.com/news/content/2019-09/12/content_22400001.htm",
           "date": synd_day + timedelta(hours=3)})
repost = dict(sz[5])
repost["link"] = sz[5]["link"].replace(".html", "_2.html")
repost["date"] = sz[5]["date"] + timedelta(days=1)
sz_feed = sz + [repost] + noise(8, "http://www.sznews.com", 400)
write("sznews.xml", rss("深圳新闻网", "http://www.sznews.com/", sz_feed))
dute = items(16, "https://www.dutenews.com/n/article", 200)
write("dutenews.json", jsonfeed("读特新闻", "https://www.dutenews.com/", dute))

# An aggregator: the same sznews reports again (URL variants), other-tier sites, an excluded
# phrase, and two mentions outside 2019.
agg = []
for k in (0, 1, 2):
    it = dict(sz[k])
    it["link"] = it["link"].replace("http://www.", "https://m.") + "?utm_source=agg&spm=1.2"
    it["source"] = ("深圳新闻网", "http://www.sznews.com/")
    agg.append(it)
for i in range(6):
    d = day(i, 6)
    agg.append({"title": title(300 + i), "link": f"https://www.sohu.com/a/{3000000 + i}_120",
                "date": d, "source": ("搜狐", "https://www.sohu.com/")})
agg.append({"title": "深圳市国资委直属单位2019年招聘启事", "link": "https://www.sohu.com/a/399",
            "date": day(3, 6), "source": ("搜狐", "https://www.sohu.com/")})
agg.append({"title": "深圳市国资委召开2018年度总结会", "link": "http://www.sznews.com/news/content/2018-12/28/content_1.htm",
            "date": datetime(2018, 12, 28, 10, 0, tzinfo=CN), "source": ("深圳新闻网", "http://www.sznews.com/")})
agg.append({"title": "深圳市国资委部署2020年重点工作", "link": "http://www.sznews.com/news/content/2020-01/08/content_2.htm",
            "date": datetime(2020, 1, 8, 10, 0, tzinfo=CN), "source": ("深圳新闻网", "http://www.sznews.com/")})
write("aggregator.xml", rss("新闻聚合", "https://news.aggregator.example/", agg))

with open(os.path.join(OUT, "charsets.tsv"), "w") as f:
    f.write("southcn.xml\tgb2312\tapplication/rss+xml\n")
    f.write("dutenews.json\tutf-8\tapplication/feed+json\n")
    f.write("xinhua.xml\tutf-8\tapplication/atom+xml\n")
print("wrote", OUT)
