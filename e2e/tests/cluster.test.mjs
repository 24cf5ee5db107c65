// Two `csportal serve` processes on one database (SQLite file, or
// PostgreSQL when E2E_DATABASE_URL is set): they agree on a lockout, exactly
// one of them reports it, and the security log stays one intact chain.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { useServerAndBrowser } from "../lib/fixture.mjs";

const portal = useServerAndBrowser({ browser: false, processes: 2 });

function login(server, username, password) {
  return fetch(`${server.baseUrl}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
}

test("two processes on one database agree on the lockout and write one security log", async () => {
  const [first, second] = portal.servers;
  // Wrong passwords spread over both processes, two of them at once.
  const [a, b] = await Promise.all([login(first, "nl.user", "Wrong-2026!"), login(second, "nl.user", "Wrong-2026!")]);
  assert.deepEqual([a.status, b.status], [401, 401]);
  assert.equal((await login(first, "nl.user", "Wrong-2026!")).status, 401);
  // Locked on both: the right password reads like a wrong one everywhere.
  for (const server of [first, second]) {
    const refused = await login(server, "nl.user", "Welcome-2026");
    assert.equal(refused.status, 401);
    assert.equal((await refused.json()).code, "invalid_credentials");
  }
  const admin = await (await login(second, "admin", "Welcome-2026")).json();
  const locks = await (
    await fetch(`${first.baseUrl}/api/v1/security-log?event=account_locked`, {
      headers: { authorization: `Bearer ${admin.access_token}` },
    })
  ).json();
  assert.equal(locks.total, 1, "exactly one process saw the lock happen");

  // Both processes appended to one chain; the verify command finds it intact.
  const env = { ...process.env, CSPORTAL_DATA_DIR: first.dataDir, CSPORTAL_LOG: "warn" };
  delete env.DATABASE_URL;
  if (first.databaseUrl) env.DATABASE_URL = first.databaseUrl;
  const verdict = execFileSync(process.env.CSPORTAL_BIN, ["audit", "verify"], { env }).toString();
  assert.match(verdict, /security log intact: \d+ entries/);
});
