// Two-step login on the Settings page, after it is on: new recovery codes
// (confirmed with the password, which is required), then turning it off.
import { test } from "node:test";
import assert from "node:assert/strict";
import { PASSWORD, useServerAndBrowser } from "../lib/fixture.mjs";
import { turnOnTwoStepLogin } from "../lib/mfa.mjs";

const portal = useServerAndBrowser();

test("a user with two-step login makes new recovery codes and turns it off, each confirmed with the password", async () => {
  const { context, page, faults } = await portal.newPage();
  await portal.signIn(page, "dk.viewer");
  const first = await turnOnTwoStepLogin(page);

  // New codes: the password is required, then the new codes replace the old.
  await page.goto(`${portal.baseUrl}/settings`);
  await page.locator("button.mfa-new-codes").click();
  await page.locator("form.mfa-confirm button.confirm-yes").click();
  await page.locator("#mfa-password-error").waitFor();
  assert.equal(await page.locator("#mfa-password").getAttribute("aria-invalid"), "true");
  await page.locator("#mfa-password").fill(PASSWORD);
  await page.locator("form.mfa-confirm button.confirm-yes").click();
  await page.locator(".mfa-new-codes-box ul#recovery-codes li").first().waitFor();
  const renewed = (await page.locator(".mfa-new-codes-box ul#recovery-codes li").allTextContents()).map((c) => c.trim());
  assert.equal(renewed.length, 10);
  assert.notDeepEqual(renewed, first);
  await page.locator(".mfa-new-codes-box button.codes-saved").click();
  assert.equal(await page.locator(".mfa-new-codes-box").count(), 0);

  // Cancelling asks nothing; turning off takes the password and offers turning on again.
  await page.locator("button.mfa-turn-off").click();
  await page.locator("form.mfa-confirm button.confirm-cancel").click();
  assert.equal(await page.locator("form.mfa-confirm").count(), 0);
  await page.locator("button.mfa-turn-off").click();
  await page.locator("#mfa-password").fill(PASSWORD);
  await page.locator("form.mfa-confirm button.confirm-yes").click();
  await page.locator(".mfa-panel .form-live .form-success").waitFor();
  await page.locator("a.mfa-turn-on").waitFor();
  assert.deepEqual(faults, []);
  await context.close();
});
