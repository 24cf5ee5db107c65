// Two-step login on the Settings page, after it is on: new recovery codes
// (confirmed with the password, which is required), then turning it off.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { PASSWORD, useServerAndBrowser } from "../lib/fixture.mjs";

const portal = useServerAndBrowser();

/** RFC 6238: the 6-digit TOTP code of a base32 secret at `time` (ms). */
function totp(secretBase32, time = Date.now()) {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = "";
  for (const c of secretBase32.replace(/[\s=]/g, "").toUpperCase()) bits += alphabet.indexOf(c).toString(2).padStart(5, "0");
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(time / 30_000)));
  const mac = createHmac("sha1", key).update(counter).digest();
  const offset = mac[mac.length - 1] & 0xf;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, "0");
}

test("a user with two-step login makes new recovery codes and turns it off, each confirmed with the password", async () => {
  const { context, page, faults } = await portal.newPage();
  await portal.signIn(page, "dk.viewer");
  await page.goto(`${portal.baseUrl}/settings`);
  await page.locator("a.mfa-turn-on").click();
  await page.locator("img.qr-code").waitFor();
  const secret = (await page.locator(".mfa-secret code").textContent()).replace(/\s/g, "");
  await page.locator("#mfa-code").fill(totp(secret));
  await page.locator("#mfa-code").press("Enter");
  await page.locator("ul#recovery-codes li").first().waitFor();
  const first = (await page.locator("ul#recovery-codes li").allTextContents()).map((c) => c.trim());
  await page.locator("button.codes-saved").click();

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
