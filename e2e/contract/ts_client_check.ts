// Drives csportal through a typed client generated from api-spec/openapi.json
// (openapi-typescript types, openapi-fetch calls): log in, list cases with a
// sort, create a case, upload a file. clients.test.mjs generates the types
// into .generated/, compiles this file with tsc and runs it with CSPORTAL_URL
// naming a running server with demo data. A call the document does not
// describe does not compile.
import createClient from "openapi-fetch";
import type { paths } from "./schema.js";

// Node's globals, without pulling in @types/node for two names.
declare const process: { env: Record<string, string | undefined>; exit(code: number): never };

// The smallest valid PNG: the server tells the type by the content.
const PNG_HEX =
  "89504e470d0a1a0a0000000d4948445200000001000000010806000000" +
  "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082";
const PNG = Uint8Array.from(PNG_HEX.match(/../g) ?? [], (byte) => parseInt(byte, 16));

function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`typescript client: ${message}`);
}

async function main(): Promise<void> {
  const baseUrl = process.env.CSPORTAL_URL ?? "";
  const client = createClient<paths>({ baseUrl });

  const login = await client.POST("/api/v1/auth/login", {
    body: { username: "nl.user", password: "Welcome-2026" },
  });
  check(login.data, `login answered ${login.response.status}`);
  const headers = { Authorization: `Bearer ${login.data.access_token}` };

  const cases = await client.GET("/api/v1/cases", {
    params: { query: { sort: "priority", order: "asc" } },
    headers,
  });
  check(cases.data, `list cases answered ${cases.response.status}`);
  const priorities = cases.data.items.map((item) => item.priority);
  check(
    priorities.every((p, i) => i === 0 || priorities[i - 1] <= p),
    `cases not sorted by priority: ${priorities}`,
  );

  const products = await client.GET("/api/v1/installed-products", { headers });
  check(products.data, `list products answered ${products.response.status}`);

  const created = await client.POST("/api/v1/cases", {
    params: { header: { "Idempotency-Key": crypto.randomUUID() } },
    body: {
      installed_product_id: products.data.items[0].id,
      priority: 4,
      description: "Generated TypeScript client: table moves with a delay",
    },
    headers,
  });
  check(created.data, `create case answered ${created.response.status}: ${JSON.stringify(created.error)}`);

  const uploaded = await client.POST("/api/v1/cases/{id}/attachments", {
    params: { path: { id: created.data.id } },
    // The document types the part as a byte string; the browser's FormData
    // carries the file.
    body: { file: ["photo.png"] },
    bodySerializer: () => {
      const form = new FormData();
      form.append("file", new Blob([PNG], { type: "image/png" }), "photo.png");
      return form;
    },
    headers,
  });
  check(uploaded.data, `upload answered ${uploaded.response.status}: ${JSON.stringify(uploaded.error)}`);
  const names = uploaded.data.attachments.map((a) => a.file_name);
  check(names.length === 1 && names[0] === "photo.png", `attachments after upload: ${names}`);
  console.log(`typescript client: created ${created.data.number} with ${names[0]}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
