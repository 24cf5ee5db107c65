// The service desk in the browser: a customer logs a case, the `service`
// user finds it in the Service queue, assigns it to an engineer and moves it
// to In process with a note; the customer's case page then shows both. A
// change made elsewhere meanwhile (412) reloads the case and says so.
// Customers see neither the queue nor the service actions.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useServerAndBrowser } from "../lib/fixture.mjs";
import { accessibilityViolations } from "../lib/axe.mjs";
import { assertNoSidewaysScroll, assertRefused } from "../lib/browser.mjs";
import { fillCaseForm, openCaseForm, submitCase } from "../lib/cases.mjs";

const portal = useServerAndBrowser();
const ENGINEER = "Sam Service (service organisation)";

/** The id of a case from its page's URL. */
function caseId(page) {
  return new URL(page.url()).pathname.split("/").pop();
}

test("the service desk assigns a customer's case and moves it to In process", async () => {
  // A User logs a priority-2 case.
  const customer = await portal.newPage();
  await portal.signIn(customer.page, "nl.user");
  await openCaseForm(customer.page, "IP-40010002");
  await fillCaseForm(customer.page, { priority: 2, description: "Table does not move after the software update" });
  const number = await submitCase(customer.page);
  const caseUrl = customer.page.url();
  // Customers get neither the queue nor the service actions.
  assert.equal(await customer.page.locator("a.nav-service-queue").count(), 0);
  assert.equal(await customer.page.locator("section.service-actions").count(), 0);

  // The service desk finds it in its queue, unassigned.
  const desk = await portal.newPage();
  await portal.signIn(desk.page, "service");
  await desk.page.locator("a.nav-service-queue").first().click();
  await desk.page.locator("main h1", { hasText: "Service queue" }).waitFor();
  await desk.page.locator("#filter-priority").selectOption("2");
  await desk.page.waitForURL(/[?&]priority=2/);
  await desk.page.locator("#filter-assignment").selectOption("unassigned");
  await desk.page.waitForURL(/[?&]unassigned=true/);
  // The rows of the last filter stay, dimmed, until the new answer comes:
  // wait for the new one (axe would rightly fault the dimmed text).
  await desk.page.waitForLoadState("networkidle");
  const row = desk.page.locator('.results[aria-busy="false"] tr.queue-row', { hasText: number });
  await row.waitFor();
  assert.match(await row.textContent(), /Unassigned/);
  assert.match(await row.locator(".waited").textContent(), / of 4 h$/);
  assert.deepEqual(await accessibilityViolations(desk.page), [], "service queue");

  // The case page: assign the engineer, then move the status with a note.
  await row.locator("a.case-link").click();
  await desk.page.locator("h1.case-title", { hasText: "Table does not move" }).waitFor();
  const actions = desk.page.locator("section.service-actions");
  await actions.waitFor();
  await desk.page.locator(`#assign-engineer option`, { hasText: ENGINEER }).waitFor({ state: "attached" });
  await desk.page.locator("#assign-engineer").selectOption({ label: ENGINEER });
  await desk.page.locator("form.assign-engineer button[type=submit]").click();
  await desk.page.locator("form.assign-engineer p.form-success", { hasText: "Engineer saved." }).waitFor();
  await desk.page.locator("dl.facts dd", { hasText: ENGINEER }).waitFor();

  await desk.page.locator("#next-status").selectOption("in_process");
  await desk.page.locator("#status-note").fill("Engineer booked for tomorrow morning");
  await desk.page.locator("form.move-status-form button[type=submit]").click();
  await desk.page.locator(".move-status p.form-success", { hasText: "Status moved." }).waitFor();
  await desk.page.locator("span.status-badge.status-in_process").waitFor();
  await desk.page.locator("ol.timeline li.activity", { hasText: "Engineer booked for tomorrow morning" }).waitFor();
  assert.deepEqual(await accessibilityViolations(desk.page), [], "case page with the service actions");

  // The customer sees the engineer and the new status.
  await customer.page.goto(caseUrl);
  await customer.page.locator("span.status-badge.status-in_process").waitFor();
  await customer.page.locator("dl.facts dd", { hasText: ENGINEER }).waitFor();
  assert.equal(await customer.page.locator("section.service-actions").count(), 0);
  assert.equal(await customer.page.locator("form.add-external-remark").count(), 0);

  // Someone else changes the case meanwhile: the next action is refused
  // (412), the case reloads and the page says so.
  const id = caseId(desk.page);
  const authorization = `Bearer ${await portal.apiToken("service")}`;
  const current = await fetch(`${portal.baseUrl}/api/v1/cases/${id}`, { headers: { authorization } });
  const etag = current.headers.get("etag");
  assert.match(etag ?? "", /^"v\d+"$/);
  const waiting = await fetch(`${portal.baseUrl}/api/v1/cases/${id}/waiting-for-customer`, {
    method: "PUT",
    headers: { authorization, "content-type": "application/json", "if-match": etag },
    body: JSON.stringify({ waiting: true, note: "Please send the table's error log" }),
  });
  assert.equal(waiting.status, 200, await waiting.text());
  await desk.page.locator("#next-status").selectOption("fixed");
  await desk.page.locator("form.move-status-form button[type=submit]").click();
  await desk.page.locator(".move-status p.form-error[role=alert]", { hasText: "changed the case meanwhile" }).waitFor();
  // Reloaded: the wait set elsewhere shows, and the status did not move.
  await desk.page.locator("form.stop-waiting-form").waitFor();
  await desk.page.locator("span.status-badge.status-in_process").waitFor();
  // Stop waiting, from the reloaded case.
  await desk.page.locator("form.stop-waiting-form button[type=submit]").click();
  await desk.page.locator(".waiting-for-customer p.form-success").waitFor();
  await desk.page.locator("#wait-note").waitFor();

  assert.deepEqual(customer.faults, []);
  assert.deepEqual(desk.faults, []);
  await customer.context.close();
  await desk.context.close();
});

