// Changing one's own email address on one's user page: the password is
// asked for first, the old address is told, and one's other sessions end.
import { test } from "node:test";
import assert from "node:assert/strict";
import { PASSWORD, useServerAndBrowser } from "../lib/fixture.mjs";

const portal = useServerAndBrowser({ smtp: true });

test("a Manager changes their own address with their password; the old address hears of it and the phone is signed out", async () => {
  const laptop = await portal.newPage();
  await portal.signIn(laptop.page, "nl.manager");
  const phone = await portal.newPage({ viewport: { width: 360, height: 780 } });
  await portal.signIn(phone.page, "nl.manager");

  const { page } = laptop;
  await page.goto(`${portal.baseUrl}/users?q=nl.manager`);
  await page.locator("a.user-link", { hasText: "Anna de Vries" }).first().click();
  await page.locator("#email").waitFor();
  // The password field shows only once the address differs.
  assert.equal(await page.locator("#own-email-password").count(), 0);
  await page.locator("#email").fill("anna.devries@lindenhaven.example");
  await page.locator("#own-email-password").waitFor();

  // Without the password nothing is sent, and the summary says what is missing.
  await page.locator("form.user-form button[type=submit]").click();
  await page.locator("#edit-user-errors a[href='#own-email-password']").waitFor();

  await page.locator("#own-email-password").fill(PASSWORD);
  await page.locator("form.user-form button[type=submit]").click();
  await page.locator("form.user-form .form-success").waitFor();
  assert.equal(await page.locator("#own-email-password").count(), 0, "the field goes with the change");

  const told = await portal.smtp.waitFor("nl.manager@demo.csportal.example", /e-mailadres/i);
  assert.match(told.body, /anna\.devries@lindenhaven\.example/);

  // The laptop that made the change stays signed in; the phone is signed out.
  await page.goto(`${portal.baseUrl}/cases`);
  await page.locator("header .user-name").waitFor();
  await phone.page.goto(`${portal.baseUrl}/cases`);
  await phone.page.waitForURL(/\/login/);

  for (const side of [laptop, phone]) {
    assert.deepEqual(side.faults, []);
    await side.context.close();
  }
});
