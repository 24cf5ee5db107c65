// Importing a hospital's installed base in the browser: an Admin checks a
// CSV of 20 installed products (a dry run), reads the two bad rows in the
// problems table (and downloads them), fixes the file, checks it again and
// imports it; the customer's Manager then finds the products. On a phone
// the Service user reaches the page from the settings and reads the
// problems as cards; customers get neither the page nor its navigation.
// The same page imports a customer's accounts, and their users, who then
// activate from the emailed link.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { useServerAndBrowser } from "../lib/fixture.mjs";
import { accessibilityViolations } from "../lib/axe.mjs";
import { assertNoSidewaysScroll, assertRefused, openFromSettings } from "../lib/browser.mjs";

const portal = useServerAndBrowser({ smtp: true });

/** The template's columns (GET /imports/templates/installed-products.csv). */
const COLUMNS = [
  "parent_account", "number", "description", "serial_number", "udi", "technical_id", "modality",
  "product_family", "kind", "functional_location", "install_date", "status", "owner_account",
  "location_account", "strategic_item", "end_of_life_date", "end_of_service_date",
];

/** Product `n` of Lindenhaven's ERP (parent account LUMC-1000) at its main hospital. */
function row(n) {
  const id = String(n).padStart(4, "0");
  return {
    parent_account: "LUMC-1000",
    number: `IP-8100${id}`,
    description: `Imported scanner ${n}`,
    serial_number: `SN-8100${id}`,
    udi: "",
    technical_id: "",
    modality: "CT",
    product_family: "Incisive",
    kind: "hardware",
    functional_location: "Radiology",
    install_date: "2022-05-01",
    status: "active",
    owner_account: "LUMC-1001",
    location_account: "LUMC-1001",
    strategic_item: "false",
    end_of_life_date: "2032-12-31",
    end_of_service_date: "",
  };
}

/** A CSV file of `rows` for the file input. */
function csvFile(rows, name = "lindenhaven-products.csv") {
  const lines = [COLUMNS.join(","), ...rows.map((r) => COLUMNS.map((c) => r[c]).join(","))];
  return { name, mimeType: "text/csv", buffer: Buffer.from(`${lines.join("\n")}\n`) };
}

/** 20 products; `broken`: with a bad date on line 5 and an unknown modality on line 13. */
function twentyProducts({ broken = false } = {}) {
  const rows = Array.from({ length: 20 }, (_, i) => row(i + 1));
  if (broken) {
    rows[3].install_date = "2022-13-45";
    rows[11].modality = "PET";
  }
  return csvFile(rows);
}

/** Chooses `file` and presses "Check file" from the keyboard; waits for the check's outcome. */
async function checkFile(page, file) {
  await page.locator("#import-file").setInputFiles(file);
  await page.locator("button.check-file").focus();
  await page.keyboard.press("Enter");
  return waitForOutcome(page, "Check of the file");
}

/** The outcome of the run in the section headed `heading`, once it has ended. */
async function waitForOutcome(page, heading) {
  const section = page.locator('section.import-run[aria-busy="false"]', { has: page.locator("h2", { hasText: heading }) });
  const outcome = section.locator(".import-outcome");
  await outcome.waitFor();
  return { section, outcome: (await outcome.textContent()).trim() };
}

/** The value of the fact labelled `label` in a `dl.facts` of `scope`. */
async function fact(scope, label) {
  const item = scope.locator("dl.facts > div", { has: scope.page().locator("dt", { hasText: label }) });
  return (await item.locator("dd").textContent()).trim();
}

/** Saves what `click` downloads and answers its name and text. */
async function download(page, click) {
  const [saved] = await Promise.all([page.waitForEvent("download"), click()]);
  return { name: saved.suggestedFilename(), text: await readFile(await saved.path(), "utf8") };
}

