// End of life in the browser: a hospital's engineer (nl.user, Dutch) sees
// which of their products reach their end of life or end of service, and
// when; follows every CT, and at once reads the notice about the demo's
// Brilliance CT (its end of life within twelve months), which also comes by
// email; marks the notices read; follows one product from its row and stops
// following it again.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useServerAndBrowser } from "../lib/fixture.mjs";
import { accessibilityViolations } from "../lib/axe.mjs";
import { assertNoSidewaysScroll } from "../lib/browser.mjs";

const portal = useServerAndBrowser({ smtp: true });

const BRILLIANCE = "IP-40010004";

test("nl.user follows CT and reads the Brilliance CT's end-of-life notice, on the page and by email", () =>
  portal.withPage({ user: "nl.user" }, async ({ page }) => {
    await page.locator("nav.main-nav a.nav-end-of-life").click();
    await page.locator("main h1", { hasText: "Einde levensduur" }).waitFor();

    // The products with dates, the nearest first; the Brilliance among them.
    const row = page.locator("tr.eol-row", { hasText: BRILLIANCE });
    await row.waitFor();
    assert.match(await row.textContent(), /CT/);
    assert.match(await row.locator("td").nth(3).textContent(), /^\d{2}-\d{2}-\d{4}$/, "nl.user writes dates day first");

    // Nothing followed yet, so nothing told.
    await page.locator("section.eol-notices .empty-state").waitFor();
    await page.locator("section.eol-subscriptions .empty-state").waitFor();
    assert.equal(await page.locator("button.mark-read").isDisabled(), true);
    assert.deepEqual(await accessibilityViolations(page), []);

    // Follow every CT product.
    await page.locator("#subscribe-modality").selectOption("ct");
    await page.locator("button.subscribe-button").click();
    const toast = page.locator(".toast-region .form-success");
    await toast.waitFor();
    assert.match(await toast.textContent(), /Geabonneerd.*elk CT-product/);
    const subscription = page.locator("li.subscription", { hasText: "Elk CT-product" });
    await subscription.waitFor();

    // Notices already due come at once: the Brilliance's end of life.
    const notice = page.locator("li.notice.unread", { hasText: BRILLIANCE });
    await notice.waitFor();
    assert.match(await notice.textContent(), /Nieuw/);
    assert.match(await notice.textContent(), /Einde levensduur: \d{2}-\d{2}-\d{4}/);
    assert.match(await page.locator(".unread-count").textContent(), /ongelezen/);

    // And by email, linking to this page.
    const mail = await portal.smtp.waitFor("nl.user@demo.csportal.example", /Einde levensduur/);
    assert.ok(mail.body.includes(BRILLIANCE), mail.body);
    assert.match(mail.body, /\/end-of-life/);

    // Following it again changes nothing, and says so.
    await page.locator("button.toast-dismiss").click();
    await page.locator("button.subscribe-button").click();
    await page.locator(".toast-region .form-success", { hasText: /al berichten/ }).waitFor();
    assert.equal(await page.locator("li.subscription", { hasText: "Elk CT-product" }).count(), 1);

    // Read.
    await page.locator("button.mark-read").click();
    await page.locator(".unread-count", { hasText: "Alles gelezen" }).waitFor();
    assert.equal(await page.locator("li.notice.unread").count(), 0);
    assert.equal(await page.locator("button.mark-read").isDisabled(), true);
  }));

test("a product followed from its row can be unfollowed; the modality filter stays in the URL", () =>
  portal.withPage({ user: "nl.user" }, async ({ page }) => {
    await page.goto(`${portal.baseUrl}/end-of-life`);
    await page.locator("#filter-modality").selectOption("ct");
    await page.waitForURL("**/end-of-life?modality=ct");
    const row = page.locator("tr.eol-row", { hasText: BRILLIANCE });
    await row.waitFor();
    assert.equal(await page.locator("tr.eol-row", { hasNotText: "CT" }).count(), 0);

    await row.locator("button.notify-me").click();
    await row.locator(".following").waitFor();
    const followed = page.locator("li.subscription", { hasText: BRILLIANCE });
    await followed.waitFor();

    await followed.locator("button.unsubscribe").click();
    await page.locator(".toast-region .form-success", { hasText: /Opgezegd/ }).waitFor();
    await followed.waitFor({ state: "detached" });
    await row.locator("button.notify-me").waitFor();
  }));

test("on a phone the products are cards and the page fits 360 px", () =>
  portal.withPage({ user: "nl.user", viewport: { width: 360, height: 780 } }, async ({ page }) => {
    // The link is where the thumb finds it, and stays there while the
    // home page's glance arrives (a link that moves away under the tap
    // sends the tap elsewhere).
    const link = page.locator("a.end-of-life-link");
    const before = await link.boundingBox();
    assert.ok(before.y + before.height <= 780, `the link is on the first screen, at y=${before.y}`);
    await page.locator("section.glance .see-all").first().waitFor();
    await page.locator("section.accounts[aria-busy=false]").waitFor();
    assert.equal((await link.boundingBox()).y, before.y, "the link did not move");
    await link.click();
    await page.locator("li.eol-card", { hasText: BRILLIANCE }).waitFor();
    assert.equal(await page.locator("main table").count(), 0);
    await assertNoSidewaysScroll(page, "the end-of-life page");
    assert.deepEqual(await accessibilityViolations(page), []);
  }));
