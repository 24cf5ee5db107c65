// The global search in the banner of every signed-in page: type-ahead from
// two characters, a list of hits (a combobox with a listbox), the keyboard
// (ArrowDown, Enter, Escape) and the mouse, and the phone's 360 px.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useServerAndBrowser } from "../lib/fixture.mjs";
import { assertNoSidewaysScroll } from "../lib/browser.mjs";
import { fillCaseForm, openCaseForm, submitCase } from "../lib/cases.mjs";

const portal = useServerAndBrowser();

// The demo installed product IP-40010001 has serial number SN40010001: part
// of it ("N40010001") is in no product or case number, so the product is
// found by its serial and its cases through their product's serial.
const PRODUCT = "IP-40010001";
const PART_OF_SERIAL = "N40010001";

/** Types `text` key by key into the banner's search box and waits for the list of hits. */
async function search(page, text) {
  const box = page.locator("header input.global-search");
  await box.fill("");
  await box.pressSequentially(text, { delay: 40 });
  await page.locator("#search-results[role=listbox] li[role=option]").first().waitFor();
  assert.equal(await box.getAttribute("aria-expanded"), "true");
  return box;
}

/** Presses ArrowDown until the hit with `text` is highlighted; returns its option. */
async function highlight(page, box, text) {
  const options = page.locator("#search-results li[role=option]");
  const texts = await options.allTextContents();
  const index = texts.findIndex((t) => t.includes(text));
  assert.ok(index >= 0, `"${text}" is among the hits: ${texts.join(" | ")}`);
  for (let i = 0; i <= index; i += 1) await box.press("ArrowDown");
  const option = options.nth(index);
  assert.equal(await option.getAttribute("aria-selected"), "true");
  assert.equal(await box.getAttribute("aria-activedescendant"), await option.getAttribute("id"));
  return option;
}

test("a User finds a case and its product by part of the serial, and opens them with the keyboard", () =>
  portal.withPage({ user: "nl.user" }, async ({ page }) => {
    await page.locator("header input.global-search").waitFor();
    await openCaseForm(page, PRODUCT);
    await fillCaseForm(page, { priority: 4, description: "Table will not lower after the search test" });
    const number = await submitCase(page);

    const box = await search(page, PART_OF_SERIAL);
    assert.match(await box.getAttribute("placeholder"), /\S/);
    const hits = page.locator("#search-results li[role=option]");
    const caseHit = hits.filter({ hasText: number });
    await caseHit.waitFor();
    // Its product's number is its detail; the time it was opened is in GMT.
    assert.match(await caseHit.textContent(), new RegExp(`${PRODUCT}.*\\d{2}:\\d{2}( [AP]M)? GMT`));
    const productHit = hits.filter({ has: page.locator(".search-number", { hasText: PRODUCT }) });
    await productHit.waitFor();
    assert.match(await productHit.textContent(), /SN40010001/);

    // Escape closes the list and keeps the text.
    await box.press("Escape");
    await page.locator("#search-results").waitFor({ state: "hidden" });
    assert.equal(await box.getAttribute("aria-expanded"), "false");
    assert.equal(await box.inputValue(), PART_OF_SERIAL);
    assert.equal(await box.getAttribute("aria-activedescendant"), null);

    // ArrowDown opens it again; Enter opens the highlighted case.
    await highlight(page, box, number);
    await box.press("Enter");
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    await page.locator("h1.case-title", { hasText: "Table will not lower" }).waitFor();
    assert.equal((await page.locator("span.case-number").first().textContent()).trim(), number);
    assert.equal(await box.inputValue(), "");

    // The product, from the case's page.
    await search(page, PART_OF_SERIAL);
    await highlight(page, box, "SN40010001");
    await box.press("Enter");
    await page.waitForURL(/\/installed-products\/[0-9a-f-]{36}$/);
    await page.locator("h1.product-title").waitFor();
    assert.match(await page.locator("main").textContent(), new RegExp(PRODUCT));
  }));

test("only the latest query's answer shows, and a search without hits says so", () =>
  portal.withPage({ user: "nl.user" }, async ({ page }) => {
    const box = page.locator("header input.global-search");
    // One character asks nothing.
    await box.fill("S");
    await page.waitForTimeout(400);
    assert.equal(await box.getAttribute("aria-expanded"), "false");
    assert.equal(await page.locator(".search-message").count(), 0);

    // A slow answer to an earlier query, which has hits, arrives after the
    // answer to the latest, which has none: it is not shown.
    await page.route(/\/api\/v1\/search\?q=SN/, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await route.continue();
    });
    const slow = page.waitForRequest(/\/api\/v1\/search\?q=SN4001000&/);
    const slowAnswer = page.waitForResponse(/\/api\/v1\/search\?q=SN4001000&/);
    await box.pressSequentially("N4001000", { delay: 20 });
    await slow;
    await box.fill("nothing-is-called-this");
    const message = page.locator(".search-status .search-message");
    await message.waitFor();
    await page.waitForFunction(() => !document.querySelector(".search-status").textContent.includes("…"));
    const noResults = await message.textContent();
    assert.match(noResults, /\S/);
    await slowAnswer;
    await page.waitForTimeout(300);
    assert.equal(await page.locator("#search-results li[role=option]").count(), 0);
    assert.equal(await box.getAttribute("aria-expanded"), "false");
    assert.equal(await message.textContent(), noResults);
  }));

test("on a 360 px phone the box has a row of its own and a hit opens with a tap", () =>
  portal.withPage({ user: "nl.user", viewport: { width: 360, height: 740 } }, async ({ page }) => {
    const box = page.locator("header input.global-search");
    const { width } = await box.boundingBox();
    assert.ok(width >= 300, `the box is ${width} px wide`);
    await search(page, PART_OF_SERIAL);
    await assertNoSidewaysScroll(page, "the home page with the search's hits");
    const results = await page.locator("#search-results").boundingBox();
    assert.ok(results.x >= 0 && results.x + results.width <= 360, "the hits fit the screen");
    await page
      .locator("#search-results li[role=option]")
      .filter({ has: page.locator(".search-number", { hasText: PRODUCT }) })
      .click();
    await page.waitForURL(/\/installed-products\/[0-9a-f-]{36}$/);
    await page.locator("h1.product-title").waitFor();
    await assertNoSidewaysScroll(page, "the product page");
  }));
