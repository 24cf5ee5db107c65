// Issue 5 journeys: a Manager creates a user who inherits Dutch and
// Europe/Amsterdam; the user activates from the emailed link and logs in;
// three wrong passwords lock an account, the owner's email names the lock's
// end in their zone, and the page reads exactly as for a wrong password.
import { test } from "node:test";
import assert from "node:assert/strict";
import { PASSWORD, useServerAndBrowser } from "../lib/fixture.mjs";
import { turnOnTwoStepLogin } from "../lib/mfa.mjs";

const WRONG_TEXT =
  "The user name or password is wrong. After 3 attempts an account is locked for 15 minutes and its owner is emailed.";

const portal = useServerAndBrowser({ smtp: true });

function tokenOf(mail) {
  const match = mail.body.match(/#token=([A-Za-z0-9_-]+)/);
  assert.ok(match, `no link in:\n${mail.body}`);
  return match[1];
}

test("a Manager creates a user who inherits Dutch and Amsterdam time and activates from the email", async () => {
  const mail = await portal.withPage({ user: "nl.manager" }, async ({ page }) => {
    await page.goto(`${portal.baseUrl}/users/new`);
    await page.locator("#username").fill("jan.devries");
    await page.locator("#display-name").fill("Jan de Vries");
    await page.locator("#email").fill("jan.devries@lindenhaven.example");
    await page.locator("input[type=radio][value=user]").check();
    await page.locator("input[type=checkbox][name=account_ids]").first().check();
    await page.getByRole("button", { name: "Gebruiker aanmaken" }).click();
    await page.getByText("Er is een activeringsmail gestuurd naar jan.devries@lindenhaven.example", { exact: false }).waitFor();

    // The activation email is in the Manager's Dutch, its expiry in Amsterdam time.
    const activation = await portal.smtp.waitFor("jan.devries@lindenhaven.example", /Activeer/);
    assert.match(activation.body, /\(Europe\/Amsterdam\)/);
    return activation;
  });

  // The new user follows the link in a fresh browser.
  await portal.withPage({}, async ({ page }) => {
    await portal.activateAndSignIn(page, tokenOf(mail), { username: "jan.devries", displayName: "Jan de Vries" });
    // Inherited: Dutch, Europe/Amsterdam.
    assert.equal(await page.locator("html").getAttribute("lang"), "nl");
    const me = await page.evaluate(async () => {
      const r = await fetch("/api/v1/auth/refresh", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
      const { access_token } = await r.json();
      return (await fetch("/api/v1/me", { headers: { authorization: `Bearer ${access_token}` } })).json();
    });
    assert.deepEqual([me.settings.language, me.settings.time_zone], ["nl", "Europe/Amsterdam"]);

    // The link works once.
    await page.goto(`${portal.baseUrl}/activate#token=${tokenOf(mail)}`);
    await page.locator(".link-problem").waitFor();
  });
});

test("three wrong passwords lock the account, read like a wrong password, and email the lock's end", () =>
  portal.withPage({}, async ({ page }) => {
    const texts = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      await portal.submitLogin(page, "dk.viewer", "Wrong-Password-1!");
      texts.push((await page.locator("#login-error").textContent()).trim());
    }
    await portal.submitLogin(page, "dk.viewer", PASSWORD);
    const locked = (await page.locator("#login-error").textContent()).trim();
    await portal.submitLogin(page, "no.such.user", PASSWORD);
    const stranger = (await page.locator("#login-error").textContent()).trim();
    for (const text of [...texts, locked, stranger]) assert.equal(text, WRONG_TEXT);

    const mail = await portal.smtp.waitFor("dk.viewer@demo.csportal.example", /locked/i);
    // dk.viewer reads Copenhagen time: the lock's end is stated in it.
    assert.match(mail.body, /locked until .*\(Europe\/Copenhagen\)/);

    // The hospital's Manager finds the lock in the security log, ending at the
    // same time (the Manager also reads Copenhagen time), and why it came.
    const until = mail.body.match(/locked until (.*?) \(Europe\/Copenhagen\)/)[1];
    await portal.signIn(page, "dk.manager");
    await page.goto(`${portal.baseUrl}/security-log?event=account_locked`);
    const lock = page.locator("tr.log-row", { hasText: "dk.viewer" }).first();
    await lock.waitFor();
    assert.equal((await lock.locator("td.log-details").textContent()).trim(), `Locked until ${until}`);
    await page.goto(`${portal.baseUrl}/security-log?event=login_failed`);
    const failures = page.locator("tr.log-row", { hasText: "dk.viewer" });
    await failures.first().waitFor();
    // Newest first: the right password while locked, then the three wrong ones.
    assert.deepEqual(
      (await failures.locator("td.log-details").allTextContents()).map((text) => text.trim()),
      ["While the account was locked", "Wrong password", "Wrong password", "Wrong password"],
    );
  }));

test("a stranger requests access naming a product; the hospital's Manager approves and the activation email goes out", async () => {
  await portal.withPage({ viewport: { width: 360, height: 780 } }, async ({ page }) => {
    await page.goto(`${portal.baseUrl}/login`);
    await page.getByRole("link", { name: /Request access/ }).click();
    await page.locator("#requester-name").fill("Eva Jansen");
    await page.locator("#organisation").fill("Lindenhaven UMC");
    await page.locator("#email").fill("eva.jansen@lindenhaven.example");
    await page.locator("#phone").fill("+31 24 361 1111");
    await page.locator("#country").selectOption("NL");
    await page.locator("[id^=facility-][id$=-name]").first().fill("Radiology");
    await page.locator("[id^=facility-][id$=-value]").first().fill("IP-40010001");
    await page.getByRole("button", { name: "Send request" }).click();
    await page.getByText("We have emailed you a confirmation", { exact: false }).waitFor();
    await portal.smtp.waitFor("eva.jansen@lindenhaven.example", /received your request/i);
  });

  await portal.withPage({ user: "nl.manager" }, async ({ page }) => {
    await page.goto(`${portal.baseUrl}/access-requests`);
    await page.getByRole("link", { name: /Eva Jansen/ }).first().click();
    await page.getByText("Lindenhaven University Medical Centre", { exact: false }).first().waitFor();
    await page.locator("#username").fill("eva.jansen");
    await page.locator("input[type=radio][value=user]").check();
    await page.locator("input[type=checkbox][name=account_ids]").first().check();
    await page.getByRole("button", { name: "Goedkeuren en gebruiker aanmaken" }).click();
    await page.waitForURL(/\/users\//);
    const activation = await portal.smtp.waitFor("eva.jansen@lindenhaven.example", /Activeer/);
    assert.match(activation.body, /#token=/);
  });
});

test("a user turns on two-step login, saves the recovery codes and logs in with one", () =>
  portal.withPage({ user: "dk.user" }, async ({ page }) => {
    const { codes } = await turnOnTwoStepLogin(page);
    assert.equal(codes.length, 10);
    await page.locator("header button.logout").click();
    await page.waitForURL(/\/login/);

    // The password first, then the second factor: here a recovery code.
    await page.locator("#username").fill("dk.user");
    await page.locator("#password").fill(PASSWORD);
    await page.locator("button[type=submit]").click();
    await page.locator("#mfa-code").waitFor();
    await page.locator("#use-recovery-code").check();
    await page.locator("#mfa-code").fill(codes[0]);
    await page.locator("button[type=submit]").click();
    await page.locator("header .user-name").waitFor();
  }));
