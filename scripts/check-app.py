#!/usr/bin/env python3
"""Uses `huisclos app` as a person would, in headless Chromium, and runs axe-core on every screen.

Usage: check-app.py ENTRY_URL SCREENSHOT_FOLDER

ENTRY_URL is the address `huisclos app` printed (with its launch secret), over a device holding
séance s1 with an agenda and the Markdown dossier `cadrage` (Tests/HuisClosClientTests/LocalAppTests.swift
builds that council). The browser resolves the address's own name (`h<128-bit hex>.localhost`,
without DNS), exchanges the secret for the session cookie, then:
- checks that another program listening on 127.0.0.1 or localhost (another port) never receives
  the session cookie when the browser goes there;
- opens Accueil, Séances, the convocation of s1, Dossiers and the dossier `cadrage`, runs axe-core
  (from PyPI axe-playwright-python, as scripts/check-public-site.py) on each: no violation of impact
  "serious" or "critical"; saves a screenshot of each (app-NAME.png) in SCREENSHOT_FOLDER;
- checks that opening the convocation acknowledged its reading (no acknowledgement form left);
- answers the convocation with the keyboard alone (Tab to the choices, arrows to « excusé·e »,
  Tab to the button, Enter) and checks the page says the answer was recorded;
- checks that every resource a page loaded came from the app's own address;
- opens the PDF dossier `budget` (two pages): the page's canvas gets drawn (dark pixels of the page)
  with the watermark over it (its red pixels, some over the page's black band), the canvas names
  the page and the watermark, « Page suivante » draws page 2 with the keyboard alone, and the
  browser reports no Content-Security-Policy violation;
- searches « important » from Accueil's header field and opens the hit with the keyboard alone;
- adds a private note on `cadrage` with the keyboard alone, sees it listed, and runs axe-core there.

Exits 0 when every check passes, 1 otherwise, 2 when a tool is missing (run scripts/setup.sh).
"""
import http.server
import pathlib
import re
import sys
import threading
import time
import urllib.parse

SCREENS = [("accueil", "/"), ("seances", "/seances"), ("seance", "/seances/s1"), ("dossiers", "/dossiers"),
           ("dossier", "/dossiers/council/cadrage"), ("pdf", "/dossiers/council/budget"), ("recherche", "/recherche"), ("appareils", "/appareils")]


def missing(what):
    print(f"check-app: {what} is missing: run bash scripts/setup.sh", file=sys.stderr)
    sys.exit(2)


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    entry, shots = sys.argv[1], pathlib.Path(sys.argv[2])
    shots.mkdir(parents=True, exist_ok=True)
    try:
        import axe_playwright_python
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
        from selenium.webdriver.common.by import By
        from selenium.webdriver.common.keys import Keys
        from selenium.webdriver.common.action_chains import ActionChains
    except ImportError:
        missing("selenium or axe-playwright-python")
    axe = (pathlib.Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()
    parts = urllib.parse.urlsplit(entry)
    base = f"{parts.scheme}://{parts.netloc}"
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1200,900",
                     "--lang=fr-FR"]:
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    failures = 0
    if not re.fullmatch(r"h[0-9a-f]{32}\.localhost", parts.hostname or ""):
        print(f"check-app: the address is not on a name of its own (h<128-bit hex>.localhost): {parts.hostname}")
        failures += 1
    try:
        driver.get(entry)
        if driver.current_url != base + "/":
            print(f"check-app: the secret was not exchanged for the cookie (at {driver.current_url})")
            return 1
        failures += cookie_stays_home(driver)
        for name, path in SCREENS:
            driver.get(base + path)
            if name == "pdf":
                failures += pdf_drawn(driver, By)
            if name == "recherche":
                failures += search_by_form(driver, base, By, Keys)
            failures += axe_check(driver, axe, name)
            resources = driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
            outside = [r for r in resources if not r.startswith(base + "/")]
            if outside:
                print(f"check-app: {name} loaded from elsewhere: {outside}")
                failures += 1
            if name == "seance" and driver.find_elements(By.CSS_SELECTOR, "form[action$='/lecture']"):
                print("check-app: opening the convocation did not acknowledge its reading")
                failures += 1
            driver.save_screenshot(str(shots / f"app-{name}.png"))
        failures += answer_with_keyboard(driver, base, By, Keys, ActionChains)
        failures += next_page_with_keyboard(driver, base, By, Keys, ActionChains)
        failures += search_with_keyboard(driver, base, By, Keys, ActionChains)
        failures += note_with_keyboard(driver, base, By, Keys, ActionChains)
        failures += axe_check(driver, axe, "notes")
        driver.save_screenshot(str(shots / "app-notes.png"))
        failures += csp_violations(driver)
    finally:
        driver.quit()
    print(f"check-app: {'OK' if failures == 0 else f'{failures} failure(s)'}")
    return 0 if failures == 0 else 1


