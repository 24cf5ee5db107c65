// axe-core finds no WCAG 2.2 AA violation on the pages that exist (the
// service desk's, the import's and the account administration's too), on
// a desktop and on a 390 x 844 phone (ux.md, "Checked by tools").
import { test } from "node:test";
import assert from "node:assert/strict";
import { useServerAndBrowser } from "../lib/fixture.mjs";
import { accessibilityViolations } from "../lib/axe.mjs";

const portal = useServerAndBrowser();

/** Opens `path`, waits for the first `ready` element and checks the page with axe. */
async function passesAxeAt(page, path, ready, name) {
  await page.goto(`${portal.baseUrl}${path}`);
  await page.locator(ready).first().waitFor();
  assert.deepEqual(await accessibilityViolations(page), [], name);
}

/** A CSV of one installed product with a bad date, for the import page's problems. */
const BAD_CSV = Buffer.from(
  "parent_account,number,description,serial_number,udi,technical_id,modality,product_family,kind," +
    "functional_location,install_date,status,owner_account,location_account,strategic_item," +
    "end_of_life_date,end_of_service_date\n" +
    "LUMC-1000,IP-89000001,Axe scanner,SN-89000001,,,CT,Incisive,hardware,Radiology,2022-13-45," +
    "active,LUMC-1001,LUMC-1001,false,,\n",
);

