// Steps of the service-case journeys shared by several files.
import assert from "node:assert/strict";

/**
 * The id of an installed product, from its link in the list's search. The
 * page must already be on the portal (signed in): the list is opened at the
 * page's own origin.
 */
export async function productId(page, number) {
  await page.goto(new URL(`/installed-products?q=${number}`, page.url()).href);
  const href = await page.locator("a.product-link").first().getAttribute("href");
  return href.split("/").pop();
}

/** Opens the new-case form for an installed product, found by its number. */
export async function openCaseForm(page, number) {
  const id = await productId(page, number);
  await page.goto(new URL(`/cases/new?installed_product=${id}`, page.url()).href);
  await page.locator("form.case-form").waitFor();
}

/**
 * Submits the case form and returns the case number the page announces at
 * once (the created message names it); then waits for the case's page.
 */
export async function submitCase(page) {
  await page.locator("form.case-form button[type=submit]").click();
  const created = page.locator("p.form-success[role=status]");
  await created.waitFor();
  const number = (await page.locator("span.case-number").first().textContent()).trim();
  assert.match(number, /^CS-\d{4}-\d{6,}$/);
  assert.ok((await created.textContent()).includes(number), "the created message names the number");
  await page.locator("h1.case-title").waitFor();
  return number;
}

/**
 * Fills in the open case form: the `priority` (1 to 5), the `kind` when one
 * is given (else the form's own) and the `description`.
 */
export async function fillCaseForm(page, { priority, kind, description }) {
  await page.locator(`input[name=priority][value="${priority}"]`).check();
  if (kind) await page.locator("#case-kind").selectOption(kind);
  await page.locator("#case-description").fill(description);
}

/**
 * Fills the new-case form of a bench repair: the ECG trigger unit of
 * installed product `number`, sent in at priority 4 (with a serial number
 * when `serial` is given). Submit it with `submitCase`.
 */
export async function fillBenchRepair(page, number, { serial } = {}) {
  await openCaseForm(page, number);
  await fillCaseForm(page, {
    priority: 4,
    kind: "bench_repair",
    description: "Trigger unit gives no signal; sending it in for repair",
  });
  await page.locator("#bench-part-description").fill("ECG trigger unit");
  if (serial) await page.locator("#bench-part-serial").fill(serial);
}
