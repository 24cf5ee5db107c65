// One fixture for every journey file: registers node:test `before` and
// `after` hooks that start the real csportal binary (lib/server.mjs), Debian's
// Chromium (lib/browser.mjs) and, when asked, an SMTP sink (lib/smtp.mjs);
// `after` closes them again and fails the file when a server does not stop
// cleanly. Call it once, at the top level of a test file:
//
//   const portal = useServerAndBrowser();
//   test("…", () =>
//     portal.withPage({ user: "nl.manager" }, async ({ page }) => {
//       await page.goto(`${portal.baseUrl}/cases`);
//     }));
import { before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer } from "./server.mjs";
import { launchBrowser, openPage } from "./browser.mjs";
import { startSmtpSink } from "./smtp.mjs";

/** The password of every demo user. */
export const PASSWORD = "Welcome-2026";

/** Stops `server` and asserts a graceful stop (exit status 0, no signal). */
export async function stopCleanly(server) {
  const status = await server.stop();
  assert.deepEqual(status, { code: 0, signal: null }, `csportal did not stop cleanly:\n${server.output()}`);
}

/** Stops every server in turn, even when one does not stop cleanly; then fails on the first that did not. */
async function stopAllCleanly(servers) {
  const failures = [];
  for (const server of servers) await stopCleanly(server).catch((err) => failures.push(err));
  if (failures.length > 0) throw failures[0];
}

/**
 * Options:
 * - `env`: settings added to the server's environment;
 * - `smtp`: start an SMTP sink first and point the server at it (`portal.smtp`);
 * - `browser`: launch Chromium (default true); false for API-only journeys;
 * - `processes`: how many csportal processes of one installation to run
 *   (default 1); the others share the first's database and data folder and
 *   are in `portal.servers`, stopped before the first.
 *
 * Returns an object whose `server`, `servers`, `browser` and `smtp` are
 * filled in by `before`, with helpers that use them.
 */
export function useServerAndBrowser({ env = {}, smtp = false, browser = true, processes = 1 } = {}) {
  const portal = {
    /** The first (or only) csportal process. */
    server: undefined,
    /** Every csportal process, the first one first. */
    servers: [],
    browser: undefined,
    smtp: undefined,

    /** The address of the first server, e.g. `http://127.0.0.1:40123`. */
    get baseUrl() {
      return portal.server.baseUrl;
    },

    /** A fresh browser context and page that records faults (lib/browser.mjs `openPage`). */
    newPage(options) {
      return openPage(portal.browser, options);
    },

    /**
     * Opens the login page at `path` (the app redirects `/` there), fills in
     * the form and submits it. Waits for nothing: for wrong passwords.
     */
    async submitLogin(page, username, password = PASSWORD, { path = "/login" } = {}) {
      await page.goto(`${portal.baseUrl}${path}`);
      await page.locator("#username").fill(username);
      await page.locator("#password").fill(password);
      await page.locator("button[type=submit]").click();
    },

    /**
     * Follows an activation link (`token`) in `page`: chooses `password`,
     * then signs `username` in with it and waits until the header names
     * `displayName`.
     */
    async activateAndSignIn(page, token, { username, displayName, password = "Lighthouse-Keeper-77" }) {
      await page.goto(`${portal.baseUrl}/activate#token=${token}`);
      await page.locator("#new-password").fill(password);
      await page.locator("#repeat-password").fill(password);
      await page.locator("form button[type=submit]").click();
      await page.waitForURL(/\/login/);
      await page.locator("#username").fill(username);
      await page.locator("#password").fill(password);
      await page.locator("button[type=submit]").click();
      await page.locator("header .user-name", { hasText: displayName }).waitFor();
    },

    /** An access token of `username` from the API, for what a journey does outside the browser. */
    async apiToken(username, password = PASSWORD) {
      const response = await fetch(`${portal.baseUrl}/api/v1/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username, password }),
      });
      const body = await response.text();
      assert.ok(response.ok, `login ${username}: ${response.status} ${body}`);
      return JSON.parse(body).access_token;
    },

    /** Signs in through the login page and waits until the header names the user. */
    async signIn(page, username, password = PASSWORD, options) {
      await portal.submitLogin(page, username, password, options);
      try {
        await page.locator("header .user-name").waitFor();
      } catch (err) {
        // Say where the sign-in stopped: the page, what it told the user, the server's warnings.
        const told = await page.locator("[role=alert], [role=status]").allTextContents().catch(() => []);
        err.message += `\n${username} was not signed in; the page is ${page.url()}, saying ${JSON.stringify(told)}`;
        err.message += `\nthe server's output ends:\n${portal.server.output().slice(-3000)}`;
        throw err;
      }
    },

    /**
     * One page's journey: opens a fresh page (`newPage`, with the other
     * options), signs `user` in first when one is named, runs
     * `steps({ page, context, faults })`, then asserts that nothing broke on
     * the page (no faults) and closes its context, also when a step fails.
     * Returns what `steps` returns.
     */
    async withPage({ user, ...pageOptions }, steps) {
      const { context, page, faults, requests } = await portal.newPage(pageOptions);
      try {
        if (user) await portal.signIn(page, user);
        const result = await steps({ page, context, faults });
        assert.deepEqual(faults, []);
        return result;
      } catch (err) {
        // What the page said and asked for often tells why a step timed out.
        if (err instanceof Error) {
          err.message += `\nat ${page.url()}; faults: ${JSON.stringify(faults)}; ${requests.describe()}`;
        }
        throw err;
      } finally {
        await context.close();
      }
    },
  };

  before(async () => {
    if (smtp) portal.smtp = await startSmtpSink();
    const serverEnv = smtp ? { CSPORTAL_SMTP_URL: portal.smtp.url, ...env } : env;
    portal.server = await startServer(serverEnv);
    portal.servers.push(portal.server);
    while (portal.servers.length < processes) {
      portal.servers.push(await startServer(serverEnv, { beside: portal.server }));
    }
    if (browser) portal.browser = await launchBrowser();
  });

  after(async () => {
    await portal.browser?.close();
    await portal.smtp?.close();
    // The others first, so the shared database and folder outlive them.
    await stopAllCleanly([...portal.servers].reverse());
  });

  return portal;
}
