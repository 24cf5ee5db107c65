// Attachments in the browser, the workflows of domain.md: a part ID request
// on a phone with a photo chosen in the create form; a bench repair whose
// pre-filled form is downloaded, signed (here: as is) and uploaded back; a
// file whose name lies about its type. Files are fetched with the token, so
// thumbnails and downloads go through blob URLs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { useServerAndBrowser } from "../lib/fixture.mjs";
import { assertNoSidewaysScroll } from "../lib/browser.mjs";
import { fillBenchRepair, fillCaseForm, openCaseForm, productId, submitCase } from "../lib/cases.mjs";

const portal = useServerAndBrowser();

/** A 1 x 1 PNG: the smallest real photo. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);
/** An HTML page that calls itself a photo. */
const FAKE_JPEG = Buffer.from("<!DOCTYPE html><html><body><script>alert(1)</script></body></html>\n");

/** Whether the first thumbnail has been fetched and decoded. */
async function thumbnailShown(page) {
  await page.locator("li.attachment img.attachment-thumb").first().scrollIntoViewIfNeeded();
  await page.waitForFunction(() => {
    const img = document.querySelector("li.attachment img.attachment-thumb");
    return img !== null && img.complete && img.naturalWidth > 0;
  });
  return page.locator("li.attachment img.attachment-thumb").first().getAttribute("src");
}

test("part ID request on a phone: a photo chosen with the form is on the case page", () =>
  portal.withPage({ user: "dk.manager", viewport: { width: 390, height: 844 } }, async ({ page }) => {
    await openCaseForm(page, "IP-40020004");
    await fillCaseForm(page, { priority: 5, kind: "part_id_request", description: "Which connector is this? Photo attached." });
    await page.locator("#case-attachment-files").setInputFiles({ name: "connector.png", mimeType: "image/png", buffer: PNG });
    await page.locator("li.upload", { hasText: "connector.png" }).waitFor();
    assert.equal(await page.locator("li.upload progress.upload-progress").count(), 1);
    await submitCase(page);

    const item = page.locator("li.attachment", { hasText: "connector.png" });
    await item.waitFor();
    assert.match(await item.textContent(), /PNG/);
    assert.match(await thumbnailShown(page), /^blob:/);

    // The preview shows the photo in the page; Escape closes it.
    await item.locator("button.attachment-preview").click();
    const dialog = page.locator("dialog.preview-dialog[open]");
    await dialog.waitFor();
    await page.waitForFunction(() => document.querySelector("dialog[open] img.preview-image")?.naturalWidth > 0);
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });

    await assertNoSidewaysScroll(page, "the case page");
  }));

test("bench repair: the form is downloaded, uploaded back, and all files come as a zip", () =>
  portal.withPage({ user: "nl.manager" }, async ({ page, context }) => {
    await fillBenchRepair(page, "IP-40010002");
    const number = await submitCase(page);
    assert.equal(await page.locator("li.attachment").count(), 0);
    assert.equal(await page.locator("button.download-all").count(), 0, "nothing to zip yet");

    const [form] = await Promise.all([page.waitForEvent("download"), page.locator("button.bench-form-download").click()]);
    assert.match(form.suggestedFilename(), /\.pdf$/);
    assert.ok(form.suggestedFilename().includes(number), form.suggestedFilename());
    const pdf = await readFile(await form.path());
    assert.equal(pdf.subarray(0, 5).toString(), "%PDF-");

    await page.locator("#attachment-files").setInputFiles({ name: "signed-bench-form.pdf", mimeType: "application/pdf", buffer: pdf });
    await page.locator("li.upload.done", { hasText: "signed-bench-form.pdf" }).waitFor();
    const item = page.locator("li.attachment", { hasText: "signed-bench-form.pdf" });
    await item.waitFor();
    assert.match(await item.textContent(), /Pdf-document/, "nl.manager reads Dutch");
    assert.equal(await item.locator("img.attachment-thumb").count(), 0, "a PDF has no thumbnail");
    await page.locator(".upload-live [role=status]", { hasText: "signed-bench-form.pdf" }).waitFor({ state: "attached" });

    const [zip] = await Promise.all([page.waitForEvent("download"), page.locator("button.download-all").click()]);
    assert.match(zip.suggestedFilename(), /\.zip$/);
    assert.equal((await readFile(await zip.path())).subarray(0, 2).toString(), "PK");

    const [one] = await Promise.all([page.waitForEvent("download"), item.locator("button.attachment-download").click()]);
    assert.equal(one.suggestedFilename(), "signed-bench-form.pdf");

    // A PDF's preview opens in a tab of its own.
    const [tab] = await Promise.all([context.waitForEvent("page"), item.locator("button.attachment-preview").click()]);
    await tab.waitForURL(/^blob:/);
    await tab.close();
  }));

test("a web page named photo.jpg is refused with a readable reason (in Dutch for nl.user)", () =>
  portal.withPage({ user: "nl.user" }, async ({ page }) => {
    await openCaseForm(page, "IP-40010002");
    await fillCaseForm(page, { priority: 4, description: "Display flickers after the update" });
    await page.locator("#case-attachment-files").setInputFiles({ name: "photo.jpg", mimeType: "image/jpeg", buffer: FAKE_JPEG });
    await page.locator("form.case-form button[type=submit]").click();

    // The case exists anyway: its number at once, the failed file, and the way on.
    await page.locator("p.form-success[role=status] span.case-number").waitFor();
    const failed = page.locator("li.upload.failed", { hasText: "photo.jpg" });
    await failed.waitFor();
    assert.match(await failed.textContent(), /geen JPEG-, PNG- of HEIC-foto en geen pdf-bestand/);
    await page.locator("#case-upload-failed[role=alert] a.open-case").click();
    await page.locator("h1.case-title").waitFor();
    assert.equal(await page.locator("li.attachment").count(), 0);

    await page.locator("#attachment-files").setInputFiles({ name: "photo.jpg", mimeType: "image/jpeg", buffer: FAKE_JPEG });
    await page.locator("form.add-attachments li.upload.failed", { hasText: "photo.jpg" }).waitFor();
    assert.equal(await page.locator("li.attachment").count(), 0);

    // A file too large is refused before it is sent.
    const big = Buffer.alloc(25 * 1024 * 1024 + 1, 0x20);
    await page.locator("#attachment-files").setInputFiles({ name: "scan.pdf", mimeType: "application/pdf", buffer: big });
    const tooLarge = page.locator("li.upload.failed", { hasText: "scan.pdf" });
    await tooLarge.waitFor();
    assert.match(await tooLarge.textContent(), /groter dan 25 MB/);
    assert.equal(await page.locator("li.attachment").count(), 0);
  }));

test("a product's cases and historical cases are a link away, and the list says it is narrowed", () =>
  portal.withPage({ user: "nl.manager" }, async ({ page }) => {
    const id = await productId(page, "IP-40010002");
    await page.goto(`${portal.baseUrl}/installed-products/${id}`);
    await page.locator("h1.product-title").waitFor();
    assert.equal(await page.locator("a.historical-cases").getAttribute("href"), `/cases?installed_product=${id}&historical=true`);
    await page.locator("a.product-cases").click();
    const notice = page.locator("p.product-filter");
    await notice.waitFor();
    await page.waitForURL(`**/cases?installed_product=${id}`);
    await page.locator("a.remove-product-filter").click();
    await page.waitForURL(/\/cases$/);
    await notice.waitFor({ state: "detached" });
  }));
