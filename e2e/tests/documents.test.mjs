// Customer facing documents in the browser: a hospital's engineer (nl.user,
// Dutch) finds the documents the service side published on their equipment,
// chooses three and saves them as one zip, which holds SHA256SUMS.txt and
// the three files whose sums it lists; an email's link opens one product's
// documents; on a phone the list is cards; and the service desk publishes a
// manual on a product, and reads why a file that is no PDF is refused.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { useServerAndBrowser } from "../lib/fixture.mjs";
import { accessibilityViolations } from "../lib/axe.mjs";
import { assertNoSidewaysScroll } from "../lib/browser.mjs";
import { productId } from "../lib/cases.mjs";
import { unzip } from "../lib/zip.mjs";

const portal = useServerAndBrowser();

const sha256 = (data) => createHash("sha256").update(data).digest("hex");

/** The file names of the list's rows, in order. */
async function fileNames(page) {
  return (await page.locator("tr.document-row .file-name").allTextContents()).map((s) => s.trim());
}

test("nl.user chooses three documents and saves them as one zip with their checksums", () =>
  portal.withPage({ user: "nl.user" }, async ({ page }) => {
    await page.locator("nav.main-nav a.nav-documents").click();
    await page.locator("main h1", { hasText: "Documenten" }).waitFor();
    await page.locator('.results[aria-busy="false"] tr.document-row').first().waitFor();
    const names = await fileNames(page);
    assert.ok(names.length >= 3, `three documents to choose from: ${names}`);
    for (const demo of ["CSR-IP-40010001.pdf", "Ingenia-Elition-operator-manual.pdf", "PSR-IP-40010004.pdf"]) {
      assert.ok(names.includes(demo), `${demo} in ${names}`);
    }
    // Not entitled by the lease's contract line: the customer does not see it.
    assert.ok(!names.includes("Performance-report-IP-40010004-Q3.pdf"), `${names}`);
    // Kinds in Dutch; the case's number links to the case.
    const receipt = page.locator("tr.document-row", { hasText: "CSR-IP-40010001.pdf" });
    assert.match(await receipt.textContent(), /Servicebon/);
    assert.match(await receipt.locator("a.case-link").getAttribute("href"), /^\/cases\/[0-9a-f-]{36}$/);

    // Nothing chosen, nothing to save.
    const zipButton = page.locator("button.download-zip");
    assert.equal(await zipButton.isDisabled(), true);

    // Three chosen: two by a click, one from the keyboard (Space on its box).
    const chosen = names.slice(0, 3);
    const box = (name) => page.locator("tr.document-row", { hasText: name }).locator("input.select-document");
    await box(chosen[0]).check();
    await box(chosen[1]).check();
    await box(chosen[2]).focus();
    await page.keyboard.press("Space");
    assert.equal(await box(chosen[2]).isChecked(), true);
    await page.locator(".selected-count", { hasText: "3 documenten geselecteerd" }).waitFor();

    // "All on this page" goes half-checked with three of more.
    const all = page.locator("#select-page");
    assert.equal(await all.evaluate((el) => el.indeterminate), names.length > 3);

    assert.deepEqual(await accessibilityViolations(page), []);

    const [download] = await Promise.all([page.waitForEvent("download"), zipButton.click()]);
    assert.match(download.suggestedFilename(), /^documents-\d{8}-\d{4}\.zip$/);
    const zip = await readFile(await download.path());
    const files = unzip(zip);
    assert.deepEqual(
      files.map((f) => f.name),
      ["SHA256SUMS.txt", ...chosen.map((name, i) => `0${i + 1}-${name}`)],
    );
    // The manifest lists each file's SHA-256 as `sha256sum -c` reads it.
    const manifest = files[0].data.toString("utf8");
    for (const file of files.slice(1)) {
      assert.ok(file.data.subarray(0, 5).toString() === "%PDF-", `${file.name} is a PDF`);
      assert.ok(manifest.includes(`${sha256(file.data)}  ${file.name}\n`), `${file.name} in:\n${manifest}`);
    }

    // "Clear selection" empties the choice.
    await page.locator("button.clear-selection").click();
    assert.equal(await zipButton.isDisabled(), true);

    // One file on its own, and a PDF's preview in a tab of its own.
    const [one] = await Promise.all([page.waitForEvent("download"), receipt.locator("button.document-download").click()]);
    assert.equal(one.suggestedFilename(), "CSR-IP-40010001.pdf");
    const [tab] = await Promise.all([page.context().waitForEvent("page"), receipt.locator("button.document-preview").click()]);
    await tab.waitForURL(/^blob:/);
    await tab.close();
  }));

