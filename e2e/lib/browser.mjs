// Debian's Chromium driven by playwright-core, headless, with the flags this
// closed network needs (no background connections to Google).
import { chromium } from "playwright-core";

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/**
 * A page that records what would break the app for a user: uncaught errors
 * (a wasm panic surfaces here) and Content-Security-Policy refusals.
 * HTTP error statuses the app handles (401 on a wrong password) are not faults.
 */
export async function openPage(browser, { viewport = { width: 1280, height: 800 }, locale = "en-GB" } = {}) {
  const context = await browser.newContext({ viewport, locale });
  const page = await context.newPage();
  const faults = [];
  page.on("pageerror", (err) => faults.push(`page error: ${err.message}`));
  page.on("console", (msg) => {
    if (msg.type() === "error" && !msg.text().startsWith("Failed to load resource")) {
      faults.push(`console error: ${msg.text()}`);
    }
  });
  return { context, page, faults, requests: requestTrail(page) };
}

/**
 * What the page asked of the network and did not get: the requests still
 * open, and those that failed (an aborted navigation's among them, so not
 * faults). Read when a step times out, to tell a server that did not answer
 * from an app that did not ask.
 */
function requestTrail(page) {
  const open = new Map();
  const failed = [];
  page.on("request", (request) => open.set(request, Date.now()));
  page.on("requestfinished", (request) => open.delete(request));
  page.on("requestfailed", (request) => {
    open.delete(request);
    failed.push(`${request.method()} ${request.url()}: ${request.failure()?.errorText}`);
  });
  return {
    describe() {
      const now = Date.now();
      const waiting = [...open].map(([r, since]) => `${r.method()} ${r.url()} (${now - since} ms)`);
      return `requests still open: ${JSON.stringify(waiting)}; failed: ${JSON.stringify(failed)}`;
    },
  };
}

/** Asserts that the page does not scroll sideways; `what` names it in the message. */
export async function assertNoSidewaysScroll(page, what = "the page") {
  const { overflow, width } = await page.evaluate(() => ({
    overflow: document.documentElement.scrollWidth - window.innerWidth,
    width: window.innerWidth,
  }));
  if (overflow > 0) throw new Error(`${what} is ${overflow} px wider than the ${width} px screen`);
}

/**
 * On a phone, a page that is not on the bottom bar: its nav link (`navLink`)
 * is there but hidden, and the settings page links to it from its section
 * (`section`, by its heading's id) with `linkText`. Follows that link.
 */
export async function openFromSettings(page, { navLink, section, linkText }) {
  await page.locator(`nav.main-nav ${navLink}`).waitFor({ state: "attached" });
  if (await page.locator(`nav.main-nav ${navLink}`).isVisible()) {
    throw new Error(`${navLink} is on the bottom bar`);
  }
  await page.locator("a.settings-link").click();
  await page.locator(`section[aria-labelledby=${section}] a`, { hasText: linkText }).click();
}

/**
 * Opens `url` as a user who may not see it: the page says so in place of
 * the content, and none of `absent` (selectors: its content, its nav link)
 * is on it.
 */
export async function assertRefused(page, url, absent) {
  await page.goto(url);
  await page.locator("main p.page-error[role=alert]").waitFor();
  for (const selector of absent) {
    if ((await page.locator(selector).count()) > 0) throw new Error(`${selector} is on the refused page ${url}`);
  }
}
