// The pages load in parts on their first visit (frontend/src/lazy_pages.rs).
// When a part cannot be fetched (the connection dropped in a corridor, or a
// new version was deployed meanwhile) the user reads why and gets the page
// by reloading: the app does not die with a blank screen.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useServerAndBrowser } from "../lib/fixture.mjs";

const portal = useServerAndBrowser();

test("a page whose part cannot be fetched says so, and a reload brings it", async () => {
  const { context, page, faults } = await portal.newPage();
  await portal.signIn(page, "nl.manager");
  await page.locator("a.tile").first().waitFor();

  // The cases part is unreachable for now.
  const casesPart = /\/split_case_pages[^/]*\.wasm$/;
  await page.route(casesPart, (route) => route.abort("internetdisconnected"));
  await page.locator("a.nav-cases").first().click();
  const notice = page.locator(".page-unavailable[role=alert]");
  await notice.waitFor();
  assert.match(await notice.locator("h1").textContent(), /Deze pagina kon niet worden geladen/);
  // The layout still works: the user can go elsewhere.
  assert.equal(await page.locator("nav.main-nav").count(), 1);

  // Back on the network, the notice's button reloads, and the cases appear.
  await page.unroute(casesPart);
  await notice.getByRole("button", { name: "Opnieuw laden" }).click();
  await page.locator("main h1", { hasText: "Meldingen" }).waitFor();
  assert.equal(await page.locator(".page-unavailable").count(), 0);
  // The aborted fetch is logged by the part loader; nothing else went wrong.
  assert.deepEqual(
    faults.filter((fault) => !/Failed to fetch|ERR_INTERNET_DISCONNECTED/.test(fault)),
    [],
  );
  await context.close();
});
