// Tables that read well on every screen (ux.md): each list page at a
// 390 x 844 phone and a 1366 x 768 desktop. Nothing scrolls sideways, no
// table cell or card breaks a word across lines, phones get cards rather
// than tables, and on the desktop the content uses the width beside the
// navigation (up to ~1600 px; at 1366 px that is 1142 px beside the 224 px
// navigation) and every table fits it without scrolling. Screenshots of every page go to e2e/test-results/.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { useServerAndBrowser } from "../lib/fixture.mjs";

const results = resolve(import.meta.dirname, "..", "test-results");
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 768 };

// Every list page, and what shows it has its rows; signed in as `user`
// (default nl.manager).
const PAGES = [
  { name: "home", path: "/", ready: ["section.accounts[aria-busy=false] .account", "section.glance .see-all"] },
  { name: "cases", path: "/cases" },
  { name: "installed-products", path: "/installed-products" },
  { name: "contracts", path: "/contracts" },
  { name: "warranties", path: "/contracts?tab=warranties" },
  { name: "users", path: "/users" },
  { name: "security-log", path: "/security-log" },
  { name: "access-requests", path: "/access-requests" },
  { name: "service-queue", path: "/service/queue", user: "service" },
  // The calendar's list view (the demo's visits around today).
  { name: "calendar-list", path: "/calendar?view=list" },
  // Customer facing documents, and the products with end-of-life dates.
  { name: "documents", path: "/documents" },
  { name: "end-of-life", path: "/end-of-life" },
  // The account tree: nested lists rather than a table, on every screen.
  { name: "accounts", path: "/accounts", user: "admin", ready: ["ul.account-tree a.move-account"] },
];
const DEFAULT_USER = "nl.manager";

const portal = useServerAndBrowser();

// The demo data has no requests for access: one, so that list has a row.
let requested;
async function requestAccess() {
  const response = await fetch(`${portal.baseUrl}/api/v1/access-requests`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      name: "Eva Jansen-van der Berg",
      organisation: "Lindenhaven University Medical Centre, Department of Radiology",
      email: "eva.jansen-van.der.berg@lindenhaven-umc.example",
      phone: "+31 24 361 1111",
      country: "NL",
      facilities: [{ name: "Radiology", identifiers: [{ kind: "installed_product_number", value: "IP-40010001" }] }],
    }),
  });
  assert.ok(response.ok, `access request: ${response.status} ${await response.text()}`);
}

/** Measures the layout in the page: see the checks below. */
function measure() {
  const root = document.documentElement;
  // A word (split on white space) drawn on one line has its client rects on
  // one line; one broken across lines has them on two or more.
  const broken = [];
  const cells = document.querySelectorAll(
    "main td, main th, main .cards > li, main .account-list > li",
  );
  for (const cell of cells) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      // Hidden text (for screen readers) is drawn in a 1 px box.
      if (!parent || parent.closest(".visually-hidden") || parent.getClientRects().length === 0) {
        continue;
      }
      for (const match of node.data.matchAll(/\S+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        // Counted as lines, not rects: a clamped word (text-overflow:
        // ellipsis) has two rects, the shown and the hidden part, on one line.
        const rects = [...range.getClientRects()].filter((r) => r.width > 0);
        const lines = rects.filter((r, i) => rects.findIndex((o) => Math.abs(o.top - r.top) < r.height / 2) === i).length;
        if (lines > 1) {
          broken.push(`"${match[0]}" on ${lines} lines in <${parent.localName} class="${parent.className}">`);
        }
      }
    }
  }
  const main = document.querySelector("main");
  const nav = document.querySelector("nav.main-nav");
  const navWidth = nav && getComputedStyle(nav).position !== "fixed" ? nav.getBoundingClientRect().width : 0;
  return {
    scrollWidth: root.scrollWidth,
    innerWidth: window.innerWidth,
    broken,
    mainWidth: main.getBoundingClientRect().width,
    besideNav: window.innerWidth - navWidth,
    tables: [...main.querySelectorAll("table")].map((t) => t.className || "table"),
    // Tables that only fit by scrolling inside their box.
    scrolled: [...main.querySelectorAll(".table-scroll")]
      .filter((box) => box.scrollWidth > box.clientWidth)
      .map((box) => `${box.querySelector("table")?.className}: ${box.scrollWidth} > ${box.clientWidth}`),
  };
}

for (const viewport of [PHONE, DESKTOP]) {
  test(`list pages read well at ${viewport.width} x ${viewport.height}`, async () => {
    mkdirSync(results, { recursive: true });
    requested ??= requestAccess();
    await requested;
    const problems = [];
    const faults = [];
    const users = [...new Set(PAGES.map(({ user = DEFAULT_USER }) => user))];
    for (const user of users) {
      const { context, page, faults: pageFaults } = await portal.newPage({ viewport });
      await portal.signIn(page, user);
      for (const { name, path, ready } of PAGES.filter(({ user: u = DEFAULT_USER }) => u === user)) {
        await page.goto(`${portal.baseUrl}${path}`);
        // The rows themselves, not just the frame.
        for (const selector of ready ?? ['.results[aria-busy="false"] :is(tbody tr, .cards > li, .empty-state)']) {
          await page.locator(selector).first().waitFor();
        }
        await page.screenshot({ path: join(results, `tables-${name}-${viewport.width}.png`), fullPage: true });
        const m = await page.evaluate(measure);
        const at = `${name} at ${viewport.width} px`;
        if (m.scrollWidth > m.innerWidth) {
          problems.push(`${at} scrolls sideways: ${m.scrollWidth} > ${m.innerWidth}`);
        }
        problems.push(...m.broken.map((b) => `${at} breaks ${b}`));
        if (viewport === PHONE) {
          problems.push(...m.tables.map((t) => `${at} shows a table (${t}) rather than cards`));
        } else if (m.mainWidth < Math.min(m.besideNav, 1600) - 1 || m.mainWidth <= 1100) {
          // The content takes the room beside the navigation (up to ~1600 px).
          problems.push(`${at}: main is ${m.mainWidth} px of ${m.besideNav}`);
        }
        if (viewport === DESKTOP) {
          problems.push(...m.scrolled.map((s) => `${at} scrolls a table sideways: ${s}`));
        }
      }
      faults.push(...pageFaults);
      await context.close();
    }
    // All of them at once: one fix often mends several pages.
    assert.deepEqual(problems, []);
    assert.deepEqual(faults, []);
  });
}
