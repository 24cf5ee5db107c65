// Reports in the browser: a hospital's manager (nl.manager, Dutch)
// customises the cases report (a column added, one moved by keyboard and
// one by dragging, a filter, a grouping), saves it as a shared view,
// reloads it, opens its short URL, has it emailed weekly, and exports it
// to Excel, whose sheet holds what the table showed. The charts come with a table each. On a
// phone the rows are cards that fit.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { useServerAndBrowser } from "../lib/fixture.mjs";
import { accessibilityViolations } from "../lib/axe.mjs";
import { assertNoSidewaysScroll } from "../lib/browser.mjs";
import { unzip } from "../lib/zip.mjs";

const portal = useServerAndBrowser();

/** The columns the URL names, in order. */
function urlColumns(page) {
  return new URL(page.url()).searchParams.get("columns")?.split(",") ?? [];
}

/** The table's headings, in order. */
async function headings(page) {
  return (await page.locator("table.report-table thead th").allTextContents()).map((s) => s.replace(/[▲▼↕]/g, "").trim());
}

async function rowsLoaded(page) {
  await page.locator('.results[aria-busy="false"]').waitFor();
}

test("nl.manager customises the cases report, saves it as a view, reloads it and exports it to Excel", () =>
  portal.withPage({ user: "nl.manager" }, async ({ page }) => {
    await page.locator("nav.main-nav a.nav-reports").click();
    await page.locator("main h1", { hasText: "Rapporten" }).waitFor();
    await rowsLoaded(page);
    assert.deepEqual((await headings(page)).slice(0, 2), ["Casenummer", "Titel"]);

    // The charts: three figures, each an image with its figures as a table.
    await page.locator("figure.chart svg[role=img]").first().waitFor();
    assert.equal(await page.locator("figure.chart").count(), 3);
    assert.equal(await page.locator("figure.chart details table").count(), 3);

    // A column added from the chooser.
    await page.locator("details.column-chooser > summary").click();
    await page.locator("button.add-column", { hasText: "Serienummer" }).click();
    await page.waitForURL(/columns=.*serial_number/);
    await rowsLoaded(page);
    assert.ok((await headings(page)).includes("Serienummer"));

    // Moved by keyboard: the case number one place down, and the focus
    // stays on its button.
    await page.locator("#down-number").focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(/columns=title%2Cnumber/);
    assert.equal(await page.evaluate(() => document.activeElement?.id), "down-number");

    // Moved by dragging: the serial number to the top.
    const last = page.locator("li.shown-column").last();
    assert.match(await last.textContent(), /Serienummer/);
    await last.dragTo(page.locator("li.shown-column").first());
    await page.waitForURL(/columns=serial_number/);
    assert.equal(urlColumns(page)[0], "serial_number");

    // A filter: open cases only (status new or in process).
    await page.locator("#filter-column").selectOption("status");
    await page.locator("label.choice", { hasText: "Nieuw" }).locator("input").check();
    await page.locator("label.choice", { hasText: "In behandeling" }).locator("input").check();
    await page.locator("form.add-filter button[type=submit]").click();
    await page.waitForURL(/f1=status%3Aone_of%3Anew%7Cin_process/);
    await page.locator("li.chip", { hasText: "Status is een van Nieuw, In behandeling" }).waitFor();

    // A filter without a value is refused in words, before asking.
    await page.locator("#filter-column").selectOption("title");
    await page.locator("form.add-filter button[type=submit]").click();
    await page.locator("form.add-filter .form-error", { hasText: "Geef het filter een waarde." }).waitFor();

    // Grouped by priority: each group's count, on every page.
    await page.locator("#report-group").selectOption("priority");
    await page.waitForURL(/group=priority/);
    await rowsLoaded(page);
    await page.locator("table.report-groups tbody tr").first().waitFor();
    const statuses = await page.locator("table.report-table tbody td:nth-child(4)").allTextContents();
    assert.ok(statuses.length > 0, "open cases to show");
    const customised = new URL(page.url()).search;

    // Saved as a view shared with the organisation.
    await page.locator("button.save-as-view").click();
    await page.locator("#view-name").fill("Open cases by serial");
    await page.locator("#view-shared").check();
    await page.locator("form.view-form button[type=submit]").click();
    await page.waitForURL(/view=[0-9a-f-]{36}/);
    await page.locator(".saved-view-about", { hasText: "Open cases by serial" }).waitFor();
    assert.match(await page.locator(".saved-view-about").textContent(), /Gedeeld met uw organisatie/);
    const viewId = new URL(page.url()).searchParams.get("view");

    // Reloaded, the same report.
    await page.reload();
    await rowsLoaded(page);
    await page.locator("li.chip", { hasText: "Nieuw, In behandeling" }).waitFor();
    assert.equal((await headings(page))[0], "Serienummer");

    // The view's short URL opens it whole.
    await page.goto(`${portal.baseUrl}/reports?view=${viewId}`);
    await page.waitForURL(/view=.*&report=cases&columns=serial_number/);
    await rowsLoaded(page);
    assert.equal(new URL(page.url()).search, `?view=${viewId}&${customised.slice(1)}`);
    assert.equal(await page.locator("#saved-view").inputValue(), viewId);

    // Emailed every Monday: the page says when the next one goes (07:00
    // on a Monday, in her zone), and keeps it after a reload.
    await page.locator("#view-digest").selectOption("weekly");
    await page.locator(".saved-views [role=status]", { hasText: "U krijgt deze weergave per e-mail." }).waitFor();
    const next = page.locator("#view-digest-next");
    await next.filter({ hasText: /Volgende e-mail met een Excel-bestand: \d{2}-\d{2}-\d{4} 07:00/ }).waitFor();
    await page.reload();
    await rowsLoaded(page);
    assert.equal(await page.locator("#view-digest").inputValue(), "weekly");

    assert.deepEqual(await accessibilityViolations(page), []);

    // Exported to Excel: the file is named after the report and today, and
    // its sheet holds the chosen columns' headings and the serial numbers.
    const [download] = await Promise.all([page.waitForEvent("download"), page.locator("button.export-xlsx").click()]);
    assert.match(download.suggestedFilename(), /^Cases \d{4}-\d{2}-\d{2}\.xlsx$/);
    const files = unzip(await readFile(await download.path()));
    const sheet = files.find((f) => f.name === "xl/worksheets/sheet1.xml");
    assert.ok(sheet, `a sheet in ${files.map((f) => f.name)}`);
    const xml = sheet.data.toString("utf8");
    const strings = files.find((f) => f.name === "xl/sharedStrings.xml")?.data.toString("utf8") ?? "";
    const text = xml + strings;
    for (const word of ["Serienummer", "Titel", "Casenummer", "SN4001"]) {
      assert.ok(text.includes(word), `${word} in the workbook`);
    }
    await page.locator(".report-export .export-done").waitFor();
  }));

