"""Benchmark of the public library (DOMAIN.md §5): Chinese full-text search and the list page
over a library of 100,000 published documents.

    .venv/bin/python bench/bench_library.py [--documents 100000] [--queries 50]
    DATABASE_URL=postgresql:///fazhi_library_bench .venv/bin/python bench/bench_library.py

On SQLite it works in a fresh temporary FAZHI_VAR_DIR (or --var-dir, kept, to run again without
rebuilding). With DATABASE_URL it uses that database as it is and EMPTIES its normative-document
tables first (unless --reuse finds the library already built), so point it at a scratch
database only.

The library is synthetic but Chinese: titles and bodies of a few hundred characters composed
from the phrases of science-and-technology policy (科技创新, 备案审查, 实验动物, 人类遗传资源 …),
numbered 津科规〔YYYY〕N号 over 2010–2026, with expiries, repeals, amendments and filings. The
rows are bulk-created with `search_text` from `search.index_text`: bulk_create bypasses the
actions (no audit events, no numbering), which is acceptable for a benchmark only. The index and
documents_library are kept by the database's triggers, exactly as for documents the actions
publish, so the build also times them.

Measured, for single characters, pairs, long phrases and queries found nowhere, in the same
run: the search page /policies/?q= through the test client, each query once (p50, p95, its query count; its count
capped as the page caps it, library.search_count_cap), `library.search_documents` alone, its
index queries replayed as bare SQL (the floor with the index: the count and the ids of the
first page, recorded as the search ran them; the page and its index queries take turns to run
first on a query, so that neither always meets its pages cold), and the floor without an index, a plain substring
scan (LIKE over title, number and body) — whose count must equal the search's exact count, an
exactness check at full size — with the verdicts of the targets (page p95 < 50 ms, page p95 at
most three times its index queries') and the load average. Then
the list page /policies/ with year, status and search, and the two exports (--no-exports skips
them). The build prints the time of each part (documents, validity events, filings).
"""

from __future__ import annotations

import argparse
import datetime
import gc
import os
import random
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SUBJECTS = [
    "科技创新",
    "备案审查",
    "实验动物",
    "人类遗传资源",
    "科技计划项目",
    "知识产权",
    "成果转化",
    "高新技术企业",
    "法治政府",
    "科技型中小企业",
    "技术合同登记",
    "科技成果评价",
    "重点实验室",
    "新型研发机构",
    "科技金融",
    "科研诚信",
    "科技伦理审查",
    "技术转移机构",
    "科技企业孵化器",
    "众创空间",
    "科技特派员",
    "国际科技合作",
    "基础研究",
    "产学研合作",
    "科学技术奖励",
    "研发费用加计扣除",
    "科技创新券",
    "科技资源开放共享",
    "大型科学仪器",
    "科普基地",
    "评审专家库",
    "项目经费管理",
    "绩效评价",
    "信用管理",
    "行政许可",
    "行政执法",
    "合法性审核",
    "公平竞争审查",
    "技术创新中心",
    "企业研发投入",
    "揭榜挂帅",
    "数字经济",
    "生物医药",
    "人工智能",
    "智能制造",
]
VERBS = ["加强", "规范", "推进", "促进", "完善", "优化", "深化", "支持", "做好"]
KINDS = ["管理办法", "实施细则", "暂行办法", "工作规程", "若干措施", "管理规定", "认定办法", "评价办法"]
NOTICES = ["通知", "意见", "实施意见", "指导意见"]
LAWS = [
    "中华人民共和国科学技术进步法",
    "中华人民共和国促进科技成果转化法",
    "中华人民共和国行政许可法",
    "实验动物管理条例",
    "人类遗传资源管理条例",
    "天津市科学技术进步条例",
    "天津市促进科技成果转化条例",
    "优化营商环境条例",
    "天津市行政规范性文件管理规定",
    "中华人民共和国专利法",
]
UNITS = ["高等学校", "科研院所", "企事业单位", "新型研发机构", "项目承担单位", "依托单位"]
PARTNERS = ["市财政局", "市发展改革委", "市市场监管委", "市教委", "市工业和信息化局", "市卫生健康委"]
CLAUSES = [
    "{unit}应当建立健全{s}工作机制，明确职责分工，加强对{s2}的监督检查。",
    "申请{s}的单位应当具备下列条件：（一）在本市注册登记的{unit}；（二）具有健全的财务管理制度和"
    "相应的研发能力；（三）近三年内无严重失信行为。",
    "对违反本办法规定弄虚作假、截留挪用{s}资金的，由市科学技术局责令改正，记入科研诚信档案，"
    "并依法追究相关责任。",
    "{s}所需经费从市级财政科技资金中列支，实行专款专用，接受财政、审计部门的监督检查。",
    "市科学技术局会同{p}建立{s}信息共享和联合监管机制，定期通报{s2}工作情况。",
    "{unit}开展{s}活动，应当遵守国家有关规定，落实主体责任，接受社会监督。",
    "鼓励{unit}围绕{s}开展{s2}，对成效显著的按照规定给予支持。",
    "市科学技术局应当将{s}的申报条件、程序和结果向社会公开，保障公众的知情权和监督权。",
    "{s}实行绩效评价制度，评价结果作为后续支持的重要依据。",
]
NUMERALS = "一二三四五六七八九十"


