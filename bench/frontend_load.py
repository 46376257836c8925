"""How heavy and how quick the console's first page is: initial JavaScript (gzip) and sign-in time to interactive.

1. Parses frontend/dist/index.html for what loads at first paint (the module script and its modulepreload
   links), gzips each at level 6 (gzip's default; nginx's gzip_comp_level defaults to 1, shown beside
   as what nginx compressing on the fly would send) beside the build's brotli copy (what `coffer serve`
   sends a browser that takes brotli) and prints the sums in kB (1 kB = 1,000 bytes, as Vite counts; goal ≤ 180 kB).
2. Starts the console serving frontend/dist (embedded stack, `coffer serve`, which sends the build's
   precompressed copies) and opens /sign-in in headless Debian chromium: the time from navigation start
   until the Username field is visible and enabled, read in the page (performance.now() on the first
   animation frame it is ready) and by wall clock around goto + Playwright's wait. Median of N runs, each
   in a fresh browser context (cold HTTP cache), then N in one primed context (warm); goal ≤ 1 s.
3. Lighthouse (bench/lighthouse, its own pinned package: `make bench` installs it) with Debian chromium, its
   default mobile profile (simulated slow 4G, 4x CPU slowdown), on /sign-in and on the overview signed in
   (the session cookie sent as a header): the four category scores and the paint times; goal >= 90 each.
4. Every page of the console signed in as a platform admin, with an account, a bucket of 500 objects and
   its figures: the time from navigation start until the page has all it asked for (the last response of
   any kind, read in the page) once it shows its heading and no loader; median of 3 loads, each in a fresh
   context (cold cache) and then warm; goal <= 1 s each.
Run by hand: .venv/bin/python bench/frontend_load.py [runs]   (builds the frontend first if dist is missing)
"""

from __future__ import annotations

import gzip
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path

import httpx2 as httpx
from playwright.sync_api import Browser, BrowserContext, sync_playwright

from coffer.embedded.cluster import LocalCluster
from harness import console_with_admin, cookie_header, provision, service_s3, sign_in_admin, with_services

FRONTEND = Path(__file__).parents[1] / "frontend"
LIGHTHOUSE = Path(__file__).parent / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
PAINTS = {"FCP": "first-contentful-paint", "LCP": "largest-contentful-paint", "TBT": "total-blocking-time"}
PAINTS |= {"CLS": "cumulative-layout-shift"}
DIST = FRONTEND / "dist"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking"]
# Records performance.now() (ms since navigation start) on the first frame the Username field can be typed in.
READY_PROBE = """
(() => {
  const check = () => {
    const field = document.querySelector('input[autocomplete="username"]');
    if (field && !field.disabled && field.getClientRects().length > 0) { window.__usernameReady = performance.now(); }
    else { requestAnimationFrame(check); }
  };
  requestAnimationFrame(check);
})();
"""


