// Planning visits in the browser (the Service role): the service desk, its
// time zone set to Amsterdam, plans a visit from an installed product's
// page (a time typed in its own zone is sent as UTC; the server's field
// errors show at their fields), finds it in the calendar on its day,
// reschedules it (a change made elsewhere meanwhile, 412, reloads the visit
// and says so), and cancels it; the hospital's Manager then sees it marked
// cancelled. On a phone the form is planned from a case's page, with the
// product and the case picked, and from the calendar with the product
// searched; customers get none of it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useServerAndBrowser } from "../lib/fixture.mjs";
import { accessibilityViolations } from "../lib/axe.mjs";
import { assertNoSidewaysScroll } from "../lib/browser.mjs";

const portal = useServerAndBrowser();
const ENGINEER = "Sam Service (service organisation)";
const ZONE = "Europe/Amsterdam";

/** `fetch` of an API path as `username`, its JSON body and response. */
async function api(username, path, { method = "GET", body, headers = {} } = {}) {
  const response = await fetch(`${portal.baseUrl}/api/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${await portal.apiToken(username)}`,
      ...(body ? { "content-type": "application/json" } : {}),
      ...headers,
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  return { response, json: text ? JSON.parse(text) : undefined, text };
}

async function productId(number) {
  const { json } = await api("service", `/installed-products?q=${number}`);
  return json.items.find((p) => p.number === number).id;
}

/** The day `days` from now, `YYYY-MM-DD`. */
function dayFromNow(days) {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** The instant that reads `time` on `day` in Amsterdam (UTC+1 or UTC+2). */
function amsterdamInstant(day, time) {
  const [y, m, d] = day.split("-").map(Number);
  const [h, min] = time.split(":").map(Number);
  const clock = new Intl.DateTimeFormat("en-GB", { timeZone: ZONE, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  for (const offset of [1, 2]) {
    const at = new Date(Date.UTC(y, m - 1, d, h - offset, min));
    if (clock.format(at) === time) return at;
  }
  throw new Error(`no instant reads ${day} ${time} in ${ZONE}`);
}

/** Fills the plan's start and end (the form's date and time inputs). */
async function fillWindow(page, day, from, until, endDay = day) {
  await page.locator("#visit-start-date").fill(day);
  await page.locator("#visit-start-time").fill(from);
  await page.locator("#visit-end-date").fill(endDay);
  await page.locator("#visit-end-time").fill(until);
}

/** Puts the service desk in Amsterdam, so that its typed times are not UTC. */
async function serviceInAmsterdam() {
  const { response, text } = await api("service", "/me/settings", {
    method: "PATCH",
    body: { language: "en", time_zone: ZONE, date_format: "iso", time_format: "h24" },
  });
  assert.equal(response.status, 200, text);
}

test("the service desk plans, reschedules and cancels a visit; the customer sees it cancelled", async () => {
  await serviceInAmsterdam();
  const product = await productId("IP-40010001");
  const day = dayFromNow(12);
  const later = dayFromNow(13);
  const manager = (await api("nl.manager", "/me")).json;

  await portal.withPage({ user: "service" }, async ({ page }) => {
    // From the product's page: the form opens with the product picked.
    await page.goto(`${portal.baseUrl}/installed-products/${product}`);
    await page.locator("a.plan-visit").click();
    await page.waitForURL(new RegExp(`/calendar/new\\?product=${product}$`));
    await page.locator("main h1", { hasText: "Plan a visit" }).waitFor();
    await page.locator(".selected-product", { hasText: "IP-40010001" }).waitFor();
    assert.match(await page.locator("#visit-zone").textContent(), /Europe\/Amsterdam/);
    await page.locator(`#visit-engineer option`, { hasText: ENGINEER }).waitFor({ state: "attached" });

    // An end before the start is caught before sending, at the end.
    await page.locator("#visit-type").selectOption("preventive_maintenance");
    await fillWindow(page, day, "10:00", "09:00");
    await page.locator("#visit-engineer").selectOption({ label: ENGINEER });
    await page.locator("form.visit-form button[type=submit]").click();
    await page.locator("#visit-end-error", { hasText: "The end must be after the start" }).waitFor();
    assert.equal(await page.locator("#visit-end-time").getAttribute("aria-invalid"), "true");
    await page.locator("#visit-errors li a", { hasText: "End" }).waitFor();
    assert.deepEqual(await accessibilityViolations(page), [], "the form with an error");

    // The server's own refusal (here: a customer sent as the engineer) is
    // shown at its field, in words.
    await page.route(
      "**/api/v1/planned-events",
      async (route) => {
        const body = JSON.parse(route.request().postData());
        body.plan.engineer_id = manager.id;
        await route.continue({ postData: JSON.stringify(body) });
      },
      { times: 1 },
    );
    await page.locator("#visit-end-time").fill("12:00");
    await page.locator("form.visit-form button[type=submit]").click();
    await page.locator("#visit-engineer-error", { hasText: "Choose an active service engineer." }).waitFor();
    await page.locator("#visit-errors li a", { hasText: "Engineer" }).waitFor();
    // What was typed is kept.
    assert.equal(await page.locator("#visit-start-time").inputValue(), "10:00");

    // Planned: the visit's page says so.
    await page.locator("form.visit-form button[type=submit]").click();
    await page.waitForURL(/\/calendar\/[0-9a-f-]{36}$/);
    await page.locator("p.flash", { hasText: "The visit is planned." }).waitFor();
    const id = new URL(page.url()).pathname.split("/").pop();
    await page.locator("dl.facts dd", { hasText: `${day} 10:00 – 12:00 (Europe/Amsterdam)` }).waitFor();
    await page.locator("dl.facts dd", { hasText: ENGINEER }).waitFor();
    // Typed in Amsterdam, stored in UTC.
    const planned = (await api("service", `/planned-events/${id}`)).json;
    assert.equal(new Date(planned.planned_start).getTime(), amsterdamInstant(day, "10:00").getTime());
    assert.equal(new Date(planned.planned_end).getTime(), amsterdamInstant(day, "12:00").getTime());
    assert.equal(planned.status, "tentative");

    // The calendar shows it on its day.
    await page.goto(`${portal.baseUrl}/calendar?date=${day}`);
    const cell = page.locator(`td.month-day:has(time[datetime="${day}"])`);
    const chip = cell.locator("a.event-chip", { hasText: "IP-40010001" });
    await chip.waitFor();
    assert.match(await chip.textContent(), /10:00–12:00/);

    // Reschedule: the form opens filled in with the plan.
    await chip.click();
    await page.waitForURL(new RegExp(`/calendar/${id}`));
    await page.locator("button.reschedule-open").click();
    const form = page.locator("form.reschedule-form");
    await form.waitFor();
    assert.equal(await page.locator("#visit-start-date").inputValue(), day);
    assert.equal(await page.locator("#visit-start-time").inputValue(), "10:00");
    assert.equal(await page.locator("#visit-end-time").inputValue(), "12:00");
    await page.locator(`#visit-engineer option:checked`, { hasText: ENGINEER }).waitFor({ state: "attached" });
    assert.deepEqual(await accessibilityViolations(page), [], "the event page with the reschedule form");
    await fillWindow(page, later, "13:00", "15:30");
    await form.locator("button[type=submit]").click();
    await page.locator("p.form-success", { hasText: "The visit is rescheduled." }).waitFor();
    await page.locator("dl.facts dd", { hasText: `${later} 13:00 – 15:30 (Europe/Amsterdam)` }).waitFor();
    await page.locator("dl.facts dd", { hasText: ENGINEER }).waitFor();

    // Someone else confirms it meanwhile: the next change is refused
    // (412), the visit reloads, the form says so and keeps what was typed.
    await page.locator("button.reschedule-open").click();
    await form.waitFor();
    const current = await api("service", `/planned-events/${id}`);
    const etag = current.response.headers.get("etag");
    assert.match(etag ?? "", /^"v\d+"$/);
    const plan = current.json;
    const confirmed = await api("service", `/planned-events/${id}`, {
      method: "PUT",
      headers: { "if-match": etag },
      body: {
        event_type: plan.event_type,
        status: "confirmed",
        planned_start: plan.planned_start,
        planned_end: plan.planned_end,
        engineer_id: null,
        service_type: plan.service_type,
        case_id: null,
      },
    });
    assert.equal(confirmed.response.status, 200, confirmed.text);
    await page.locator("#visit-end-time").fill("16:00");
    await form.locator("button[type=submit]").click();
    await form.locator("p.form-error[role=alert]", { hasText: "changed this visit meanwhile" }).waitFor();
    await page.locator(".title-row span.status-badge.event-status-confirmed").waitFor();
    assert.equal(await page.locator("#visit-end-time").inputValue(), "16:00");
    await form.locator("button[type=submit]").click();
    await page.locator("p.form-success", { hasText: "The visit is rescheduled." }).waitFor();
    await page.locator("dl.facts dd", { hasText: `${later} 13:00 – 16:00` }).waitFor();

    // Cancel: asked first, then the visit is cancelled and can no longer be planned.
    await page.locator("button.cancel-visit").click();
    await page.locator("#cancel-question").waitFor();
    assert.match(await page.locator("#cancel-question").textContent(), /Cancel this visit\?/);
    // "Keep the visit" closes the question and gives the focus back.
    await page.locator("button.confirm-cancel", { hasText: "Keep the visit" }).click();
    await page.waitForFunction(() => document.activeElement?.id === "cancel-visit");
    await page.locator("button.cancel-visit").click();
    await page.locator("button.confirm-yes", { hasText: "Yes, cancel the visit" }).click();
    await page.locator("p.form-success", { hasText: "The visit is cancelled." }).waitFor();
    await page.locator(".title-row span.status-badge.event-status-cancelled").waitFor();
    assert.equal(await page.locator("section.plan-panel").count(), 0);
    const cancelled = (await api("service", `/planned-events/${id}`)).json;
    assert.equal(cancelled.status, "cancelled");
    assert.equal(cancelled.engineer, ENGINEER, "cancelling keeps the engineer");

    // The customer's Manager sees it cancelled, on its new day, and has no planning controls.
    await portal.withPage({ user: "nl.manager" }, async ({ page: customer }) => {
      await customer.goto(`${portal.baseUrl}/calendar?view=list&date=${later}`);
      const row = customer.locator("tr.event-row", { hasText: "IP-40010001" });
      await row.waitFor();
      assert.match(await row.textContent(), /Geannuleerd/);
      assert.equal(await customer.locator("a.plan-visit").count(), 0);
      await customer.goto(`${portal.baseUrl}/calendar/${id}`);
      await customer.locator(".title-row span.status-badge.event-status-cancelled", { hasText: "Geannuleerd" }).waitFor();
      assert.equal(await customer.locator("section.plan-panel").count(), 0);
      assert.equal(await customer.locator("section.answer-panel").count(), 0);
      // The form itself refuses a customer.
      await customer.goto(`${portal.baseUrl}/calendar/new?product=${product}`);
      await customer.locator("main p.page-error[role=alert]", { hasText: "serviceorganisatie" }).waitFor();
    });
  });
});

test("on a phone a visit is planned from a case's page and from the calendar, by keyboard", async () => {
  await serviceInAmsterdam();
  const product = await productId("IP-40010002");
  const created = await api("nl.user", "/cases", {
    method: "POST",
    body: { installed_product_id: product, priority: 3, description: "Gantry fan noisy; please plan a visit" },
  });
  assert.equal(created.response.status, 201, created.text);
  const kase = created.json; // the summary is flattened into the detail
  const day = dayFromNow(20);

  await portal.withPage({ user: "service", viewport: { width: 360, height: 740 } }, async ({ page }) => {
    // From the case's page: the product and the case are picked.
    await page.goto(`${portal.baseUrl}/cases/${kase.id}`);
    await page.locator("section.service-actions a.plan-visit").click();
    await page.waitForURL(/\/calendar\/new\?product=.*&case=/);
    await page.locator(".selected-product", { hasText: "IP-40010002" }).waitFor();
    await page.locator(`#visit-case option[value="${kase.id}"]`).waitFor({ state: "attached" });
    assert.equal(await page.locator("#visit-case").inputValue(), kase.id);
    assert.equal(await page.locator("#visit-type").inputValue(), "corrective_maintenance");
    await assertNoSidewaysScroll(page, "the visit form");
    assert.deepEqual(await accessibilityViolations(page), [], "the visit form on a phone");

    // By keyboard: the status is a radio group (arrow keys), the date and
    // time fields follow one another, Enter on the button sends.
    await fillWindow(page, day, "08:30", "10:00");
    await page.locator("#visit-status-tentative").focus();
    await page.keyboard.press("ArrowDown");
    assert.equal(await page.locator("#visit-status-confirmed").isChecked(), true);
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement?.id), "visit-start-date");
    await page.locator("form.visit-form button[type=submit]").focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/calendar\/[0-9a-f-]{36}$/);
    await page.locator("p.flash", { hasText: "The visit is planned." }).waitFor();
    await page.locator("dl.facts a.case-link", { hasText: kase.number }).waitFor();
    await page.locator(".title-row span.status-badge.event-status-confirmed").waitFor();
    await assertNoSidewaysScroll(page, "the event page");

    // From the calendar, on the day it shows: the product is searched.
    await page.goto(`${portal.baseUrl}/calendar?date=${day}`);
    await page.locator("a.plan-visit").click();
    await page.waitForURL(new RegExp(`/calendar/new\\?date=${day}$`));
    assert.equal(await page.locator("#visit-start-date").inputValue(), day);
    // Nothing chosen yet: the product is asked for.
    await page.locator("form.visit-form button[type=submit]").click();
    await page.locator("#visit-product-search-error", { hasText: "Choose the installed product." }).waitFor();
    await page.locator("#visit-product-search").fill("IP-40010002");
    await page.locator("#visit-product-search").press("Enter");
    await page.locator(".product-choice button", { hasText: "IP-40010002" }).click();
    await page.locator(".selected-product", { hasText: "IP-40010002" }).waitFor();
    assert.equal(await page.locator("#visit-case").inputValue(), "");
    await page.locator("#visit-service-type").selectOption("remote");
    await page.locator("form.visit-form button[type=submit]").click();
    await page.locator("p.flash", { hasText: "The visit is planned." }).waitFor();
    await page.locator("dl.facts dd", { hasText: "Remote" }).waitFor();
  });

  // A customer's calendar has no way to plan.
  await portal.withPage({ user: "nl.manager" }, async ({ page }) => {
    await page.goto(`${portal.baseUrl}/calendar?date=${day}`);
    await page.locator("main h1").waitFor();
    await page.locator(`td.month-day:has(time[datetime="${day}"]) a.event-chip`).first().waitFor();
    assert.equal(await page.locator("a.plan-visit").count(), 0);
  });
});
