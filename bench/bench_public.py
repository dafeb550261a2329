"""Benchmark of the public pages under load: requests per second of /policies/ against a
query-free view, served by gunicorn (3 workers, `fazhi serve`) on 127.0.0.1, in the same run.

    .venv/bin/python bench/bench_public.py                      # builds the demo in a temp dir
    .venv/bin/python bench/bench_public.py --var-dir DIR        # a FAZHI_VAR_DIR already built,
        # e.g. by `bench/bench_library.py --var-dir DIR --documents 100000`, or by `fazhi demo`
    DATABASE_URL=postgresql:///fazhi_bench .venv/bin/python bench/bench_public.py --var-dir DIR
    FAZHI_REDIS_URL=redis://127.0.0.1:6379/0 .venv/bin/python bench/bench_public.py …

Two servers over the same database, one after the other: first with the public pages' cache
(core.publiccache: files under the var dir, or Redis with FAZHI_REDIS_URL), then without it
(FAZHI_PUBLIC_CACHE=0). Against each, for `--seconds` per address and `--concurrency`
connections, a small asyncio client of this script (one request per connection, as gunicorn's
sync workers close it) measures requests per second and the p50/p95 latency of:

- /policies/ — the library's first page (the year counts, the issuing bodies, the list);
- /policies/?page=N — its pages 2… in turn (rendered once, then from the cache);
- /policies/?q=… — searches (each address once: always rendered);
- /enforcement/ — the publicity page with the year's figures;
- / — the portal's home page (every department's figures of the year);
- /accounts/login/ — the sign-in form: a template and no query (the floor: "a query-free view");
- a static file through WhiteNoise (the ceiling of the server itself).

The figures that matter are printed last: /policies/ with the cache as a share of the
query-free view (target ≥ 50%), and of the portal's home page served from the cache too. The load generator shares the machine's cores with the
server, so the absolute numbers depend on the machine and its load (printed with `uptime`); the
ratios, measured in the same run, much less.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEARCHES = ["科技", "备案", "实验动物", "管理办法", "知识产权", "成果转化", "项目", "审查", "创新", "天津市"]


@dataclass
class Result:
    label: str
    requests: int
    errors: int
    seconds: float
    latencies: list[float]

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def line(self) -> str:
        lat = sorted(self.latencies) or [0.0]
        p95 = lat[min(len(lat) - 1, int(len(lat) * 0.95))]
        errors = f"   errors {self.errors}" if self.errors else ""
        return (
            f"{self.label:<34} {self.rps:8.1f} req/s   p50 {statistics.median(lat) * 1000:6.1f} ms"
            f"   p95 {p95 * 1000:6.1f} ms{errors}"
        )


async def _one(port: int, path: str) -> tuple[int, float]:
    started = time.perf_counter()
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(
        f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Language: zh-CN\r\nConnection: close\r\n\r\n".encode()
    )
    await writer.drain()
    data = await reader.read()
    writer.close()
    status = int(data[9:12]) if data[:5] == b"HTTP/" else 0
    return status, time.perf_counter() - started


async def _load(port: int, paths: list[str], seconds: float, concurrency: int) -> Result:
    deadline = time.perf_counter() + seconds
    latencies: list[float] = []
    errors = 0
    counter = 0

    async def worker() -> None:
        nonlocal errors, counter
        while time.perf_counter() < deadline:
            path = paths[counter % len(paths)]
            counter += 1
            try:
                status, elapsed = await _one(port, path)
            except OSError:
                errors += 1
                continue
            if status != 200:
                errors += 1
            latencies.append(elapsed)

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return Result("", len(latencies), errors, time.perf_counter() - started, latencies)


def load(label: str, port: int, paths: list[str], seconds: float, concurrency: int) -> Result:
    result = asyncio.run(_load(port, paths, seconds, concurrency))
    result.label = label
    print(result.line(), flush=True)
    return result


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(env: dict[str, str], port: int, workers: int) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        [sys.executable, "-m", "fazhi.cli", "serve", "--port", str(port), "--workers", str(workers)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.5)
    stop_server(server)
    raise SystemExit("the server did not start")


def stop_server(server: subprocess.Popen[bytes]) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


def static_path(port: int) -> str:
    """The address of fazhi.css as the pages name it (the manifest's hashed name)."""
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as response:
        html = response.read().decode()
    start = html.index('href="/static/fazhi/css/') + len('href="')
    return html[start : html.index('"', start)]


def run_server(label: str, env: dict[str, str], args: argparse.Namespace, pages: int) -> dict[str, Result]:
    port = free_port()
    server = start_server(env, port, args.workers)
    results: dict[str, Result] = {}
    try:
        print(f"\n{label} (gunicorn, {args.workers} workers, port {port}); uptime: {uptime()}")
        targets = {
            "policies": ["/policies/"],
            "pages": [f"/policies/?page={n}" for n in range(2, pages + 1)] or ["/policies/"],
            "search": [f"/policies/?q={urllib.parse.quote(q)}&n={i}" for i in range(500) for q in SEARCHES],
            "enforcement": ["/enforcement/"],
            "home": ["/"],
            "free": ["/accounts/login/"],
            "static": [static_path(port)],
        }
        names = {
            "policies": "/policies/",
            "pages": "/policies/?page=2…",
            "search": "/policies/?q=… (all distinct)",
            "enforcement": "/enforcement/",
            "home": "/ (the portal's home)",
            "free": "/accounts/login/ (no query)",
            "static": "static file (WhiteNoise)",
        }
        for key, paths in targets.items():
            if key != "search":  # every worker process warmed up once (imports, connections)
                asyncio.run(_load(port, paths[:1], 1.0, args.workers))
            results[key] = load(names[key], port, paths, args.seconds, args.concurrency)
    finally:
        stop_server(server)
    return results


def uptime() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f}, {five:.2f}, {fifteen:.2f} on {os.cpu_count()} cores"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--var-dir", help="a FAZHI_VAR_DIR already built (default: the demo, in a temp dir)")
    parser.add_argument("--seconds", type=float, default=10.0, help="load per address (default 10)")
    parser.add_argument("--concurrency", type=int, default=12, help="connections at once (default 12)")
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--pages", type=int, default=20, help="library pages cycled through (default 20)")
    args = parser.parse_args()

    env = dict(os.environ)
    var_dir = args.var_dir or tempfile.mkdtemp(prefix="fazhi-bench-public-")
    env["FAZHI_VAR_DIR"] = var_dir
    env.setdefault("FAZHI_ALLOWED_HOSTS", "127.0.0.1,localhost")
    env.pop("FAZHI_DEBUG", None)
    if not args.var_dir and not env.get("DATABASE_URL"):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "fazhi.cli", "demo"], cwd=ROOT, env=env, check=True)
        print(f"built the demo in {time.perf_counter() - started:.0f} s")
    print(
        f"var dir {var_dir}; database {env.get('DATABASE_URL') or 'SQLite'}; "
        f"cache {'Redis ' + env['FAZHI_REDIS_URL'] if env.get('FAZHI_REDIS_URL') else 'files'}"
    )
    print(f"{args.seconds:.0f} s per address, {args.concurrency} connections; {uptime()}")

    cached = run_server("with the public pages' cache", {**env, "FAZHI_PUBLIC_CACHE": "1"}, args, args.pages)
    rendered = run_server(
        "without it (FAZHI_PUBLIC_CACHE=0)", {**env, "FAZHI_PUBLIC_CACHE": "0"}, args, args.pages
    )

    # The floor: a view that runs no query (the sign-in form; the portal's home page reads every
    # department's figures since one installation serves the city), rendered in the same run.
    floor = rendered["free"].rps
    print(
        f"\nthe query-free view (/accounts/login/) rendered: {floor:.1f} req/s; the portal's home page "
        f"rendered {rendered['home'].rps:.1f} req/s, served from the cache {cached['home'].rps:.1f} req/s; "
        f"the static file: {rendered['static'].rps:.1f} req/s"
    )
    print(
        f"{'':<22} {'cache on ÷ query-free':>22} {'cache on ÷ / cached':>20} {'cache off ÷ query-free':>23}"
    )
    for key, label in [
        ("policies", "/policies/"),
        ("pages", "/policies/?page=2…"),
        ("search", "/policies/?q=…"),
        ("enforcement", "/enforcement/"),
    ]:
        print(
            f"{label:<22} {cached[key].rps / floor * 100:21.1f}% "
            f"{cached[key].rps / cached['home'].rps * 100:19.1f}% {rendered[key].rps / floor * 100:22.1f}%"
        )
    print(
        "target: /policies/ with the cache >= 50% of the query-free view: "
        f"{'yes' if cached['policies'].rps >= floor / 2 else 'NO'}"
    )
    print(f"uptime at the end: {uptime()}")


if __name__ == "__main__":
    main()
