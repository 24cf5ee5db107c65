// ux.md's budget: the app's initial download (wasm + js + css, as the server
// sends them brotli-compressed) should stay at or under 250 KB. The pages
// load lazily (frontend/src/lazy_pages.rs, scripts/trunk-split-wasm), so the
// figure is what the browser really fetches for a first screen, measured for
// both first screens: the login page of a newcomer, and the home page a user
// reaches by signing in. Each file is counted at its brotli size on the wire.
import { test } from "node:test";
import assert from "node:assert/strict";
import { request } from "node:http";
import { useServerAndBrowser } from "../lib/fixture.mjs";

const BUDGET_BYTES = 250 * 1024;

const portal = useServerAndBrowser();

/** The names of a wasm module's custom sections (debug info, names, producers). */
function customSections(bytes) {
  const names = [];
  let at = 8; // magic and version
  const leb = () => {
    let value = 0;
    let shift = 0;
    for (;;) {
      const byte = bytes[at++];
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
      shift += 7;
    }
  };
  while (at < bytes.length) {
    const id = bytes[at++];
    const size = leb();
    const end = at + size;
    if (id === 0) {
      const length = leb();
      names.push(Buffer.from(bytes.subarray(at, at + length)).toString("utf8"));
    }
    at = end;
  }
  return names;
}

/** Bytes on the wire for `url` when the client accepts brotli, and the encoding used. */
function transferSize(url) {
  return new Promise((resolveSize, reject) => {
    request(url, { headers: { "accept-encoding": "br, gzip" } }, (response) => {
      let bytes = 0;
      response.on("data", (chunk) => (bytes += chunk.length));
      response.on("end", () =>
        resolveSize({
          status: response.statusCode,
          bytes,
          encoding: response.headers["content-encoding"],
          etag: response.headers.etag ?? "",
        }),
      );
    })
      .on("error", reject)
      .end();
  });
}

const ASSET = /\.(js|wasm|css)$/;

/**
 * The app's files (js, wasm, css) the browser fetches from the portal while
 * `journey` runs in a fresh context, with no cache from an earlier test.
 */
async function assetsFetchedDuring(journey) {
  const urls = new Set();
  await portal.withPage({}, async ({ page }) => {
    page.on("request", (request) => {
      const url = new URL(request.url());
      if (url.origin === portal.baseUrl && ASSET.test(url.pathname)) urls.add(url.pathname);
    });
    await journey(page);
  });
  return [...urls];
}

/**
 * The server compresses the app at the highest quality in the background
 * after start (the ETag then names the encoding), on the fly until then:
 * measure the former.
 */
async function compressedTransfer(path) {
  const url = new URL(path, portal.baseUrl);
  const deadline = Date.now() + 30_000;
  let transfer = await transferSize(url);
  while (!transfer.etag.endsWith('-br"') && transfer.bytes >= 512 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    transfer = await transferSize(url);
  }
  return transfer;
}

/** The HTML page plus `paths`, each at its transfer size; fails on any file not sent as brotli. */
async function downloadOf(paths) {
  let total = 0;
  const report = [];
  for (const path of ["/", ...paths]) {
    const { status, bytes, encoding } = await compressedTransfer(path);
    assert.equal(status, 200, path);
    if (bytes >= 512) assert.equal(encoding, "br", `${path} is not sent brotli-compressed`);
    total += bytes;
    report.push(`${path}: ${bytes} B (${encoding ?? "identity"})`);
  }
  return { total, report: report.join("\n") };
}

test("the app is the stripped release build and compressed before it is measured", async () => {
  const html = await (await fetch(`${portal.baseUrl}/`)).text();
  // The page is minified: attribute values may come without quotes.
  const tag = html.match(/<script\b[^>]*\bdata-wasm=[^>]*>/);
  assert.ok(tag, `no boot script in the page:\n${html}`);
  const [, quoted, bare] = tag[0].match(/\bdata-wasm=(?:"([^"]+)"|([^\s>]+))/);
  const wasm = quoted ?? bare;
  assert.equal((await compressedTransfer(wasm)).encoding, "br", "the wasm is not sent brotli-compressed");
  const module = new Uint8Array(await (await fetch(new URL(wasm, portal.baseUrl), { headers: { "accept-encoding": "identity" } })).arrayBuffer());
  const sections = customSections(module);
  assert.deepEqual(
    sections.filter((name) => name.startsWith(".debug")),
    [],
    `the wasm is not the stripped release build (custom sections: ${sections.join(", ")})`,
  );
});

test("a newcomer's login page downloads at most 250 KB", async () => {
  const paths = await assetsFetchedDuring(async (page) => {
    await page.goto(`${portal.baseUrl}/login`);
    await page.locator("#username").waitFor();
  });
  const { total, report } = await downloadOf(paths);
  console.log(`login page: ${(total / 1024).toFixed(1)} KB = ${(total / BUDGET_BYTES).toFixed(2)}x the 250 KB budget\n${report}`);
  assert.ok(total <= BUDGET_BYTES, `${total} B > ${BUDGET_BYTES} B:\n${report}`);
  // Lazy loading is what keeps it there: no page group comes with the login page.
  assert.deepEqual(paths.filter((p) => p.includes("split_")), [], "a page group was fetched for the login page");
});

test("signing in and seeing the home page downloads at most 250 KB in all", async () => {
  const paths = await assetsFetchedDuring(async (page) => {
    await portal.signIn(page, "nl.manager");
    await page.locator("main h1").first().waitFor();
    await page.locator(".tile").first().waitFor();
  });
  const { total, report } = await downloadOf(paths);
  console.log(`login, then home: ${(total / 1024).toFixed(1)} KB = ${(total / BUDGET_BYTES).toFixed(2)}x the 250 KB budget\n${report}`);
  assert.ok(paths.some((p) => p.includes("split_home_page")), "the home page did not come as its own part");
  assert.ok(total <= BUDGET_BYTES, `${total} B > ${BUDGET_BYTES} B:\n${report}`);
});
