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
  return { context, page, faults };
}

/** Asserts that the page does not scroll sideways; `what` names it in the message. */
export async function assertNoSidewaysScroll(page, what = "the page") {
  const { overflow, width } = await page.evaluate(() => ({
    overflow: document.documentElement.scrollWidth - window.innerWidth,
    width: window.innerWidth,
  }));
  if (overflow > 0) throw new Error(`${what} is ${overflow} px wider than the ${width} px screen`);
}
