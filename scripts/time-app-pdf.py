#!/usr/bin/env python3
"""Times a PDF dossier's first page in `huisclos app`, in headless Chromium (run by hand).

Usage: time-app-pdf.py ENTRY_URL DOSSIER_PATH RUNS

Opens ENTRY_URL (the address `huisclos app` printed), then RUNS times DOSSIER_PATH (a PDF
dossier's page, e.g. /dossiers/council/grand): the time from the navigation's start to the reader
saying it drew page 1 under the watermark, polled every 10 ms. Prints each run, the median and the
slowest. Exits 1 when a run does not draw within 60 s, 2 when a tool is missing.
"""
import statistics
import sys
import time
import urllib.parse


def main():
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    entry, path, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        print("time-app-pdf: selenium is missing: run bash scripts/setup.sh", file=sys.stderr)
        return 2
    parts = urllib.parse.urlsplit(entry)
    base = f"{parts.scheme}://{parts.netloc}"
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1200,900"]:
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    times = []
    try:
        driver.get(entry)
        for run in range(runs):
            driver.set_page_load_timeout(60)
            driver.get(base + path)
            drawn = None
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                drawn = driver.execute_script(
                    "const v = document.getElementById('lecteur-pdf');"
                    "return v && v.dataset.drawn === '1' ? performance.now() : null")
                if drawn is not None:
                    break
                time.sleep(0.01)
            if drawn is None:
                print(f"time-app-pdf: run {run + 1}: page 1 not drawn within 60 s")
                return 1
            times.append(drawn)
            print(f"time-app-pdf: run {run + 1}: page 1 drawn {drawn:.0f} ms after the navigation started")
    finally:
        driver.quit()
    print(f"time-app-pdf: median {statistics.median(times):.0f} ms, slowest {max(times):.0f} ms over {len(times)} runs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