def axe_check(driver, axe, name):
    """axe-core on the page shown: the number of serious or critical violations (each printed)."""
    # axe-core is injected through WebDriver: the app's CSP allows no script but its own files.
    driver.execute_script(axe)
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']})"
        ".then(r => done(r.violations)).catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}]));")
    serious = [v for v in result if v.get("impact") in ("serious", "critical")]
    for violation in result:
        print(f"axe: {name}: {violation['impact']}: {violation['id']}: {violation['help']} ({len(violation['nodes'])} node(s))")
    print(f"axe: {name}: {len(serious)} serious/critical, {len(result) - len(serious)} other")
    return len(serious)


class CookieWitness(http.server.BaseHTTPRequestHandler):
    """Another program on this machine: records the cookies browsers send it."""
    seen = []

    def do_GET(self):
        CookieWitness.seen.append(self.headers.get("Cookie") or "")
        body = b"<!DOCTYPE html><html lang='fr'><head><title>autre</title></head><body><p>autre programme</p></body></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *arguments):
        pass


def cookie_stays_home(driver):
    """Visits another server on 127.0.0.1 (another port) by its address and as localhost: the
    browser must not hand it the app's session cookie (browsers keep cookies by name, not port)."""
    witness = http.server.HTTPServer(("127.0.0.1", 0), CookieWitness)
    threading.Thread(target=witness.serve_forever, daemon=True).start()
    port = witness.server_address[1]
    try:
        for url in [f"http://127.0.0.1:{port}/", f"http://localhost:{port}/"]:
            driver.get(url)
    finally:
        witness.shutdown()
    leaked = [c for c in CookieWitness.seen if "huisclos_session" in c]
    if len(CookieWitness.seen) < 2 or leaked:
        print(f"check-app: another program on 127.0.0.1 received the session cookie ({len(CookieWitness.seen)} visits, {len(leaked)} with it)")
        return 1
    print("check-app: another program on 127.0.0.1 received no session cookie")
    return 0


# Counts, on the page's canvas, the dark pixels (the page's black band and text), the watermark's
# red pixels, and the red pixels over the black band (the watermark drawn over the page).
PIXELS = """
const canvas = document.getElementById('pdf-page');
const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
let dark = 0, red = 0, redOverDark = 0;
for (let i = 0; i < data.length; i += 4) {
  const r = data[i], g = data[i + 1], b = data[i + 2];
  if (r - g > 60 && r - b > 60) { red++; if (r < 140) { redOverDark++; } }
  else if (r < 60 && g < 60 && b < 60) { dark++; }
}
return {dark: dark, red: red, redOverDark: redOverDark, total: data.length / 4, hidden: canvas.hidden,
        label: canvas.getAttribute('aria-label'), watermark: document.getElementById('lecteur-pdf').dataset.watermark};
"""


def wait_hits(driver, By):
    """The search's hits (at most 10 s): a form's POST commits its address before the page is read."""
    hits, _ = after_navigation(lambda: driver.find_elements(By.CSS_SELECTOR, "ol.hits a"), bool, seconds=10)
    return hits or []


def wait_drawn(driver, page):
    """Waits (at most 30 s) until the reader says it drew `page`."""
    for _ in range(300):
        drawn = driver.execute_script("const v = document.getElementById('lecteur-pdf'); return v ? v.dataset.drawn || '' : ''")
        if drawn == str(page):
            return True
        time.sleep(0.1)
    return False