test("on a phone the queue shows cards and keeps its filters in the URL", () =>
  portal.withPage({ user: "service", viewport: { width: 360, height: 780 } }, async ({ page }) => {
    await page.goto(`${portal.baseUrl}/service/queue?waiting_for_customer=false`);
    await page.locator('.results[aria-busy="false"] .cards > li.queue-card').first().waitFor();
    assert.equal(await page.locator("main table").count(), 0);
    assert.equal(await page.locator("#filter-waiting").inputValue(), "false");
    await assertNoSidewaysScroll(page, "the service queue");
    // The "assigned to me" choice names the signed-in engineer.
    await page.locator("#filter-assignment").selectOption("me");
    await page.waitForURL(/[?&]assignee=[0-9a-f-]{36}/);
    assert.match(page.url(), /waiting_for_customer=false/);
    assert.equal(await page.locator("#filter-assignment").inputValue(), "me");
    // The cards of the last filter stay, dimmed, until the new answer comes.
    await page.waitForLoadState("networkidle");
    await page.locator('.results[aria-busy="false"]').waitFor();
    assert.deepEqual(await accessibilityViolations(page), [], "service queue on a phone");
  }));

test("the queue refreshes itself every 30 seconds, keeping the view, the scroll position and the focus", () =>
  portal.withPage({ viewport: { width: 1280, height: 480 } }, async ({ page }) => {
    await page.clock.install();
    await portal.signIn(page, "service");
    const view = `${portal.baseUrl}/service/queue?waiting_for_customer=false`;
    await page.goto(view);
    const unassigned = page
      .locator('.results[aria-busy="false"] tr.queue-row', { has: page.locator("td.queue-engineer", { hasText: "Unassigned" }) })
      .first();
    await unassigned.waitFor();
    const number = (await unassigned.locator("a.case-link").textContent()).trim();
    const href = await unassigned.locator("a.case-link").getAttribute("href");
    await unassigned.locator("a.case-link").focus();
    const scrolled = await page.evaluate(() => {
      window.scrollTo(0, document.documentElement.scrollHeight);
      return window.scrollY;
    });
    assert.ok(scrolled > 0, "the queue scrolls at this height");
    // Anything that would flash a loading state over the rows.
    await page.evaluate(() => {
      window.sawLoading = false;
      new MutationObserver(() => {
        if (document.querySelector("main .loading, .results.stale")) window.sawLoading = true;
      }).observe(document.querySelector("main"), { subtree: true, childList: true, attributes: true });
    });

    // Meanwhile the case is assigned elsewhere.
    const authorization = `Bearer ${await portal.apiToken("service")}`;
    const engineers = await (await fetch(`${portal.baseUrl}/api/v1/service/engineers`, { headers: { authorization } })).json();
    const engineer = engineers.items.find((e) => e.display_name === ENGINEER);
    const id = href.split("/").pop();
    const current = await fetch(`${portal.baseUrl}/api/v1/cases/${id}`, { headers: { authorization } });
    const assigned = await fetch(`${portal.baseUrl}/api/v1/cases/${id}/assignee`, {
      method: "PUT",
      headers: { authorization, "content-type": "application/json", "if-match": current.headers.get("etag") },
      body: JSON.stringify({ engineer_id: engineer.id }),
    });
    assert.equal(assigned.status, 200, await assigned.text());

    await page.clock.fastForward(30_000);
    await page.locator("tr.queue-row", { hasText: number }).locator("td.queue-engineer", { hasText: ENGINEER }).waitFor();
    await page.waitForFunction((link) => document.activeElement?.getAttribute("href") === link, href);
    assert.equal(page.url(), view);
    assert.equal(await page.evaluate(() => window.scrollY), scrolled);
    assert.equal(await page.evaluate(() => window.sawLoading), false);
  }));

test("a customer is refused the queue, and the service desk logs a phoned-in case with the caller", async () => {
  await portal.withPage({ user: "nl.manager" }, async ({ page }) => {
    await assertRefused(page, `${portal.baseUrl}/service/queue`, ["a.nav-service-queue"]);
  });

  await portal.withPage({ user: "service" }, async ({ page }) => {
    await openCaseForm(page, "IP-40010002");
    assert.match(await page.locator("p.case-form-intro").textContent(), /phoned in/);
    await fillCaseForm(page, { priority: 3, description: "Caller reports a noisy gantry fan" });
    await page.locator("form.case-form button[type=submit]").click();
    // The caller's name and number are required.
    await page.locator("#case-contact-name-error").waitFor();
    await page.locator("#case-contact-phone-error").waitFor();
    await page.locator("#case-contact-name").fill("Eva de Vries");
    await page.locator("#case-contact-phone").fill("+31 24 361 1111");
    await submitCase(page);
    await page.locator("section.service-actions").waitFor();
  });
});
