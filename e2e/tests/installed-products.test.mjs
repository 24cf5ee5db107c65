// The installed base in the browser: a Manager filters to CT, opens a
// product, renames it and finds the new name in the list; a Viewer gets no
// edit control. Tiles on the home page lead to filtered lists.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useServerAndBrowser } from "../lib/fixture.mjs";
import { assertNoSidewaysScroll } from "../lib/browser.mjs";

const portal = useServerAndBrowser();

/** Product numbers shown in the list (table rows on a wide screen, cards on a phone). */
async function listedNumbers(page) {
  // After a filter change the old rows stay (marked busy) until the new answer.
  await page.locator('.results[aria-busy="false"]').waitFor();
  const rows = page.locator("tr.product-row span.product-number, li.product-card span.product-number");
  await rows.first().waitFor();
  return (await rows.allTextContents()).map((t) => t.trim());
}

test("a Manager filters to CT, renames a product and sees the new name in the list", () =>
  portal.withPage({ user: "dk.manager", locale: "en-GB" }, async ({ page }) => {
    await page.goto(`${portal.baseUrl}/installed-products`);
    await page.locator("form.product-filters").waitFor();
    await page.locator("select#filter-modality").selectOption("ct");
    await page.waitForURL(/modality=ct/);
    assert.deepEqual(await listedNumbers(page), ["IP-40020002"]);

    // The filter lives in the URL: a reload shows the same list.
    await page.reload();
    assert.deepEqual(await listedNumbers(page), ["IP-40020002"]);
    assert.equal(await page.locator("select#filter-modality").inputValue(), "ct");

    await page.locator("a.product-link").first().click();
    await page.locator("h1.product-title").waitFor();
    assert.match(await page.locator("h1.product-title").textContent(), /Spectral CT 7500/);
    await page.locator("#custom-name").fill("CT 1 (spectral)");
    await page.locator("form.custom-details button[type=submit]").click();
    await page.locator("p.form-success[role=status]").waitFor();
    await page.locator("h1.product-title", { hasText: "CT 1 (spectral)" }).waitFor();

    await page.goBack();
    await page.locator("a.product-link", { hasText: "CT 1 (spectral)" }).waitFor();
  }));

test("a Viewer sees the product but no edit control", () =>
  portal.withPage({ user: "nl.viewer" }, async ({ page }) => {
    await page.goto(`${portal.baseUrl}/installed-products?modality=mr`);
    const numbers = await listedNumbers(page);
    assert.deepEqual(numbers, ["IP-40010001", "IP-40010010"]);
    await page.locator("a.product-link").first().click();
    await page.locator("h1.product-title").waitFor();
    assert.equal(await page.locator("form.custom-details").count(), 0);
  }));

test("home tiles lead to the filtered lists and expiry badges carry text", () =>
  portal.withPage({ user: "nl.manager", viewport: { width: 390, height: 844 } }, async ({ page }) => {
    await page.locator("a.tile").first().waitFor();
    const down = page.locator('a.tile[href*="operational_state=down"]').first();
    await down.click();
    await page.waitForURL(/operational_state=down/);
    const numbers = await listedNumbers(page);
    assert.ok(numbers.includes("IP-40010001"), `the down MR is listed: ${numbers}`);

    await page.goto(`${portal.baseUrl}/contracts?expiry=red`);
    const badge = page.locator("span.expiry-badge.expiry-red").first();
    await badge.waitFor();
    assert.ok((await badge.textContent()).trim().length > 0, "a colour badge without text");
    await assertNoSidewaysScroll(page, "the contracts page");
  }));
