// The OpenAPI document as an integrator uses it: clients generated from
// api-spec/openapi.json (Python with openapi-python-client, TypeScript with
// openapi-typescript + openapi-fetch) log in, list cases with a sort, create
// a case and upload a file against the real server. The generated code goes
// to e2e/.generated/ and is never committed.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { mkdirSync, rmSync, writeFileSync, copyFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import openapiTS, { astToString } from "openapi-typescript";
import { startServer } from "../lib/server.mjs";

const e2eRoot = resolve(import.meta.dirname, "..");
const spec = resolve(e2eRoot, "..", "api-spec", "openapi.json");
const generated = join(e2eRoot, ".generated");

let server;

before(async () => {
  rmSync(generated, { recursive: true, force: true });
  mkdirSync(generated, { recursive: true });
  server = await startServer();
});

after(async () => {
  await server?.stop();
});

// Asynchronous, so this process keeps draining the server's log pipes while
// a client talks to it (a blocked pipe stalls the server).
async function run(command, args, options = {}) {
  try {
    const { stdout, stderr } = await promisify(execFile)(command, args, {
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
      ...options,
    });
    return `${stdout}${stderr}`;
  } catch (err) {
    throw new Error(`${command} ${args.join(" ")} failed:\n${err.stdout ?? ""}${err.stderr ?? ""}`);
  }
}

test("a Python client generated from the document reaches every operation and drives a case", async () => {
  const generator = process.env.OPENAPI_PYTHON_CLIENT;
  assert.ok(generator, "OPENAPI_PYTHON_CLIENT names openapi-python-client (scripts/test sets it)");
  const output = await run(generator, [
    "generate", "--path", spec, "--meta", "none", "--output-path", join(generated, "csportal_api_client"),
    "--config", join(import.meta.dirname, "python-client.yaml"),
  ]);
  // The generator leaves out, with a warning, what it cannot model.
  assert.doesNotMatch(output, /WARNING/, `openapi-python-client left something out:\n${output}`);
  const python = join(dirname(generator), "python");
  const said = await run(python, [join(import.meta.dirname, "python_client_check.py")], {
    env: { ...process.env, PYTHONPATH: generated, CSPORTAL_URL: server.baseUrl },
  });
  assert.match(said, /created CS-\d{4}-\d+ with photo\.png/);
});

test("a TypeScript client generated from the document type-checks and drives a case", async () => {
  const ast = await openapiTS(new URL(`file://${spec}`));
  const dir = join(generated, "ts");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "schema.d.ts"), astToString(ast));
  copyFileSync(join(import.meta.dirname, "ts_client_check.ts"), join(dir, "ts_client_check.ts"));
  const tsc = join(e2eRoot, "node_modules", ".bin", "tsc");
  await run(tsc, [
    "--strict", "--noEmitOnError", "--target", "es2022", "--module", "nodenext",
    "--moduleResolution", "nodenext", "--skipLibCheck",
    "--outDir", join(dir, "out"), join(dir, "ts_client_check.ts"),
  ], { cwd: e2eRoot });
  const said = await run(process.execPath, [join(dir, "out", "ts_client_check.js")], {
    env: { ...process.env, CSPORTAL_URL: server.baseUrl },
  });
  assert.match(said, /created CS-\d{4}-\d+ with photo\.png/);
});
