// First journeys of a hospital user: sign in, see one's own accounts and no
// one else's, stay signed in across a reload, sign out; a wrong password is
// explained on the page.
import { test } from "node:test";
import assert from "node:assert/strict";
import { PASSWORD, useServerAndBrowser } from "../lib/fixture.mjs";
import { assertNoSidewaysScroll } from "../lib/browser.mjs";

const LINDENHAVEN = [
  "Lindenhaven University Medical Centre",
  "Lindenhaven UMC - Main Hospital",
  "Lindenhaven Children's Hospital",
  "Lindenhaven Eye Clinic Amersfoort",
  "Radiology Department",
];
// The leasing company owns scanners at both hospitals: each sees its name
// beside their own accounts, and nothing of the other hospital.
const LESSOR = "MedLease Europe B.V.";
const OTHER_PARENTS = ["Nordkyst Hospital", "Nordkyst Hospital Frederikssund"];

const portal = useServerAndBrowser();

async function accountNames(page) {
  const names = page.locator("li.account .account-name");
  await names.first().waitFor();
  return names.allTextContents();
}

test("a Manager sees every account of their parent account and none of another's", () =>
  portal.withPage({}, async ({ page }) => {
    await portal.submitLogin(page, "nl.manager", PASSWORD, { path: "/" });

    assert.deepEqual((await accountNames(page)).sort(), [...LINDENHAVEN, LESSOR].sort());
    await assert.doesNotReject(page.locator("header .user-name", { hasText: "Anna de Vries" }).waitFor());
    // The user's own language (Dutch) replaces the browser's once signed in.
    assert.equal(await page.locator("html").getAttribute("lang"), "nl");
    for (const other of OTHER_PARENTS) {
      assert.equal(await page.getByText(other, { exact: true }).count(), 0, `${other} is shown to nl.manager`);
    }

    // A reload keeps the session (HttpOnly refresh cookie), no second login.
    await page.reload();
    assert.deepEqual((await accountNames(page)).sort(), [...LINDENHAVEN, LESSOR].sort());

    // Logging out ends the session for good: a reload shows the login page.
    await page.locator("header button.logout").click();
    await page.locator("#username").waitFor();
    await page.reload();
    await page.locator("#username").waitFor();
    assert.equal(new URL(page.url()).pathname, "/login");
    assert.equal(await page.locator("li.account").count(), 0);
  }));

test("a User sees the accounts assigned to them and those holding their contracts", () =>
  portal.withPage({}, async ({ page }) => {
    await portal.submitLogin(page, "nl.user", PASSWORD, { path: "/" });
    assert.deepEqual((await accountNames(page)).sort(), [
      "Lindenhaven Children's Hospital",
      "Lindenhaven UMC - Main Hospital",
      "Lindenhaven University Medical Centre",
      LESSOR,
      "Radiology Department",
    ]);
    assert.equal(await page.getByText("Lindenhaven Eye Clinic Amersfoort", { exact: true }).count(), 0);
  }));

test("a wrong password is explained on the login page and signs no one in", () =>
  portal.withPage({}, async ({ page }) => {
    await portal.submitLogin(page, "nl.manager", "Not-the-password-1", { path: "/" });

    const error = page.locator("#login-error[role=alert]");
    await error.waitFor();
    assert.equal(
      (await error.textContent()).trim(),
      "The user name or password is wrong. After 3 attempts an account is locked for 15 minutes and its owner is emailed.",
    );
    assert.equal(new URL(page.url()).pathname, "/login");
    assert.equal(await page.locator("header .user-name").count(), 0);

    // Empty fields are caught before anything is sent.
    await page.locator("#password").fill("");
    await page.locator("button[type=submit]").click();
    await page.locator("#login-error", { hasText: "Enter your user name and password." }).waitFor();
  }));

test("a phone user signs in with the keyboard and the page fits 360 px", () =>
  portal.withPage({ viewport: { width: 360, height: 740 } }, async ({ page }) => {
    await page.goto(`${portal.baseUrl}/`);
    await page.locator("#username").waitFor();
    await page.locator("#username").focus();
    await page.keyboard.type("dk.manager");
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement?.id), "password");
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press("Enter");

    assert.deepEqual((await accountNames(page)).sort(), [LESSOR, "Nordkyst Hospital", "Nordkyst Hospital Frederikssund"]);
    await assertNoSidewaysScroll(page, "the page");
    await assert.doesNotReject(page.locator("nav.main-nav").waitFor({ state: "visible" }));
  }));