def chinese_number(n: int) -> str:
    if n <= 10:
        return NUMERALS[n - 1]
    if n < 20:
        return "十" + NUMERALS[n - 11]
    tens, ones = divmod(n, 10)
    return NUMERALS[tens - 1] + "十" + (NUMERALS[ones - 1] if ones else "")


def make_title(rng: random.Random) -> str:
    s = rng.choice(SUBJECTS)
    form = rng.random()
    if form < 0.45:
        return f"天津市{s}{rng.choice(KINDS)}"
    if form < 0.85:
        return f"关于{rng.choice(VERBS)}{s}{rng.choice(['工作', '管理'])}的{rng.choice(NOTICES)}"
    return f"天津市{s}管理办法（试行）"


def make_body(rng: random.Random, title: str) -> str:
    s = rng.choice(SUBJECTS)
    articles = [
        f"为了{rng.choice(VERBS)}{s}管理，促进{rng.choice(SUBJECTS)}，根据《{rng.choice(LAWS)}》等有关规定，"
        "结合本市实际，制定本办法。",
        f"本办法适用于本市行政区域内{s}的申报、认定、管理和监督活动。",
    ]
    length = sum(map(len, articles))
    target = rng.randint(250, 600)
    while length < target:
        clause = rng.choice(CLAUSES).format(
            s=rng.choice(SUBJECTS), s2=rng.choice(SUBJECTS), unit=rng.choice(UNITS), p=rng.choice(PARTNERS)
        )
        articles.append(clause)
        length += len(clause)
    articles.append("本办法自公布之日起施行，有效期五年。")
    return "\n".join(f"第{chinese_number(i)}条　{text}" for i, text in enumerate(articles, 1))


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