/** A 1 x 1 PNG, to give a case a photo. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);

const viewports = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
};

for (const [name, viewport] of Object.entries(viewports)) {
  test(`login, login error and home pass axe on a ${name}`, async () => {
    const { context, page, faults } = await portal.newPage({ viewport });
    await passesAxeAt(page, "/", "#username", "login page");

    await page.locator("#username").fill("nl.viewer");
    await page.locator("#password").fill("wrong-password");
    await page.locator("button[type=submit]").click();
    await page.locator("#login-error").waitFor();
    assert.deepEqual(await accessibilityViolations(page), [], "login page with an error");

    await page.locator("#password").fill("Welcome-2026");
    await page.locator("button[type=submit]").click();
    await page.locator("li.account").first().waitFor();
    assert.deepEqual(await accessibilityViolations(page), [], "home page");

    await passesAxeAt(page, "/no-such-page", "main", "not-found page");

    assert.deepEqual(faults, []);
    await context.close();
  });

  test(`the request access, forgot password and confirm contact pages pass axe on a ${name}`, async () => {
    const { context, page, faults } = await portal.newPage({ viewport });
    await passesAxeAt(page, "/request-access", "form.request-form", "request access");

    await page.locator("form.request-form button[type=submit]").click();
    await page.locator("#request-errors .form-error").waitFor();
    await page.locator("button.add-facility").click();
    await page.locator("fieldset.facility").nth(1).waitFor();
    await page.locator("button.add-identifier").first().click();
    await page.locator("button.remove-identifier").first().waitFor();
    assert.deepEqual(await accessibilityViolations(page), [], "request access with errors and two facilities");

    await passesAxeAt(page, "/forgot-password", "#email", "forgot password");

    // A case contact's confirmation link that is not (or no longer) valid.
    await passesAxeAt(page, "/confirm-contact#token=not-a-token", ".link-problem", "confirm contact, refused");

    assert.deepEqual(faults, []);
    await context.close();
  });

  test(`the installed base, contract and case pages pass axe on a ${name}`, async () => {
    const { context, page, faults } = await portal.newPage({ viewport });
    await portal.signIn(page, "nl.manager");
    await page.locator("a.tile").first().waitFor();
    assert.deepEqual(await accessibilityViolations(page), [], "home page with tiles");

    await passesAxeAt(page, "/installed-products?group=modality", ".product-link", "installed products");

    await page.locator(".product-link").first().click();
    await page.locator("h1.product-title").waitFor();
    await page.locator("form.custom-details").waitFor();
    assert.deepEqual(await accessibilityViolations(page), [], "installed product detail");

    await passesAxeAt(page, "/contracts", "span.expiry-badge", "contracts");

    await page.locator("a[href^='/contracts/']").first().click();
    await page.locator("h1.contract-title").waitFor();
    assert.deepEqual(await accessibilityViolations(page), [], "contract detail");

    await passesAxeAt(page, "/cases", "a.case-link", "cases");

    await page.locator("a.case-link").first().click();
    await page.locator("h1.case-title").waitFor();
    assert.deepEqual(await accessibilityViolations(page), [], "case detail");

    await page.goto(`${portal.baseUrl}/cases/new`);
    await page.locator("form.case-form").waitFor();
    await page.locator('input[name=priority][value="1"]').check();
    assert.deepEqual(await accessibilityViolations(page), [], "new case form");

    await page.goto(`${portal.baseUrl}/cases?status=new`);
    await page.locator("a.case-link").first().click();
    await page.locator("#attachment-files").setInputFiles({ name: "label.png", mimeType: "image/png", buffer: PNG });
    await page.locator("li.upload.done").waitFor();
    await page.locator("li.attachment button.attachment-preview").first().waitFor();
    assert.deepEqual(await accessibilityViolations(page), [], "case with an attachment and an upload");

    await page.locator("li.attachment button.attachment-preview").first().click();
    await page.locator("dialog.preview-dialog[open]").waitFor();
    assert.deepEqual(await accessibilityViolations(page), [], "photo preview");
    await page.keyboard.press("Escape");

    await passesAxeAt(page, "/users", ".results", "users");

    await passesAxeAt(page, "/users/new", "form.user-form", "new user form");

    await passesAxeAt(page, "/security-log", ".results", "security log");

    await passesAxeAt(page, "/settings", "form.settings-form", "settings");

    await passesAxeAt(page, "/access-requests", ".results", "access requests");

    assert.deepEqual(faults, []);
    await context.close();
  });

  test(`the service queue and a case's service actions pass axe on a ${name}`, async () => {
    const { context, page, faults } = await portal.newPage({ viewport });
    await portal.signIn(page, "service");
    await passesAxeAt(page, "/service/queue", '.results[aria-busy="false"] a.case-link', "service queue");

    await page.locator("a.case-link").first().click();
    await page.locator("section.service-actions").waitFor();
    await page.locator("#assign-engineer option").nth(1).waitFor({ state: "attached" });
    assert.deepEqual(await accessibilityViolations(page), [], "case with the service actions");

    // The errors of a wait without its note.
    await page.locator("form.wait-form button[type=submit]").click();
    await page.locator("#wait-note-error").waitFor();
    assert.deepEqual(await accessibilityViolations(page), [], "service actions with an error");

    await passesAxeAt(page, "/cases/new", "form.case-form", "phoned-in case form");

    assert.deepEqual(faults, []);
    await context.close();
  });

  test(`the account tree, forms and pages pass axe on a ${name}`, async () => {
    const { context, page, faults } = await portal.newPage({ viewport });
    await portal.signIn(page, "admin");
    await passesAxeAt(page, "/accounts", "ul.account-tree a.move-account", "account tree");

    await page.locator("a.new-account").click();
    await page.locator("form.account-form button[type=submit]").click();
    await page.locator("#account-name-error").waitFor();
    assert.deepEqual(await accessibilityViolations(page), [], "new parent account form with errors");

    await page.goBack();
    await page.locator("ul.account-tree a.move-account").first().click();
    await page.locator("#new-parent option").nth(1).waitFor({ state: "attached" });
    await page.locator("button.check-move").click();
    await page.locator("#new-parent-error").waitFor();
    assert.deepEqual(await accessibilityViolations(page), [], "move form with an error");
    await page.locator("#new-parent").selectOption({ index: 1 });
    await page.locator("button.check-move").click();
    await page.locator("section.move-check button.confirm-move").waitFor();
    assert.deepEqual(await accessibilityViolations(page), [], "move form with its check");

    await page.locator(".back-link a").click();
    await page.locator('section.account-products[aria-busy="false"]').waitFor();
    await page.locator('section.account-users[aria-busy="false"]').waitFor();
    assert.deepEqual(await accessibilityViolations(page), [], "account page");

    await page.locator("a.edit-account").click();
    await page.locator("form.account-form #account-name").waitFor();
    assert.deepEqual(await accessibilityViolations(page), [], "edit account form");

    assert.deepEqual(faults, []);
    await context.close();
  });

  test(`the import page, with a check's problems, passes axe on a ${name}`, async () => {
    const { context, page, faults } = await portal.newPage({ viewport });
    await portal.signIn(page, "admin");
    await passesAxeAt(page, "/imports", "form.import-form", "import page");

    await page.locator("button.check-file").click();
    await page.locator("#import-file-error").waitFor();
    assert.deepEqual(await accessibilityViolations(page), [], "import page without a file");

    await page.locator("#import-file").setInputFiles({ name: "bad.csv", mimeType: "text/csv", buffer: BAD_CSV });
    await page.locator("button.check-file").click();
    await page.locator('section.import-run[aria-busy="false"] .import-outcome').waitFor();
    await page.locator(".problem-row, .problem-card").first().waitFor();
    assert.deepEqual(await accessibilityViolations(page), [], "import page with problems");

    assert.deepEqual(faults, []);
    await context.close();
  });
}
