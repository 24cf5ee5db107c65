// "Sign out everywhere" on the Settings page: a user signed in on a laptop
// and on a phone ends both from the phone; the laptop's next step lands on
// the login page.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useServerAndBrowser } from "../lib/fixture.mjs";

const portal = useServerAndBrowser();

test("signing out everywhere from the phone also signs out the laptop", async () => {
  const laptop = await portal.newPage();
  await portal.signIn(laptop.page, "nl.user");
  const phone = await portal.newPage({ viewport: { width: 360, height: 780 } });
  await portal.signIn(phone.page, "nl.user");

  await phone.page.goto(`${portal.baseUrl}/settings`);
  await phone.page.locator("button.sign-out-everywhere").click();
  await phone.page.waitForURL(/\/login/);

  // The laptop's session is gone too: its next page asks it to log in.
  await laptop.page.goto(`${portal.baseUrl}/cases`);
  await laptop.page.waitForURL(/\/login/);
  await laptop.page.locator("#username").waitFor();

  for (const side of [laptop, phone]) {
    assert.deepEqual(side.faults, []);
    await side.context.close();
  }
});