CPU: list[float] = []  # the process's CPU time of each call of `timed`, the last last


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    cpu = time.process_time()
    start = time.perf_counter()
    result = fn()
    elapsed = time.perf_counter() - start
    CPU.append(time.process_time() - cpu)
    return elapsed, result


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=30, help="queries of each kind")
    parser.add_argument("--scans", type=int, default=5, help="substring scans of each kind")
    parser.add_argument("--no-exports", action="store_true", help="skip the two exports")
    parser.add_argument("--page-runs", type=int, default=30, help="requests of each list page")
    parser.add_argument("--var-dir", help="SQLite: use (and keep) this FAZHI_VAR_DIR")
    parser.add_argument("--reuse", action="store_true", help="keep a library already built there")
    parser.add_argument("--seed", type=int, default=20261127)
    args = parser.parse_args()

    var_dir = args.var_dir or tempfile.mkdtemp(prefix="fazhi-bench-")
    os.environ["FAZHI_VAR_DIR"] = var_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    import django

    django.setup()

    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection, reset_queries, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from fazhi.core.models import DeadlineRule, Organization, User
    from fazhi.documents import library
    from fazhi.documents.models import Filing, NormativeDocument, ValidityEvent
    from fazhi.documents.search import search_fields

    settings.ALLOWED_HOSTS = ["*"]
    # The pages are served without collectstatic, as in the tests.
    settings.STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"
    call_command("migrate", verbosity=0)
    print(f"database: {connection.vendor} ({connection.settings_dict['NAME']}), var dir {var_dir}")
    today = timezone.localdate()
    rng = random.Random(args.seed)

    def build() -> None:
        with connection.cursor() as cursor:
            for model in (Filing, ValidityEvent):
                cursor.execute(f"DELETE FROM {model._meta.db_table}")  # our own table names
            cursor.execute(f"DELETE FROM {NormativeDocument._meta.db_table}")
        bureau, _ = Organization.objects.get_or_create(
            code="bench-tjkjj", defaults={"name": "天津市科学技术局（基准）", "kind": "agency"}
        )
        division, _ = Organization.objects.get_or_create(
            code="bench-zcfgc", defaults={"name": "政策法规处（基准）", "kind": "division", "parent": bureau}
        )
        justice, _ = Organization.objects.get_or_create(
            code="bench-tjsfj", defaults={"name": "天津市司法局（基准）", "kind": "justice_bureau"}
        )
        author, _ = User.objects.get_or_create(username="bench-drafter", defaults={"full_name": "张起草"})
        filing_rule = DeadlineRule.objects.filter(code="document.filing").order_by("-version").first()
        years = list(range(2010, today.year + 1))
        per_year = args.documents // len(years)
        batch: list[NormativeDocument] = []
        extras: list[tuple[int, str, datetime.date | None]] = []  # (index, kind, date)
        filings: list[tuple[int, datetime.date, datetime.date]] = []
        count = 0
        for year in years:
            n_year = per_year + (args.documents - per_year * len(years) if year == years[-1] else 0)
            last_day = min(datetime.date(year, 12, 31), today)
            span = (last_day - datetime.date(year, 1, 1)).days
            days = sorted(rng.randint(0, span) for _ in range(n_year))
            for seq, offset in enumerate(days, 1):
                published_on = datetime.date(year, 1, 1) + datetime.timedelta(days=offset)
                effective_on = published_on + datetime.timedelta(days=rng.choice([0, 0, 0, 10, 30]))
                effective_on = min(effective_on, published_on + datetime.timedelta(days=45))
                title = make_title(rng)
                provisional = "试行" in title or "暂行" in title
                years_valid = 2 if provisional else 5
                expires_on = effective_on.replace(
                    year=effective_on.year + years_valid, day=min(effective_on.day, 28)
                )
                number = f"津科规〔{year}〕{seq}号"
                body = make_body(rng, title)
                batch.append(
                    NormativeDocument(
                        title=title,
                        agency=bureau,
                        division=division,
                        created_by=author,
                        status=NormativeDocument.Status.PUBLISHED,
                        is_provisional=provisional,
                        number=number,
                        signed_by="陈局长",
                        issued_on=published_on,
                        published_on=published_on,
                        publication_channel="天津市科学技术局网站",
                        effective_on=effective_on,
                        expires_on=expires_on,
                        body=body,
                        **search_fields(title, number, body),
                    )
                )
                roll = rng.random()
                end = min(expires_on, today)
                if roll < 0.04 and end > effective_on:
                    extras.append((count, "repealed", effective_on + (end - effective_on) * rng.random()))
                elif roll < 0.06 and end > effective_on:
                    extras.append(
                        (count, "declared_invalid", effective_on + (end - effective_on) * rng.random())
                    )
                elif roll < 0.14 and end > effective_on:
                    extras.append((count, "amended", effective_on + (end - effective_on) * rng.random()))
                if expires_on < today and rng.random() < 0.9:
                    extras.append((count, "expired", expires_on + datetime.timedelta(days=1)))
                if rng.random() < 0.85:
                    due = published_on + datetime.timedelta(days=30)
                    filings.append((count, published_on + datetime.timedelta(days=rng.randint(1, 40)), due))
                count += 1
        print(f"{'documents generated':<48} {count:>8,}")
        start = time.perf_counter()
        with transaction.atomic():
            created: list[NormativeDocument] = []
            for i in range(0, len(batch), 2000):
                created += NormativeDocument.objects.bulk_create(batch[i : i + 2000])
            print(f"{'  the documents':<48} {time.perf_counter() - start:>8.1f} s")
            if connection.vendor == "sqlite" or created[0].pk is None:
                ids = list(NormativeDocument.objects.order_by("pk").values_list("pk", flat=True))
            else:
                ids = [d.pk for d in created]
            events = []
            ended: set[int] = set()
            for index, kind, on in extras:
                if kind == "expired" and index in ended:
                    continue
                if kind in ("repealed", "declared_invalid"):
                    ended.add(index)
                events.append(
                    ValidityEvent(
                        document_id=ids[index], kind=kind, on=on, note="基准数据", recorded_by=author
                    )
                )
            phase = time.perf_counter()
            ValidityEvent.objects.bulk_create(events, batch_size=5000)
            print(f"{'  their validity events':<48} {time.perf_counter() - phase:>8.1f} s")
            phase = time.perf_counter()
            Filing.objects.bulk_create(
                [
                    Filing(
                        document_id=ids[index],
                        authority=justice,
                        status=Filing.Status.FILED,
                        submitted_on=submitted,
                        due_on=due,
                        due_rule=filing_rule,
                        submitted_by=author,
                        decided_on=submitted,
                    )
                    for index, submitted, due in filings
                ],
                batch_size=5000,
            )
        print(f"{'  their filings':<48} {time.perf_counter() - phase:>8.1f} s")
        print(
            f"{'bulk-created, with the index kept by the database':<48} {time.perf_counter() - start:>8.1f} s"
        )
        with connection.cursor() as cursor:
            # What autovacuum would have done by the time anyone searches: statistics, and on
            # PostgreSQL the visibility map that index-only counts rely on.
            cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")

    existing = NormativeDocument.objects.filter(published_on__isnull=False).count()
    if args.reuse and existing == args.documents:
        print(f"reusing the library of {existing:,} documents")
    else:
        build()

    # Queries of each kind: single characters and pairs cut from the documents' own text (so
    # mostly common: a character found in most of the library), and the characters the issue
    # tracker named (科, 罚, 兽); long phrases, cut from the text and the law names; queries
    # found nowhere.
    sample = list(NormativeDocument.objects.order_by("?").values_list("title", "body")[:2000])
    runs = [run for title, body in sample for run in re.findall(r"[\u4e00-\u9fff]{10,}", title + "\n" + body)]

    def cut(length: int) -> str:
        run = rng.choice(runs)
        start = rng.randint(0, len(run) - length)
        return run[start : start + length]

    n = args.queries
    kinds: dict[str, list[str]] = {
        "1 character": ["科", "罚", "兽", *(cut(1) for _ in range(n - 3))],
        "2 characters": [cut(2) for _ in range(n)],
        "long phrase": ["实验动物管理条例", *(cut(rng.randint(6, 10)) for _ in range(n - 1))],
        "found nowhere": [
            "鑫",
            "鑫淼",
            "实验动物管理条例鑫",
            *("".join(rng.choice("鑫淼垚犇") for _ in range(1 + i % 4)) + cut(1) for i in range(n - 3)),
        ],
    }

    def bare(prepared: list[tuple[str, list[Any]]]) -> None:
        """The statements the search ran against the index, again, as bare SQL."""
        with library.index_plans(), connection.cursor() as cursor:
            for sql, params in prepared:
                cursor.execute(sql, params)
                cursor.fetchall()

    def scan(q: str) -> int:
        """The floor without an index: a plain substring scan of every document's text."""
        like = "LIKE" if connection.vendor == "sqlite" else "ILIKE"
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT count(*) FROM {NormativeDocument._meta.db_table} WHERE "  # our own table name
                f"title {like} %s OR number {like} %s OR body {like} %s",
                [f"%{q}%"] * 3,
            )
            return int(cursor.fetchone()[0])

    def verdict(ok: bool) -> str:
        return "yes" if ok else "NO"

    client = Client()
    # As fazhi.wsgi does in every server process: what is loaded stays out of the collector's
    # passes (a full pass over this process's objects takes 100 ms and more, mid-request).
    gc.freeze()
    print(
        f"\nsearch, {n} queries of each kind, the same run: the page /policies/?q= through the test client "
        "(its count capped as the page caps it),\nsearch_documents alone as the page calls it, its index "
        "queries replayed as bare SQL (the floor with the index), and a plain substring scan\n"
        f"({args.scans} of the queries: the floor without it) whose count must equal the search's exact count"
        "\n(search_documents without a cap: the exactness check at full size). Targets: page p95 < 50 ms "
        "for 1 and 2 characters (and long phrases), page p95 <= 3x index p95 ('-' for a query found\n"
        "nowhere: its index queries take a fraction of a millisecond, less than any page's own work).\n"
        "cpu p95: this process's CPU time for the page (on SQLite the queries too; not PostgreSQL's server); "
        "counted: the matches as the page counts them (cap + 1 past its cap)."
    )
    print(
        f"{'kind':<15}{'page p50':>10}{'page p95':>10}{'cpu p95':>9}{'search p95':>11}{'index p50':>10}{'index p95':>10}"
        f"{'page/index':>11}{'scan p95':>10}{'counted p50':>12}{'max':>9}{'queries':>8}{'<50ms':>7}{'<=3x':>6}"
    )
    for kind, chosen in kinds.items():
        for q in chosen[:3]:  # warm the caches (another address: the page itself is not kept)
            client.get("/policies/", {"q": q, "n": "warm"})
            bare(library.index_queries(q, library.search_count_cap(q)))
        pages, page_cpu, searches, bares, scans, totals = [], [], [], [], [], []
        for i, q in enumerate(chosen):
            cap = library.search_count_cap(q)
            prepared = library.index_queries(q, cap)  # the SQL, recorded outside the timing

            steps: dict[str, Callable[[], Any]] = {
                "page": lambda q=q: client.get("/policies/", {"q": q}),
                "index": lambda prepared=prepared: bare(prepared),
            }
            timings: dict[str, tuple[float, Any]] = {}
            # Whichever runs first meets the query's pages cold: the page goes first for one
            # query, its index queries for the next, so neither always pays for the other.
            for name in ("page", "index") if i % 2 == 0 else ("index", "page"):
                timings[name] = timed(steps[name])
                if name == "page":
                    page_cpu.append(CPU[-1])
            (t_page, response), (t_bare, _) = timings["page"], timings["index"]
            assert response.status_code == 200, (q, response.status_code)
            t_search, (_hits, capped_total) = timed(
                lambda q=q, cap=cap: library.search_documents(q, count_cap=cap)
            )
            if i < args.scans:
                total = library.search_documents(q, limit=1)[1]
                assert capped_total == min(total, cap + 1), (q, capped_total, total)
                t_scan, scanned = timed(lambda q=q: scan(q))
                assert scanned == total, (q, scanned, total)
                scans.append(t_scan)
            totals.append(capped_total)
            pages.append(t_page)
            searches.append(t_search)
            bares.append(t_bare)
        with CaptureQueriesContext(connection) as captured:
            client.get("/policies/", {"q": chosen[0], "n": "count"})
        page95, bare95 = percentile(pages, 95), percentile(bares, 95)
        print(
            f"{kind:<15}{ms(percentile(pages, 50)):>10}{ms(page95):>10}{ms(percentile(page_cpu, 95)):>9}"
            f"{ms(percentile(searches, 95)):>11}{ms(percentile(bares, 50)):>10}{ms(bare95):>10}"
            f"{page95 / bare95:>11.1f}{ms(percentile(scans, 95)):>10}"
            f"{int(statistics.median(totals)):>12,}{max(totals):>9,}{len(captured):>8}"
            # Not a target for a query found nowhere: its index queries take a fraction of a
            # millisecond, less than any page's own work.
            f"{verdict(page95 < 0.050):>7}{verdict(page95 <= 3 * bare95) if kind != 'found nowhere' else '-':>6}"
        )
        reset_queries()
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")

    common = max(kinds["2 characters"], key=lambda q: library.search_documents(q, limit=1)[1])
    pages = {
        "/policies/": "/policies/",
        "/policies/?year=2021&status=in_force": "/policies/?year=2021&status=in_force",
        "/policies/?status=in_force": "/policies/?status=in_force",
        "/policies/?q=科技创新": "/policies/?q=科技创新",
        f"/policies/?q={common} (most frequent)": f"/policies/?q={common}",
        "/policies/?year=2021&status=in_force&q=备案": "/policies/?year=2021&status=in_force&q=备案",
        "/policies/?status=repealed&q=成果转化&page=2": "/policies/?status=repealed&q=成果转化&page=2",
    }
    print(
        f"\nlist page through the test client, {args.page_runs} requests each, each rendered (a distinct "
        "address, &n=…: the public pages' cache keeps its constants, not the page)"
    )
    print(f"{'page':<52}{'p50':>12}{'p95':>12}{'queries':>9}")
    for label, url in pages.items():
        joiner = "&" if "?" in url else "?"
        response = client.get(f"{url}{joiner}n=warm")
        assert response.status_code == 200, (url, response.status_code)
        times = []
        for run in range(args.page_runs):
            t, response = timed(lambda url=f"{url}{joiner}n={run}": client.get(url))
            times.append(t)
        with CaptureQueriesContext(connection) as captured:
            client.get(f"{url}{joiner}n=count")
        print(f"{label:<52}{ms(percentile(times, 50)):>12}{ms(percentile(times, 95)):>12}{len(captured):>9}")
        reset_queries()

    if args.no_exports:
        return
    print("\nexports of the whole library, streamed through the test client")
    for url in ("/policies/export.csv", "/policies/export.json"):
        seconds, size = timed(lambda url=url: sum(len(chunk) for chunk in client.get(url).streaming_content))
        print(f"{url:<52}{seconds:>10.2f} s{size / 1e6:>10.1f} MB")


if __name__ == "__main__":
    main()
