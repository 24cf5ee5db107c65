// Two-step login (TOTP) in the browser, shared by the journeys that turn it on.
import { createHmac } from "node:crypto";

/** RFC 6238: the 6-digit TOTP code of a base32 secret at `time` (ms). */
export function totp(secretBase32, time = Date.now()) {
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

/**
 * Turns on two-step login on the Settings page of the signed-in user: reads
 * the secret shown beside the QR code (what an authenticator app would
 * scan), confirms it with its current code, and marks the recovery codes as
 * saved. Returns those codes.
 * The page must already be on the portal (signed in).
 */
export async function turnOnTwoStepLogin(page) {
  await page.goto(new URL("/settings", page.url()).href);
  await page.locator("a.mfa-turn-on").click();
  await page.locator("img.qr-code").waitFor();
  const secret = (await page.locator(".mfa-secret code").textContent()).replace(/\s/g, "");
  await page.locator("#mfa-code").fill(totp(secret));
  await page.locator("#mfa-code").press("Enter");
  await page.locator("ul#recovery-codes li").first().waitFor();
  const codes = (await page.locator("ul#recovery-codes li").allTextContents()).map((c) => c.trim());
  await page.locator("button.codes-saved").click();
  return codes;
}