def after_navigation(read, accept, seconds=30):
    """What `read()` returns once `accept` takes it (at most `seconds`): a form's POST or a link's Enter
    returns before the browser has loaded the next page, so the old page must not be read as the answer."""
    value = None
    for _ in range(seconds * 10):
        try:
            value = read()
        except Exception:  # the element went stale as the page changed: read the new one
            value = None
        if value is not None and accept(value):
            return value, True
        time.sleep(0.1)
    return value, False


def pdf_drawn(driver, By):
    """The first page of the PDF dossier drawn on the canvas, the watermark over it."""
    if not wait_drawn(driver, 1):
        state = [e.text for e in driver.find_elements(By.ID, "pdf-etat")]
        print(f"check-app: the PDF's first page was not drawn within 30 s ({state!r})")
        return 1
    pixels = driver.execute_script(PIXELS)
    total = pixels["total"]
    print(f"check-app: pdf page 1: {pixels['dark']} dark, {pixels['red']} watermark ({pixels['redOverDark']} over the page's band) of {total} pixels;"
          f" label « {pixels['label']} »")
    failures = 0
    if pixels["hidden"] or pixels["dark"] < total * 0.02:
        print("check-app: the PDF's page is not drawn on the canvas")
        failures += 1
    if pixels["red"] < total * 0.005 or pixels["redOverDark"] < 100:
        print("check-app: the watermark is not drawn over the page")
        failures += 1
    if not pixels["watermark"] or pixels["watermark"] not in pixels["label"] or "Page 1 sur 2" not in pixels["label"]:
        print("check-app: the canvas does not name its page and watermark")
        failures += 1
    if failures == 0:
        print(f"check-app: pdf page 1 drawn under the watermark « {pixels['watermark']} »")
    return failures


def next_page_with_keyboard(driver, base, By, Keys, ActionChains):
    """Goes to the PDF's second page with Tab and Enter only."""
    driver.get(base + "/dossiers/council/budget")
    if not wait_drawn(driver, 1):
        print("check-app: the PDF's first page was not drawn (keyboard run)")
        return 1
    button = driver.find_element(By.ID, "pdf-suivante")
    actions = ActionChains(driver)
    for _ in range(40):
        actions.send_keys(Keys.TAB).perform()
        if driver.switch_to.active_element == button:
            break
    else:
        print("check-app: « Page suivante » is not reachable with Tab")
        return 1
    actions.send_keys(Keys.ENTER).perform()
    if not wait_drawn(driver, 2):
        print("check-app: Enter on « Page suivante » did not draw page 2")
        return 1
    pixels = driver.execute_script(PIXELS)
    if "Page 2 sur 2" not in pixels["label"] or pixels["redOverDark"] < 100 or pixels["dark"] < pixels["total"] * 0.02:
        print(f"check-app: page 2 not drawn under its watermark ({pixels})")
        return 1
    print("check-app: pdf page 2 drawn under the watermark with the keyboard alone")
    return 0


def search_by_form(driver, base, By, Keys):
    """Searches « important » from the search page: the words go in the form's body, never in the address."""
    field = driver.find_element(By.ID, "recherche")
    field.send_keys("important")
    field.send_keys(Keys.ENTER)
    if not wait_hits(driver, By) or driver.current_url != base + "/recherche":
        print(f"check-app: the search form gave no hit, or put the words in the address ({driver.current_url})")
        return 1
    return 0


def search_with_keyboard(driver, base, By, Keys, ActionChains):
    """From Accueil, searches « important » and opens the hit with Tab, typing and Enter only."""
    driver.get(base + "/")
    actions = ActionChains(driver)
    for _ in range(20):
        actions.send_keys(Keys.TAB).perform()
        if driver.switch_to.active_element.get_attribute("name") == "q":
            break
    else:
        print("check-app: the search field is not reachable with Tab")
        return 1
    actions.send_keys("important").send_keys(Keys.ENTER).perform()
    hit = wait_hits(driver, By)
    if driver.current_url != base + "/recherche" or not hit:
        print(f"check-app: the search gave no hit ({driver.current_url})")
        return 1
    for _ in range(40):
        actions.send_keys(Keys.TAB).perform()
        if driver.switch_to.active_element == hit[0]:
            break
    else:
        print("check-app: the search's hit is not reachable with Tab")
        return 1
    actions.send_keys(Keys.ENTER).perform()
    _, opened = after_navigation(
        lambda: (driver.current_url, driver.find_element(By.TAG_NAME, "main").text),
        lambda page: page[0].startswith(base + "/dossiers/council/cadrage") and "important" in page[1])
    if not opened:
        print(f"check-app: Enter on the hit did not open the dossier ({driver.current_url})")
        return 1
    print("check-app: searched and opened the hit with the keyboard alone")
    return 0


