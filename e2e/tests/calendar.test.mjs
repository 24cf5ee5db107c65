// The calendar in the browser: the service side plans a tentative visit
// on a hospital's scanner; the hospital's Manager finds it in the calendar
// list, opens it and accepts it with a note; the Manager then subscribes a
// calendar program to the private feed, which holds the visit, confirmed.
// On a phone the home page leads to the calendar, and the month becomes a
// list of days, without sideways scrolling.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useServerAndBrowser } from "../lib/fixture.mjs";
import { assertNoSidewaysScroll } from "../lib/browser.mjs";
import { accessibilityViolations } from "../lib/axe.mjs";

const portal = useServerAndBrowser();

/** Plans a tentative visit on `number`, `days` from now, 09:00-11:00 UTC. */
async function planVisit(number, days) {
  const authorization = `Bearer ${await portal.apiToken("service")}`;
  const found = await fetch(`${portal.baseUrl}/api/v1/installed-products?q=${number}`, { headers: { authorization } });
  const product = (await found.json()).items.find((p) => p.number === number);
  const day = new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  const response = await fetch(`${portal.baseUrl}/api/v1/planned-events`, {
    method: "POST",
    headers: { authorization, "content-type": "application/json" },
    body: JSON.stringify({
      installed_product_id: product.id,
      plan: {
        event_type: "preventive_maintenance",
        status: "tentative",
        planned_start: `${day}T09:00:00Z`,
        planned_end: `${day}T11:00:00Z`,
        engineer_id: null,
        service_type: "onsite",
        case_id: null,
      },
    }),
  });
  const body = await response.text();
  assert.equal(response.status, 201, body);
  return JSON.parse(body);
}

test("a Manager accepts a tentative visit from the calendar and subscribes to the feed that holds it", async () => {
  const visit = await planVisit("IP-40010001", 5);
  await portal.withPage({ user: "nl.manager" }, async ({ page }) => {
    await page.locator("a.nav-calendar").first().click();
    await page.waitForURL(/\/calendar/);
    await page.goto(`${portal.baseUrl}/calendar?view=list`);
    const row = page.locator("tr.event-row", { hasText: "IP-40010001" });
    await row.waitFor();
    // The type is named in words, not only by its colour.
    assert.match(await row.textContent(), /Preventief/);
    await row.locator("a.event-link").click();
    await page.waitForURL(new RegExp(`/calendar/${visit.id}`));
    await page.locator("#answer-note").fill("De ruimte is vrij vanaf 08:30.");
    await page.locator("button.answer-accept").click();
    await page.locator("p.form-success", { hasText: "bevestigd" }).waitFor();
    assert.deepEqual(await accessibilityViolations(page), []);

    await page.goto(`${portal.baseUrl}/calendar`);
    await page.locator("button.subscribe-button").click();
    await page.locator("dialog.feed-dialog button.button-primary").click();
    const url = await page.locator("#feed-url").inputValue();
    assert.match(url, /\/api\/v1\/calendar\/feeds\/[A-Za-z0-9_-]+$/);
    await page.locator("dialog.feed-dialog img.qr-code").waitFor();
    await page.keyboard.press("Escape");
    await page.locator("dialog.feed-dialog").waitFor({ state: "hidden" });

    const feed = await fetch(url.replace(/^https?:\/\/[^/]+/, portal.baseUrl));
    assert.equal(feed.status, 200);
    const ics = await feed.text();
    assert.match(ics, new RegExp(`UID:${visit.id}@csportal`));
    assert.match(ics, /STATUS:CONFIRMED/);
    assert.match(ics, /TZID:Europe\/Amsterdam/);
  });
});

test("on a phone the calendar reads as a list of days without sideways scrolling", () =>
  portal.withPage({ user: "nl.manager", viewport: { width: 360, height: 740 } }, async ({ page }) => {
    const visit = await planVisit("IP-40010002", 2);
    // Not on the phone's bottom bar: the home page leads to the calendar.
    await page.locator(".calendar-link a").click();
    await page.waitForURL(/\/calendar$/);
    const day = visit.planned_start.slice(0, 10);
    await page.goto(`${portal.baseUrl}/calendar?view=month&date=${day}`);
    await page.locator("main h1").waitFor();
    await page.locator(".day-event-link", { hasText: "IP-40010002" }).first().waitFor();
    await assertNoSidewaysScroll(page);
  }));
