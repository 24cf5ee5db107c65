// Service cases in the browser, the workflows of domain.md: a support request
// from an installed product's page, a part ID request on a phone, a bench
// repair followed by its shipment tracking number. Viewers get no create
// control; priority 1 names the contact centre before the case is sent.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useServerAndBrowser } from "../lib/fixture.mjs";
import { assertNoSidewaysScroll } from "../lib/browser.mjs";
import { fillBenchRepair, fillCaseForm, submitCase } from "../lib/cases.mjs";

const portal = useServerAndBrowser();

/** Opens the new-case form from an installed product's page, found through the list's search. */
async function openCaseFormOnProductPage(page, number) {
  await page.goto(`${portal.baseUrl}/installed-products?q=${number}`);
  await page.locator("a.product-link").first().click();
  await page.locator("h1.product-title").waitFor();
  await page.locator("a.create-case").click();
  await page.locator("form.case-form").waitFor();
}

test("support request: a User logs a case from the product's page and comments on it", () =>
  portal.withPage({ user: "nl.user" }, async ({ page }) => {
    await openCaseFormOnProductPage(page, "IP-40010002");
    // The product is preselected: no search needed.
    assert.match(await page.locator("form.case-form").textContent(), /IP-40010002/);
    await fillCaseForm(page, { priority: 4, description: "Console freezes when exporting to PACS" });
    await page.locator("#case-customer-reference").fill("RAD-7781");
    const number = await submitCase(page);
    await page.locator("h1.case-title", { hasText: "Console freezes" }).waitFor();
    await page.locator("span.status-badge.status-new").waitFor();

    await page.locator("#comment-text").fill("It happens with studies above 2,000 images.");
    await page.locator("form.add-comment button[type=submit]").click();
    await page.locator("ol.timeline li.activity", { hasText: "2,000 images" }).waitFor();
    assert.equal(await page.locator("ol.timeline li.activity").count(), 2);

    // The case is in "my cases".
    await page.locator("a.nav-cases").first().click();
    await page.locator("#filter-mine").check();
    await page.locator("a.case-link", { hasText: number }).waitFor();
  }));

test("part ID request on a phone: pick the product, describe the part", () =>
  portal.withPage({ user: "dk.manager", viewport: { width: 390, height: 844 } }, async ({ page }) => {
    await page.goto(`${portal.baseUrl}/cases`);
    await page.locator("a.create-case").first().click();
    await page.locator("#case-product-search").fill("IP-40020004");
    await page.locator("li.product-choice button").first().click();
    await fillCaseForm(page, {
      priority: 5,
      kind: "part_id_request",
      description: "Which cable is this? Photo of the connector follows.",
    });
    await submitCase(page);
    await assertNoSidewaysScroll(page, "the case page");
  }));

test("bench repair: the device's details, then the shipment's tracking number", () =>
  portal.withPage({ user: "nl.manager" }, async ({ page }) => {
    await fillBenchRepair(page, "IP-40010002", { serial: "ECG-55102" });
    await submitCase(page);

    await page.locator("#tracking-carrier").fill("DHL");
    await page.locator("#tracking-number").fill("JD014600003828");
    await page.locator("form.add-tracking button[type=submit]").click();
    await page.locator("ol.timeline li.activity", { hasText: "JD014600003828" }).waitFor();
  }));

test("priority 1 names the contact centre before sending, and patient data needs a confirmation", () =>
  portal.withPage({ user: "nl.user" }, async ({ page }) => {
    await openCaseFormOnProductPage(page, "IP-40010002");
    await page.locator('input[name=priority][value="1"]').check();
    const notice = page.locator("p.critical-notice");
    await notice.waitFor();
    assert.match(await notice.textContent(), /\+31/);

    await page.locator("#case-description").fill("Artefacts on the scan of patient J. Jansen, born 12-03-1954");
    await page.locator("form.case-form button[type=submit]").click();
    await page.locator("#confirm-no-patient-data").waitFor();
    assert.equal(await page.locator("p.form-success").count(), 0, "nothing was created yet");
    await page.locator("#case-description").fill("Artefacts on thin-slice scans since this morning");
    await submitCase(page);
  }));

test("a Viewer sees cases but no control to create one", () =>
  portal.withPage({ user: "nl.viewer" }, async ({ page }) => {
    await page.goto(`${portal.baseUrl}/cases`);
    await page.locator("a.case-link").first().waitFor();
    assert.equal(await page.locator("a.create-case").count(), 0);
    await page.locator("a.case-link").first().click();
    await page.locator("h1.case-title").waitFor();
    assert.equal(await page.locator("form.add-comment").count(), 0);
  }));
