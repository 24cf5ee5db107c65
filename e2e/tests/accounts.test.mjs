// Portal support keeps the account tree in the browser: an Admin creates a
// child account under Lindenhaven (after the form caught a missing name and
// a taken source id), changes its city, and moves Lindenhaven's Children's
// Hospital to Nordkyst after a check that names the users who lose access.
// Then the customers see it: Lindenhaven's Manager opens the new clinic's
// page from the home page, and Nordkyst's Manager the Children's Hospital
// with its installed products. On a phone the Admin reaches the tree from
// the settings; customers get neither the tree nor its navigation.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useServerAndBrowser } from "../lib/fixture.mjs";
import { accessibilityViolations } from "../lib/axe.mjs";
import { assertNoSidewaysScroll, assertRefused, openFromSettings } from "../lib/browser.mjs";

const portal = useServerAndBrowser();

const UMC = "Lindenhaven University Medical Centre";
const CLINIC = "Lindenhaven Leiden Clinic";
const CHILDRENS = "Lindenhaven Children's Hospital";
const NORDKYST = "Nordkyst Hospital";

/** The account pages' paths, found by the Admin's journey. */
const paths = {};

/** The row of the account named `name` in the tree. */
function treeRow(page, name) {
  const link = page.locator("a.account-link", { hasText: new RegExp(`^${name}$`) });
  return page.locator(".account-node-row", { has: link });
}

/** The value of the fact labelled `label` on an account page. */
async function fact(page, label) {
  const item = page.locator("dl.facts > div", { has: page.locator("dt", { hasText: new RegExp(`^${label}$`) }) });
  return (await item.locator("dd").textContent()).trim();
}

/** Waits for the account page of `name`, with its notice `done` if given. */
async function accountPage(page, name, done) {
  await page.locator("h1.account-title", { hasText: name }).waitFor();
  if (done) await page.locator(".flash-region .form-success", { hasText: done }).waitFor();
  await page.locator('section.account-products[aria-busy="false"]').waitFor();
}

test("an Admin creates a child account, changes its city and moves another after checking the move", () =>
  portal.withPage({ user: "admin" }, async ({ page }) => {
    await page.locator("a.nav-accounts").first().click();
    await page.locator("main h1", { hasText: "Accounts" }).waitFor();
    await treeRow(page, UMC).waitFor();
    assert.deepEqual(await accessibilityViolations(page), [], "account tree");
    // Parent accounts first, each over its own tree; a parent account does not move.
    const tops = page.locator("ul.account-tree > li > .account-node-row a.account-link");
    assert.deepEqual(await tops.allTextContents(), [UMC, "MedLease Europe B.V.", NORDKYST]);
    assert.equal(await treeRow(page, UMC).locator("a.move-account").count(), 0);

    // A child account under the university medical centre.
    await treeRow(page, UMC).locator("a.add-child").click();
    await page.locator("main h1", { hasText: "New child account" }).waitFor();
    assert.equal(await page.locator("#account-country").inputValue(), "NL", "the parent's country");
    assert.equal(await page.locator("#account-kind").inputValue(), "site");

    // No name: caught before sending, at its field and in the summary.
    await page.locator("button[type=submit]").click();
    await page.locator("#account-name-error").waitFor();
    assert.equal(await page.locator("#account-name").getAttribute("aria-invalid"), "true");
    assert.match(await page.locator("#account-errors .form-error").textContent(), /Name: This field is required/);
    assert.deepEqual(await accessibilityViolations(page), [], "new account form with an error");

    // A source id the main hospital has: the server's 409, at the source id.
    await page.locator("#account-name").fill(CLINIC);
    await page.locator("#account-kind").selectOption("hospital");
    await page.locator("#account-city").fill("Leiderdorp");
    await page.locator("#account-market").fill("Benelux");
    await page.locator("#account-source-id").fill("LUMC-1001");
    await page.locator("button[type=submit]").click();
    await page.locator("#account-source-id-error", { hasText: "Another account has this source id." }).waitFor();
    assert.equal(await page.locator("#account-name-error").count(), 0);
    assert.equal(await page.locator("#account-name").inputValue(), CLINIC, "what was typed stays");

    await page.locator("#account-source-id").fill("LUMC-1010");
    await page.locator("button[type=submit]").click();
    await accountPage(page, CLINIC, `${CLINIC} is created.`);
    paths.clinic = new URL(page.url()).pathname;
    assert.match(paths.clinic, /^\/accounts\/[0-9a-f-]{36}$/);
    assert.equal(await fact(page, "Type"), "Hospital");
    assert.equal(await fact(page, "City"), "Leiderdorp");
    assert.equal(await fact(page, "Source id"), "LUMC-1010");
    assert.equal(await fact(page, "Parent"), UMC);
    await page.locator("section.account-products p.empty-list").waitFor();

    // Its city, corrected.
    await page.locator("a.edit-account").click();
    await page.locator("main h1", { hasText: "Change the account" }).waitFor();
    assert.equal(await page.locator("#account-city").inputValue(), "Leiderdorp");
    await page.locator("#account-city").fill("Leiden");
    await page.locator("button[type=submit]", { hasText: "Save changes" }).click();
    await accountPage(page, CLINIC, `The changes to ${CLINIC} are saved.`);
    assert.equal(await fact(page, "City"), "Leiden");
    assert.equal(await fact(page, "Market"), "Benelux");

    // The Children's Hospital goes to Nordkyst: first the check.
    await page.locator("a.back-link, .back-link a").first().click();
    await treeRow(page, CHILDRENS).locator("a.move-account").click();
    await page.locator("main h1", { hasText: "Move the account" }).waitFor();
    const targets = await page.locator("#new-parent option").allTextContents();
    assert.ok(!targets.some((t) => t.trim() === CHILDRENS), "not under itself");
    assert.ok(!targets.some((t) => t.trim() === UMC), "not where it is");
    await page.locator("#new-parent").selectOption({ label: NORDKYST });
    await page.locator("button.check-move").click();
    const check = page.locator("section.move-check .panel");
    await check.waitFor();
    assert.match(await check.locator(".move-customer").textContent(), new RegExp(`${UMC}.*${NORDKYST}`));
    assert.deepEqual(await check.locator(".moving-accounts li").allTextContents(), [CHILDRENS]);
    assert.match(await check.locator(".moving-products").textContent(), /^\d+ installed products$/);
    assert.deepEqual(await check.locator(".losing-access .username").allTextContents(), ["nl.user", "nl.viewer"]);
    assert.deepEqual(await accessibilityViolations(page), [], "move with its check");

    // Nothing has moved yet; now it does.
    await page.locator("button.confirm-move").click();
    await accountPage(page, CHILDRENS, `${CHILDRENS} is moved under ${NORDKYST}.`);
    paths.childrens = new URL(page.url()).pathname;
    assert.equal(await fact(page, "Parent"), NORDKYST);
    assert.ok((await page.locator("section.account-products a.product-link").count()) > 0);
    assert.deepEqual(await accessibilityViolations(page), [], "account page");
  }));

