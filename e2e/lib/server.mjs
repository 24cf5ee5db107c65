// Starts the real `csportal` binary on a free loopback port with a fresh
// database (a temporary SQLite file, or a new PostgreSQL database when
// E2E_DATABASE_URL names a server) and stops it with SIGTERM.
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { randomBytes } from "node:crypto";

const repoRoot = resolve(import.meta.dirname, "..", "..");

function required(path, what) {
  if (!existsSync(path)) {
    throw new Error(`${what} not found at ${path}; run ./scripts/test, which builds it`);
  }
  return path;
}

/** A fresh PostgreSQL database on the server of `adminUrl`; returns its URL and a drop function. */
function createPostgresDatabase(adminUrl) {
  const name = `csportal_e2e_${randomBytes(6).toString("hex")}`;
  execFileSync("psql", [adminUrl, "-qc", `CREATE DATABASE ${name}`]);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => execFileSync("psql", [adminUrl, "-qc", `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`]),
  };
}

/**
 * `extraEnv` adds settings, e.g. `CSPORTAL_SMTP_URL` of an SMTP sink.
 * `beside` is a running server whose database (and data folder, with its
 * JWT secret) this one shares: a second process of one installation.
 */
export async function startServer(extraEnv = {}, { beside } = {}) {
  const binary = required(process.env.CSPORTAL_BIN ?? "", "the csportal binary (CSPORTAL_BIN)");
  const staticDir = required(
    process.env.CSPORTAL_STATIC_DIR ?? join(repoRoot, "frontend", "dist"),
    "the built browser app",
  );
  const dataDir = beside?.dataDir ?? mkdtempSync(join(tmpdir(), "csportal-e2e-"));
  const postgres = beside
    ? null
    : process.env.E2E_DATABASE_URL
      ? createPostgresDatabase(process.env.E2E_DATABASE_URL)
      : null;
  const databaseUrl = beside ? beside.databaseUrl : postgres?.url;
  const env = {
    ...process.env,
    CSPORTAL_BIND: "127.0.0.1:0",
    CSPORTAL_DATA_DIR: dataDir,
    CSPORTAL_STATIC_DIR: staticDir,
    CSPORTAL_SECURE_COOKIES: "false",
    CSPORTAL_LOG: "warn",
    CSPORTAL_WORKERS: "2",
    ...extraEnv,
  };
  delete env.DATABASE_URL;
  if (databaseUrl) env.DATABASE_URL = databaseUrl;

  const child = spawn(binary, ["serve", "--demo"], { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const exited = new Promise((resolveExit) => child.on("exit", (code, signal) => resolveExit({ code, signal })));
  const baseUrl = await new Promise((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`csportal did not start in 60 s:\n${output}`)), 60_000);
    const collect = (chunk) => {
      output += chunk;
      const match = output.match(/csportal is running at (http:\/\/[^/\s]+)\//);
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`csportal exited with ${code} before it listened:\n${output}`));
    });
  });

  return {
    baseUrl,
    dataDir,
    databaseUrl,
    output: () => output,
    /** SIGTERM, then the exit status; a graceful stop exits with 0. */
    async stop() {
      child.kill("SIGTERM");
      const status = await exited;
      // A server started beside another leaves the shared database and folder to it.
      if (!beside) {
        postgres?.drop();
        rmSync(dataDir, { recursive: true, force: true });
      }
      return status;
    },
  };
}