class _InitialScripts(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.paths: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "script" and found.get("src"):
            self.paths.append(str(found["src"]))
        elif tag == "link" and found.get("rel") == "modulepreload" and found.get("href"):
            self.paths.append(str(found["href"]))


def _columns(sizes: list[int]) -> str:
    return "".join(f"{size / 1000:>{width}.1f}" for size, width in zip(sizes, (9, 11, 11, 13), strict=True))


def initial_javascript() -> None:
    if not (DIST / "index.html").exists():
        subprocess.run(["npm", "run", "build"], cwd=FRONTEND, check=True)  # noqa: S607
    parser = _InitialScripts()
    parser.feed((DIST / "index.html").read_text())
    print(f"{'initial JavaScript (index.html)':<40}{'raw kB':>9}{'gzip-6 kB':>11}{'gzip-1 kB':>11}{'built br kB':>13}")
    totals = [0, 0, 0, 0]
    for path in parser.paths:
        file = DIST / path.lstrip("/")
        data = file.read_bytes()
        brotli = file.with_name(file.name + ".br")
        built = brotli.stat().st_size if brotli.exists() else len(data)
        sizes = [len(data), len(gzip.compress(data, 6)), len(gzip.compress(data, 1)), built]
        totals = [total + size for total, size in zip(totals, sizes, strict=True)]
        print(f"{path:<40}{_columns(sizes)}")
    summed = _columns(totals)
    print(f"{f'sum of {len(parser.paths)} files':<40}{summed}  (goal <= 180 kB gzip)")


def _open_sign_in(context: BrowserContext) -> tuple[float, float, int, float, float]:
    """In-page ms, wall-clock ms, and the JavaScript files, decoded kB and kB sent the page fetched."""
    page = context.new_page()
    started = time.perf_counter()
    page.goto("/sign-in", wait_until="commit")
    field = page.get_by_label("Username")
    field.wait_for(state="visible")
    page.wait_for_function("() => window.__usernameReady !== undefined")
    assert field.is_enabled()
    wall = (time.perf_counter() - started) * 1000
    in_page = float(page.evaluate("window.__usernameReady"))
    scripts = page.evaluate(
        "performance.getEntriesByType('resource').filter(e => e.name.endsWith('.js'))"
        ".map(e => [e.decodedBodySize, e.encodedBodySize])"
    )
    page.close()
    decoded, sent = sum(script[0] for script in scripts), sum(script[1] for script in scripts)
    return in_page, wall, len(scripts), decoded / 1000, sent / 1000


def sign_in_interactive(runs: int) -> None:
    with console_with_admin(frontend_dist=DIST) as (settings, _), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        print(f"chromium {browser.version}, {runs} runs each, {settings.public_origin}/sign-in")

        def context() -> BrowserContext:
            fresh = browser.new_context(base_url=settings.public_origin)
            fresh.add_init_script(READY_PROBE)
            return fresh

        _open_sign_in(context())  # the server's first answers (file reads, imports) are not a visitor's
        cold: list[tuple[float, float, int, float, float]] = []
        for _ in range(runs):
            fresh = context()
            cold.append(_open_sign_in(fresh))
            fresh.close()
        primed = context()
        _open_sign_in(primed)
        warm = [_open_sign_in(primed) for _ in range(runs)]
        browser.close()
    header = f"{'in-page ms':>12}{'wall ms':>10}{'max in-page':>13}{'JS loaded':>16}{'sent':>10}"
    print(f"{'/sign-in until Username is usable':<36}{header}")
    for name, samples in (("cold (fresh context)", cold), ("warm (same context)", warm)):
        in_page, wall = [sample[0] for sample in samples], [sample[1] for sample in samples]
        files, kilobytes, sent = samples[0][2], samples[0][3], samples[0][4]
        print(
            f"{name:<36}{statistics.median(in_page):>12.0f}{statistics.median(wall):>10.0f}{max(in_page):>13.0f}"
            f"{f'{files} files, {kilobytes:.0f} kB':>16}{f'{sent:.0f} kB':>10}"
        )
    print("(medians; goal <= 1000 ms; in-page = performance.now() from navigation start; JS kB decoded, and sent)")


def _lighthouse(url: str, headers: dict[str, str] | None) -> dict[str, object]:
    flags = "--headless=new --no-sandbox --disable-gpu --disable-background-networking --ignore-certificate-errors"
    command = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        "--output-path=stdout",
        "--quiet",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={flags}",
    ]
    if headers:
        command.append(f"--extra-headers={json.dumps(headers)}")
    environment = {**os.environ, "CHROME_PATH": CHROMIUM}
    done = subprocess.run(command, capture_output=True, text=True, env=environment, timeout=300, check=False)  # noqa: S603
    if done.returncode != 0:
        raise RuntimeError(f"lighthouse failed on {url}: {done.stderr[-1500:]}")
    report: dict[str, object] = json.loads(done.stdout)
    return report


def _print_scores(where: str, origin: str, signed_in: dict[str, str]) -> None:
    for name, path, headers in (("/sign-in", "/sign-in", None), ("/ (overview, signed in)", "/", signed_in)):
        report = _lighthouse(origin + path, headers)
        categories: dict[str, dict[str, float]] = report["categories"]  # type: ignore[assignment]
        audits: dict[str, dict[str, str]] = report["audits"]  # type: ignore[assignment]
        scores = "".join(f"{round(categories[category]['score'] * 100):>16}" for category in CATEGORIES)
        paints = "".join(f"{audits[audit]['displayValue']:>8}" for audit in PAINTS.values())
        print(f"{where:<16}{name:<26}{scores}{paints}")