test("Lindenhaven's Manager opens the new clinic's page, and no longer sees the Children's Hospital", () =>
  portal.withPage({ user: "nl.manager" }, async ({ page }) => {
    // The home page's accounts lead to their pages.
    await page.locator("ul.account-list a.account-name", { hasText: CLINIC }).click();
    await accountPage(page, CLINIC);
    assert.equal(new URL(page.url()).pathname, paths.clinic);
    assert.equal(await fact(page, "Plaats"), "Leiden");
    assert.equal(await fact(page, "Bovenliggend account"), UMC);
    // A Manager sees who has access; no administration.
    await page.locator('section.account-users[aria-busy="false"]').waitFor();
    assert.equal(await page.locator("a.edit-account").count(), 0);

    await page.goto(`${portal.baseUrl}${paths.childrens}`);
    await page.locator("main p.page-error", { hasText: "Dit account bestaat niet, of u kunt het niet zien." }).waitFor();
  }));

test("Nordkyst's Manager sees the Children's Hospital with its installed products", () =>
  portal.withPage({ user: "dk.manager" }, async ({ page }) => {
    await page.locator("ul.account-list a.account-name", { hasText: CHILDRENS }).click();
    await accountPage(page, CHILDRENS);
    assert.equal(await fact(page, "Parent"), NORDKYST);
    const products = page.locator("section.account-products a.product-link");
    assert.ok((await products.count()) > 0);
    assert.match(await page.locator("section.account-products .short-list").textContent(), /IP-4001000[6-8]/);

    // The whole list, filtered to the account.
    await page.locator("section.account-products a.see-list").click();
    await page.waitForURL(/\/installed-products\?location_account=[0-9a-f-]{36}$/);
    await page.locator('.results[aria-busy="false"] tr.product-row').first().waitFor();
    assert.match(await page.locator(".results").textContent(), /IP-40010006/);
  }));

test("on a phone the Admin reaches the account tree from the settings", () =>
  portal.withPage({ user: "admin", viewport: { width: 360, height: 780 } }, async ({ page }) => {
    await openFromSettings(page, { navLink: "a.nav-accounts", section: "accounts-admin-heading", linkText: "Accounts" });
    await treeRow(page, NORDKYST).waitFor();
    await assertNoSidewaysScroll(page, "the account tree");
    assert.deepEqual(await accessibilityViolations(page), [], "account tree on a phone");

    await treeRow(page, CHILDRENS).locator("a.account-link").click();
    await accountPage(page, CHILDRENS);
    await assertNoSidewaysScroll(page, "an account page");
  }));

test("a customer gets neither the account tree nor its navigation", () =>
  portal.withPage({ user: "nl.manager" }, async ({ page }) => {
    await assertRefused(page, `${portal.baseUrl}/accounts`, ["ul.account-tree", "a.nav-accounts"]);
  }));