def note_with_keyboard(driver, base, By, Keys, ActionChains):
    """Adds a private note on the dossier `cadrage` with Tab, typing and Enter only; it is then listed."""
    driver.get(base + "/dossiers/council/cadrage")
    actions = ActionChains(driver)
    for _ in range(60):
        actions.send_keys(Keys.TAB).perform()
        if driver.switch_to.active_element.get_attribute("name") == "emplacement":
            break
    else:
        print("check-app: the note's location field is not reachable with Tab")
        return 1
    actions.send_keys("p. 2").send_keys(Keys.TAB).send_keys("Chiffre à vérifier au clavier").perform()
    button = driver.find_element(By.CSS_SELECTOR, "form[action$='/notes'] button")
    for _ in range(10):
        actions.send_keys(Keys.TAB).perform()
        if driver.switch_to.active_element == button:
            break
    else:
        print("check-app: the note's button is not reachable with Tab")
        return 1
    actions.send_keys(Keys.ENTER).perform()
    listed, added = after_navigation(
        lambda: driver.execute_script("return Array.from(document.querySelectorAll('ul.notes li'), li => li.innerText)"),
        lambda texts: any("Chiffre à vérifier au clavier" in text and "p. 2" in text for text in texts))
    if not added:
        print(f"check-app: the note added with the keyboard is not listed within 30 s ({listed})")
        return 1
    print("check-app: added a note with the keyboard alone")
    return 0


def csp_violations(driver):
    """The browser's console: any Content-Security-Policy refusal (a script, the worker, a fetch) fails."""
    refused = [entry["message"] for entry in driver.get_log("browser") if "Content Security Policy" in entry["message"]]
    for message in refused:
        print(f"check-app: CSP violation: {message}")
    if not refused:
        print("check-app: no Content-Security-Policy violation")
    return len(refused)


def answer_with_keyboard(driver, base, By, Keys, ActionChains):
    """Answers the convocation of s1 « excusé·e » with Tab, Space and Enter only."""
    driver.get(base + "/seances/s1")
    choice = driver.find_element(By.ID, "reponse-excused")
    actions = ActionChains(driver)
    # Tab reaches the radio group; the arrow keys move within it (and select), as in any form.
    for _ in range(40):
        actions.send_keys(Keys.TAB).perform()
        if driver.switch_to.active_element.get_attribute("name") == "reponse":
            break
    else:
        print("check-app: the answer's choices are not reachable with Tab")
        return 1
    for _ in range(3):
        if driver.switch_to.active_element == choice:
            break
        actions.send_keys(Keys.ARROW_DOWN).perform()
    actions.send_keys(Keys.SPACE).perform()
    if not choice.is_selected():
        print("check-app: the « excusé·e » choice cannot be selected with the keyboard")
        return 1
    button = driver.find_element(By.CSS_SELECTOR, "form[action$='/reponse'] button")
    for _ in range(10):
        actions.send_keys(Keys.TAB).perform()
        if driver.switch_to.active_element == button:
            break
    else:
        print("check-app: the answer's button is not reachable with Tab")
        return 1
    actions.send_keys(Keys.ENTER).perform()
    _, recorded = after_navigation(
        lambda: (driver.find_element(By.TAG_NAME, "body").text, driver.find_element(By.ID, "reponse-excused").is_selected()),
        lambda page: "Réponse enregistrée" in page[0] and page[1])
    if not recorded:
        print("check-app: the keyboard answer was not recorded")
        return 1
    print("check-app: answered « excusé·e » with the keyboard alone")
    return 0


if __name__ == "__main__":
    sys.exit(main())