test("on a phone the report's rows are cards that fit, and the page reads well", () =>
  portal.withPage({ user: "nl.user", viewport: { width: 360, height: 780 } }, async ({ page }) => {
    // Not on the bottom bar: the home page leads there.
    await page.locator("a.reports-link").click();
    await page.locator("#report-choice").selectOption("installed_products");
    await page.waitForURL(/report=installed_products/);
    await rowsLoaded(page);
    await page.locator("li.report-card").first().waitFor();
    assert.equal(await page.locator("main table.report-table").count(), 0);
    await assertNoSidewaysScroll(page, "the reports page");
    assert.deepEqual(await accessibilityViolations(page), []);
  }));

test("a link to a view that is gone says so and shows the cases report; a column the report lacks is left out", () =>
  portal.withPage({ user: "nl.user" }, async ({ page }) => {
    await page.goto(`${portal.baseUrl}/reports?view=00000000-0000-4000-8000-000000000000`);
    await page.locator(".view-gone", { hasText: "bestaat niet meer" }).waitFor();
    await page.waitForURL(/report=cases/);
    await rowsLoaded(page);
    assert.equal(await page.locator(".page-error").count(), 0);

    await page.goto(`${portal.baseUrl}/reports?report=cases&columns=number,password_hash`);
    await rowsLoaded(page);
    assert.deepEqual(await headings(page), ["Casenummer"]);
    assert.equal(await page.locator(".view-gone").count(), 0, "the notice went with the link");
  }));
