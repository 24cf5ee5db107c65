// Two-step login (TOTP) in the browser, shared by the journeys that turn it on.
import { createHmac } from "node:crypto";
import { PASSWORD } from "./fixture.mjs";

const STEP_MS = 30_000;

/** RFC 6238: the 6-digit TOTP code of a base32 secret at `time` (ms). */
export function totp(secretBase32, time = Date.now()) {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = "";
  for (const c of secretBase32.replace(/[\s=]/g, "").toUpperCase()) bits += alphabet.indexOf(c).toString(2).padStart(5, "0");
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(time / STEP_MS)));
  const mac = createHmac("sha1", key).update(counter).digest();
  const offset = mac[mac.length - 1] & 0xf;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, "0");
}

/** The last time step whose code was handed out, by secret. */
const usedSteps = new Map();

/**
 * A code of `secret` that the server accepts now and has not seen yet. The
 * server takes the codes of the current 30-second step and one step either
 * side, each only once (it keeps the last step used), so two confirmations
 * in a row need two steps: this hands out the current step's code, or the
 * next step's when the current one was used, and waits for time to move on
 * only when both are used. Every code of a secret must come from here.
 */
export async function freshTotp(secret) {
  for (;;) {
    const now = Math.floor(Date.now() / STEP_MS);
    const step = Math.max(now, (usedSteps.get(secret) ?? now - 1) + 1);
    if (step <= now + 1) {
      usedSteps.set(secret, step);
      return totp(secret, step * STEP_MS);
    }
    await new Promise((resolve) => setTimeout(resolve, (step - 1) * STEP_MS - Date.now() + 100));
  }
}

/**
 * Fills in what a signed-in user confirms a setup with on /mfa-setup: the
 * current password and, when a factor is already on (replacing it), `code`
 * (from the app or a recovery code). Then asks for the QR code; waits for
 * nothing, for answers that are errors.
 */
export async function confirmSetup(page, { password = PASSWORD, code } = {}) {
  await page.locator("#mfa-setup-password").fill(password);
  if (code !== undefined) await page.locator("#mfa-confirm-code").fill(code);
  await page.locator("form.mfa-confirm-form button[type=submit]").click();
}

/**
 * On /mfa-setup with the QR code shown: reads the secret beside it (what an
 * authenticator app would scan), confirms it with its current code and
 * marks the recovery codes as saved. Returns `{ codes, secret }`.
 */
export async function finishSetup(page) {
  await page.locator("img.qr-code").waitFor();
  const secret = (await page.locator(".mfa-secret code").textContent()).replace(/\s/g, "");
  await page.locator("#mfa-code").fill(await freshTotp(secret));
  await page.locator("#mfa-code").press("Enter");
  await page.locator("ul#recovery-codes li").first().waitFor();
  const codes = (await page.locator("ul#recovery-codes li").allTextContents()).map((c) => c.trim());
  await page.locator("button.codes-saved").click();
  return { codes, secret };
}

/**
 * Turns on two-step login from the Settings page of the signed-in user:
 * confirms with the password, then sets up the app (see `finishSetup`).
 * Returns the recovery codes and the secret (for `freshTotp`).
 * The page must already be on the portal (signed in).
 */
export async function turnOnTwoStepLogin(page, password = PASSWORD) {
  await page.goto(new URL("/settings", page.url()).href);
  await page.locator("a.mfa-turn-on").click();
  await confirmSetup(page, { password });
  return finishSetup(page);
}