test("an Admin imports 20 installed products after a check found two bad rows, and the customer sees them", async () => {
  await portal.withPage({ user: "admin" }, async ({ page }) => {
    await page.locator("a.nav-imports").first().click();
    await page.locator("main h1", { hasText: "Import a customer's data" }).waitFor();

    // The template names the columns.
    const template = await download(page, () => page.locator("button.download-template").click());
    assert.equal(template.name, "installed-products-template.csv");
    assert.equal(template.text.split("\n")[0], COLUMNS.join(","));

    // "Check file" without a file says so next to the field.
    await page.locator("button.check-file").click();
    await page.locator("#import-file-error").waitFor();
    assert.equal(await page.locator("#import-file").getAttribute("aria-invalid"), "true");

    // The check of the broken file: two problems, by line, and no import.
    const checked = await checkFile(page, twentyProducts({ broken: true }));
    assert.match(checked.outcome, /^2 problems: /);
    assert.equal(await fact(checked.section, "Rows"), "20");
    assert.equal(await fact(checked.section, "Would be created"), "18");
    const problems = page.locator("table.import-problems tr.problem-row");
    assert.equal(await problems.count(), 2);
    assert.deepEqual(await problems.locator("td.problem-line").allTextContents(), ["5", "13"]);
    assert.deepEqual(await problems.locator("td.problem-column").allTextContents(), ["install_date", "modality"]);
    assert.match(await problems.nth(0).textContent(), /2022-13-45.*Not a date/);
    assert.match(await problems.nth(1).textContent(), /PET.*Not a modality/);
    assert.equal(await page.locator("button.import-button").count(), 0);
    assert.match(await page.locator("p.import-status[role=status]").textContent(), /^2 problems/);
    assert.deepEqual(await accessibilityViolations(page), [], "import page with problems");

    const refused = await download(page, () => page.locator("button.download-problems").click());
    assert.match(refused.name, /^import-[0-9a-f-]{36}-problems\.csv$/);
    const lines = refused.text.trim().split("\n");
    assert.equal(lines[0], "line,column,value,reason");
    assert.match(lines[1], /^5,install_date,2022-13-45,/);
    assert.match(lines[2], /^13,modality,PET,/);

    // The fixed file: a new choice clears the old check; the new one is clean.
    const clean = await checkFile(page, twentyProducts());
    assert.match(clean.outcome, /^No problems found/);
    assert.equal(await fact(clean.section, "Would be created"), "20");
    assert.equal(await page.locator("table.import-problems").count(), 0);
    assert.deepEqual(await accessibilityViolations(page), [], "import page after a clean check");

    // Only now the import, of that very file.
    await page.locator("button.import-button").click();
    const imported = await waitForOutcome(page, "Import of the file");
    assert.equal(imported.outcome, "Imported: the changes are stored.");
    assert.equal(await fact(imported.section, "Created"), "20");
    assert.equal(await fact(imported.section, "Updated"), "0");
    assert.equal(await page.locator("button.import-button").count(), 0);

    // The run is in the URL: a reload shows it again.
    assert.match(page.url(), /\/imports\?run=[0-9a-f-]{36}$/);
    await page.reload();
    const again = await waitForOutcome(page, "Import of the file");
    assert.equal(again.outcome, "Imported: the changes are stored.");
  });

  // The customer's Manager finds an imported product by its serial number.
  await portal.withPage({ user: "nl.manager" }, async ({ page }) => {
    assert.equal(await page.locator("a.nav-imports").count(), 0);
    await page.locator("nav.main-nav a[href='/installed-products']").click();
    await page.locator("#filter-q").fill("SN-81000007");
    await page.locator("#filter-q").press("Enter");
    await page.waitForURL(/[?&]q=SN-81000007/);
    const product = page.locator('.results[aria-busy="false"] tr.product-row');
    await product.first().waitFor();
    assert.equal(await product.count(), 1);
    assert.match(await product.textContent(), /IP-81000007/);
    assert.match(await product.textContent(), /Imported scanner 7/);
  });
});