test("an email's link opens one product's documents, and the list says so", () =>
  portal.withPage({ user: "nl.user" }, async ({ page }) => {
    const id = await productId(page, "IP-40010004");
    await page.goto(`${portal.baseUrl}/documents?installed_product=${id}`);
    const notice = page.locator("p.product-filter");
    await notice.waitFor();
    await page.locator('.results[aria-busy="false"] tr.document-row').first().waitFor();
    assert.match(await notice.textContent(), /IP-40010004/);
    const names = await fileNames(page);
    assert.deepEqual([...names].sort(), ["Brilliance-CT-64-site-planning.pdf", "PSR-IP-40010004.pdf"]);

    // The kind filter narrows it further, and stays in the URL.
    await page.locator("#filter-kind").selectOption("product_documentation");
    await page.waitForURL(`**/documents?kind=product_documentation&installed_product=${id}`);
    await page.locator(".results[aria-busy=false] tr.document-row").first().waitFor();
    assert.deepEqual(await fileNames(page), ["Brilliance-CT-64-site-planning.pdf"]);

    // A range that ended before anything was published leaves nothing.
    await page.locator("#filter-from").fill("2020-01-01");
    await page.locator("#filter-to").fill("2020-01-31");
    await page.locator("form.document-filters button[type=submit]").click();
    await page.waitForURL(/from=2020-01-01&to=2020-01-31/);
    await page.locator(".results .empty-state").waitFor();

    await page.locator("a.remove-product-filter").click();
    await page.waitForURL(/\/documents\?kind=product_documentation&from=/);
  }));

test("on a phone the documents are cards that fit, chosen by their names", () =>
  portal.withPage({ user: "nl.user", viewport: { width: 360, height: 780 } }, async ({ page }) => {
    // Not on the bottom bar: the home page leads there.
    await page.locator("a.documents-link").click();
    await page.locator('.results[aria-busy="false"] li.document-card').first().waitFor();
    assert.equal(await page.locator("main table").count(), 0);
    await assertNoSidewaysScroll(page, "the documents page");

    // The file's name is its box's label; "all on this page" chooses every card.
    const first = page.locator("li.document-card").first();
    const name = (await first.locator("label.file-name").textContent()).trim();
    await page.getByLabel(name, { exact: true }).check();
    await page.locator("#select-page").check();
    const cards = await page.locator("li.document-card").count();
    await page.locator(".selected-count", { hasText: `${cards} documenten geselecteerd` }).waitFor();
    await page.locator("#select-page").uncheck();
    await page.locator(".selected-count", { hasText: "0 documenten geselecteerd" }).waitFor();

    assert.deepEqual(await accessibilityViolations(page), []);
  }));

test("the service desk publishes a manual on a product; a file that is no PDF is refused", () =>
  portal.withPage({ user: "service" }, async ({ page }) => {
    await page.goto(`${portal.baseUrl}/documents`);
    const form = page.locator("details.upload-documents");
    await form.locator("summary").click();
    await form.locator("#upload-kind").selectOption("product_documentation");
    await form.locator("#case-product-search").fill("IP-40010002");
    await form.locator("li.product-choice button").first().click();
    await form.locator(".selected-product", { hasText: "IP-40010002" }).waitFor();

    // Nothing chosen: the form says what is missing, next to the field.
    await form.locator("button.upload-documents-button").click();
    await form.locator("#upload-files-error").waitFor();
    assert.match(await page.locator("#upload-documents-errors").textContent(), /Choose at least one file/);
    assert.deepEqual(await accessibilityViolations(page), []);

    // A web page named like a PDF: the server reads its content and refuses it.
    const html = Buffer.from("<!DOCTYPE html><html><body>not a manual</body></html>\n");
    await form.locator("#upload-files").setInputFiles({ name: "manual.pdf", mimeType: "application/pdf", buffer: html });
    await form.locator("button.upload-documents-button").click();
    const refused = form.locator("#upload-documents-errors [role=alert]");
    await refused.waitFor();
    assert.match(await refused.textContent(), /PDF|pdf/);

    // Dropped, and a real PDF in its place (the zip's manual, as it came).
    await form.locator("button.upload-remove").click();
    const pdf = Buffer.from(
      "%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n",
    );
    await form.locator("#upload-files").setInputFiles({ name: "service-manual-IP-40010002.pdf", mimeType: "application/pdf", buffer: pdf });
    await form.locator("button.upload-documents-button").click();
    await form.locator("p.upload-done").waitFor();
    assert.match(await form.locator("p.upload-done").textContent(), /1 document uploaded/);
    await page.locator("tr.document-row", { hasText: "service-manual-IP-40010002.pdf" }).waitFor();
  }));
