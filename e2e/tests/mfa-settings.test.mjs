// Two-step login on the Settings page, after it is on: new recovery codes,
// a new authenticator app and turning it off, each confirmed with the
// password and a current code from the app (or a recovery code). Without
// the code, or with a wrong one, the form says so next to the field and
// nothing changes. On a 360 px phone, as the smallest screen the portal
// supports.
import { test } from "node:test";
import assert from "node:assert/strict";
import { PASSWORD, useServerAndBrowser } from "../lib/fixture.mjs";
import { accessibilityViolations } from "../lib/axe.mjs";
import { assertNoSidewaysScroll } from "../lib/browser.mjs";
import { confirmSetup, finishSetup, freshTotp, turnOnTwoStepLogin } from "../lib/mfa.mjs";

const portal = useServerAndBrowser();

const PHONE = { width: 360, height: 780 };
// dk.viewer reads the portal in English.
const REQUIRED = "This field is required.";
const WRONG_CODE = /The code is wrong or was used already/;

/** The confirmation of the Settings page, sent with what is filled in. */
async function sendConfirmation(page) {
  await page.locator("form.mfa-confirm button.confirm-yes").click();
}

test("a user with two-step login confirms new recovery codes, a new app and turning it off with the password and a current code", () =>
  portal.withPage({ user: "dk.viewer", viewport: PHONE }, async ({ page }) => {
    const first = await turnOnTwoStepLogin(page);
    assert.equal(first.codes.length, 10);

    // New codes: the password and a code are required, each said next to its field.
    await page.goto(`${portal.baseUrl}/settings`);
    await page.locator("button.mfa-new-codes").click();
    await sendConfirmation(page);
    await page.locator("#mfa-password-error").waitFor();
    assert.equal(await page.locator("#mfa-password").getAttribute("aria-invalid"), "true");
    assert.equal(await page.locator("#mfa-confirm-code").getAttribute("aria-invalid"), "true");
    assert.equal(await page.locator("#mfa-confirm-code").getAttribute("aria-describedby"), "mfa-confirm-code-error");
    assert.equal(await page.locator("#mfa-confirm-code-error").textContent(), REQUIRED);
    // A recovery code has letters: an ordinary keyboard, filled in by the app.
    assert.equal(await page.locator("#mfa-confirm-code").getAttribute("inputmode"), null);
    assert.equal(await page.locator("#mfa-confirm-code").getAttribute("autocomplete"), "one-time-code");
    assert.equal(await page.locator("label[for=mfa-confirm-code]").count(), 1);
    assert.deepEqual(await accessibilityViolations(page), [], "settings, confirmation with errors");
    await assertNoSidewaysScroll(page, "the Settings page's confirmation");
    // The password alone is not enough.
    await page.locator("#mfa-password").fill(PASSWORD);
    await sendConfirmation(page);
    await page.locator("#mfa-confirm-code-error").waitFor();
    assert.equal(await page.locator(".mfa-new-codes-box").count(), 0);
    await page.locator("#mfa-confirm-code").fill(await freshTotp(first.secret));
    await sendConfirmation(page);
    await page.locator(".mfa-new-codes-box ul#recovery-codes li").first().waitFor();
    const renewed = (await page.locator(".mfa-new-codes-box ul#recovery-codes li").allTextContents()).map((c) => c.trim());
    assert.equal(renewed.length, 10);
    assert.notDeepEqual(renewed, first.codes);
    await page.locator(".mfa-new-codes-box button.codes-saved").click();
    assert.equal(await page.locator(".mfa-new-codes-box").count(), 0);

    // A new app: the setup page asks for the password and a code of the app
    // in use before any QR code; here a recovery code stands in for it.
    await page.locator("a.mfa-replace").click();
    await page.waitForURL(/\/mfa-setup$/);
    await page.locator("#mfa-setup-password").fill(PASSWORD);
    await page.locator("form.mfa-confirm-form button[type=submit]").click();
    await page.locator("#mfa-confirm-code-error").waitFor();
    assert.equal(await page.locator("#mfa-confirm-code-error").textContent(), REQUIRED);
    assert.equal(await page.locator("img.qr-code").count(), 0);
    assert.deepEqual(await accessibilityViolations(page), [], "setup confirmation with an error");
    await assertNoSidewaysScroll(page, "the setup page's confirmation");
    await confirmSetup(page, { code: renewed[0] });
    const second = await finishSetup(page);
    assert.notEqual(second.secret, first.secret);
    await page.waitForURL(/\/settings$/);

    // Turning off: cancelling asks nothing; without the code, or with a wrong
    // one, it stays on.
    await page.locator("button.mfa-turn-off").click();
    await page.locator("form.mfa-confirm button.confirm-cancel").click();
    assert.equal(await page.locator("form.mfa-confirm").count(), 0);
    await page.locator("button.mfa-turn-off").click();
    await page.locator("#mfa-password").fill(PASSWORD);
    await sendConfirmation(page);
    await page.locator("#mfa-confirm-code-error").waitFor();
    assert.equal(await page.locator("#mfa-confirm-code-error").textContent(), REQUIRED);
    await page.locator("#mfa-confirm-code").fill("000000");
    await sendConfirmation(page);
    await page.waitForFunction(() => /wrong or was used/.test(document.getElementById("mfa-confirm-code-error")?.textContent ?? ""));
    assert.match(await page.locator("#mfa-confirm-code-error").textContent(), WRONG_CODE);
    await page.reload();
    await page.locator("button.mfa-turn-off").waitFor();
    assert.equal(await page.locator("a.mfa-turn-on").count(), 0);

    // With the password and a current code of the new app, it turns off.
    await page.locator("button.mfa-turn-off").click();
    await page.locator("#mfa-password").fill(PASSWORD);
    await page.locator("#mfa-confirm-code").fill(await freshTotp(second.secret));
    await sendConfirmation(page);
    await page.locator(".mfa-panel .form-live .form-success").waitFor();
    await page.locator("a.mfa-turn-on").waitFor();
  }));

test("a user whose organisation requires two-step login sets it up right after the password, with nothing more to confirm", async () => {
  await portal.withPage({ user: "dk.manager" }, async ({ page }) => {
    await page.goto(`${portal.baseUrl}/settings`);
    await page.locator("#mfa-policy-switch[aria-checked=false]").click();
    await page.locator(".mfa-policy-panel button.confirm-yes").click();
    await page.locator("#mfa-policy-switch[aria-checked=true]").waitFor();
  });

  await portal.withPage({ viewport: PHONE }, async ({ page }) => {
    await portal.submitLogin(page, "dk.user");
    await page.waitForURL(/\/mfa-setup$/);
    // The login's password was just checked: straight to the QR code.
    await page.locator("img.qr-code").waitFor();
    assert.equal(await page.locator("#mfa-setup-password").count(), 0);
    const { codes } = await finishSetup(page);
    assert.equal(codes.length, 10);
    await page.locator("header .user-name").waitFor();
  });
});