test("an Admin imports a new customer's accounts, children listed before their parent, from the same page", () =>
  portal.withPage({ user: "admin" }, async ({ page }) => {
    await page.locator("a.nav-imports").first().click();
    await page.locator("main h1", { hasText: "Import a customer's data" }).waitFor();
    await page.locator("#import-kind").selectOption("accounts");
    const template = await download(page, () => page.locator("button.download-template").click());
    assert.equal(template.name, "accounts-template.csv");
    const header = template.text.split("\n")[0];
    assert.equal(header, "parent_account,source_id,parent,name,kind,country,city,address,market");
    const accounts = [
      header,
      "ZZH-1000,ZZH-1001,ZZH-1000,ZZH Lelystad,site,NL,Lelystad,,Benelux",
      "ZZH-1000,ZZH-1000,,Zuiderzee Ziekenhuis,hospital_group,NL,Lelystad,,Benelux",
    ];
    const file = { name: "zuiderzee-accounts.csv", mimeType: "text/csv", buffer: Buffer.from(`${accounts.join("\n")}\n`) };
    const clean = await checkFile(page, file);
    assert.match(clean.outcome, /^No problems found/);
    assert.equal(await fact(clean.section, "Would be created"), "2");
    await page.locator("button.import-button").click();
    const imported = await waitForOutcome(page, "Import of the file");
    assert.equal(imported.outcome, "Imported: the changes are stored.");
    assert.equal(await fact(imported.section, "Created"), "2");
  }));

test("the Service user imports a customer's users, and a new user activates from the email in the file's language", async () => {
  await portal.withPage({ user: "service" }, async ({ page }) => {
    await page.locator("a.nav-imports").first().click();
    await page.locator("#import-kind").selectOption("users");
    const template = await download(page, () => page.locator("button.download-template").click());
    assert.equal(template.name, "users-template.csv");
    const header = template.text.split("\n")[0];
    assert.equal(header, "parent_account,username,email,display_name,role,accounts,language");
    const users = [header, "LUMC-1000,h.mulder,h.mulder@lindenhaven.example,Hanna Mulder,user,LUMC-1001,nl"];
    const file = { name: "lindenhaven-users.csv", mimeType: "text/csv", buffer: Buffer.from(`${users.join("\n")}\n`) };
    const clean = await checkFile(page, file);
    assert.match(clean.outcome, /^No problems found/);
    await page.locator("button.import-button").click();
    const imported = await waitForOutcome(page, "Import of the file");
    assert.equal(await fact(imported.section, "Created"), "1");
  });
  const mail = await portal.smtp.waitFor("h.mulder@lindenhaven.example", /Activeer/);
  const token = mail.body.match(/#token=([A-Za-z0-9_-]+)/)[1];
  await portal.withPage({}, async ({ page }) => {
    await portal.activateAndSignIn(page, token, { username: "h.mulder", displayName: "Hanna Mulder" });
    assert.equal(await page.locator("html").getAttribute("lang"), "nl");
  });
});

test("on a phone the Service user reaches the import from the settings and reads the problems as cards", () =>
  portal.withPage({ user: "service", viewport: { width: 360, height: 780 } }, async ({ page }) => {
    // Not on the bottom bar (it holds five items), but in the settings.
    await openFromSettings(page, { navLink: "a.nav-imports", section: "imports-heading", linkText: "Import data" });
    await page.locator("main h1", { hasText: "Import a customer's data" }).waitFor();

    // An empty file is refused with the app's own words.
    await page.locator("#import-file").setInputFiles({ name: "empty.csv", mimeType: "text/csv", buffer: Buffer.alloc(0) });
    await page.locator("button.check-file").click();
    await page.locator(".form-live p.form-error[role=alert]", { hasText: "This file is empty." }).waitFor();

    const checked = await checkFile(page, twentyProducts({ broken: true }));
    assert.match(checked.outcome, /^2 problems: /);
    assert.equal(await page.locator("main table").count(), 0);
    const cards = page.locator("li.problem-card");
    assert.equal(await cards.count(), 2);
    assert.deepEqual(await cards.locator(".problem-line").allTextContents(), ["5", "13"]);
    await assertNoSidewaysScroll(page, "the import page with problems");
    assert.deepEqual(await accessibilityViolations(page), [], "import page with problems on a phone");
  }));

test("a customer gets neither the import page nor its navigation", () =>
  portal.withPage({ user: "nl.manager" }, async ({ page }) => {
    await assertRefused(page, `${portal.baseUrl}/imports`, ["#import-file", "a.nav-imports"]);
  }));