def lighthouse_scores() -> None:
    """The same two pages from `coffer serve` (HTTP/1.1, as `make run`) and behind nginx (TLS and
    HTTP/2, gzip_static, as an operator deploys it)."""
    if not LIGHTHOUSE.exists():
        print("lighthouse: not installed (cd bench/lighthouse && npm ci)")
        return
    header = "".join(f"{name:>16}" for name in CATEGORIES) + "".join(f"{name:>8}" for name in PAINTS)
    print(f"{'lighthouse, mobile profile':<42}{header}")
    with console_with_admin(frontend_dist=DIST) as (settings, client):
        token = str(client.cookies.get(next(iter(client.cookies.keys()))))
        _print_scores("coffer serve", settings.public_origin, cookie_header(token))
    with tempfile.TemporaryDirectory() as var:
        cluster = LocalCluster(Path(var), frontend=DIST, instances=1)
        cluster.start()
        try:
            with httpx.Client(base_url=cluster.url, verify=str(cluster.tls_certificate)) as client:
                token = sign_in_admin(client, cluster.settings(), secure=True)
            _print_scores("nginx (h2)", cluster.url, cookie_header(token, secure=True))
        finally:
            cluster.stop()
    print("(goal >= 90 in each category on both pages)")


# The page has all it asked for: ms from navigation start to the end of the last response.
_LAST_RESPONSE = "() => Math.max(...performance.getEntriesByType('resource').map((entry) => entry.responseEnd), 0)"


def _load(context: BrowserContext, path: str) -> float:
    page = context.new_page()
    page.goto(path, wait_until="commit")
    page.locator("main h1").first.wait_for(state="visible")
    page.wait_for_load_state("networkidle")
    page.locator(".mantine-Loader-root").first.wait_for(state="hidden")
    loaded = float(page.evaluate(_LAST_RESPONSE))
    page.close()
    return loaded


def page_loads() -> None:
    account_id = "loadco"
    with console_with_admin(frontend_dist=DIST) as (settings, client):
        with_services(settings, lambda services: provision(services, account_id, f"ops@{account_id}.example.com"))
        s3, bucket = service_s3(settings), f"{account_id}-data"
        s3.create_bucket(Bucket=bucket)
        for number in range(500):
            s3.put_object(Bucket=bucket, Key=f"reports/{number:04}.csv", Body=b"x" * 2_000)
        token = str(client.cookies.get(next(iter(client.cookies.keys()))))
        cookie = {"name": next(iter(client.cookies.keys())), "value": token, "url": settings.public_origin}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            _time_pages(browser, settings.public_origin, cookie, account_id, bucket)


def _time_pages(browser: Browser, origin: str, cookie: dict[str, str], account_id: str, bucket: str) -> None:
    account = f"/accounts/{account_id}"
    paths = ["/", "/accounts", account, f"{account}/users", f"{account}/buckets", f"{account}/buckets/{bucket}"]
    paths += [f"{account}/usage", f"{account}/share-links", "/account-requests", "/platform-users", "/usage"]
    paths += ["/security-policy", "/audit", "/outbox", "/profile", "/notifications"]
    print(f"{'page fully loaded, ms':<44}{'cold':>8}{'warm':>8}")
    warm_context = browser.new_context(base_url=origin)
    warm_context.add_cookies([cookie])  # type: ignore[list-item]
    worst = 0.0
    for path in paths:
        cold = []
        for _ in range(3):
            fresh = browser.new_context(base_url=origin)
            fresh.add_cookies([cookie])  # type: ignore[list-item]
            cold.append(_load(fresh, path))
            fresh.close()
        _load(warm_context, path)
        warm = statistics.median(_load(warm_context, path) for _ in range(3))
        worst = max(worst, statistics.median(cold))
        print(f"{path:<44}{statistics.median(cold):>8.0f}{warm:>8.0f}")
    browser.close()
    print(f"(medians of 3; slowest cold page {worst:.0f} ms; goal <= 1000 ms on loopback)")


if __name__ == "__main__":
    initial_javascript()
    sign_in_interactive(int(sys.argv[1]) if len(sys.argv) > 1 else 10)
    page_loads()
    lighthouse_scores()
