// Reading the zips the server streams (document bundles, xlsx workbooks).
import assert from "node:assert/strict";
import { inflateRawSync } from "node:zlib";

/**
 * The files of a zip, from its central directory (the server streams it,
 * so the sizes are there rather than in the local headers, and in zip64
 * fields where it wrote them so): name and contents.
 */
export function unzip(zip) {
  const MAX32 = 0xffffffff;
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end--;
  assert.ok(end >= 0, "no end of central directory: not a zip");
  let count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  if (count === 0xffff || at === MAX32) {
    assert.equal(zip.readUInt32LE(end - 20), 0x07064b50, "zip64 end of central directory locator");
    const end64 = Number(zip.readBigUInt64LE(end - 12));
    assert.equal(zip.readUInt32LE(end64), 0x06064b50, "zip64 end of central directory");
    count = Number(zip.readBigUInt64LE(end64 + 32));
    at = Number(zip.readBigUInt64LE(end64 + 48));
  }
  const files = [];
  for (let i = 0; i < count; i++) {
    assert.equal(zip.readUInt32LE(at), 0x02014b50, "central directory entry");
    const method = zip.readUInt16LE(at + 10);
    let compressed = zip.readUInt32LE(at + 20);
    let size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    let local = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString("utf8");
    // Zip64: the values written as 0xffffffff follow in the extra field, in order.
    for (let x = at + 46 + nameLength; x < at + 46 + nameLength + extraLength; ) {
      const id = zip.readUInt16LE(x);
      const length = zip.readUInt16LE(x + 2);
      if (id === 0x0001) {
        let v = x + 4;
        const next = () => Number(zip.readBigUInt64LE((v += 8) - 8));
        if (size === MAX32) size = next();
        if (compressed === MAX32) compressed = next();
        if (local === MAX32) local = next();
      }
      x += 4 + length;
    }
    const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(dataStart, dataStart + compressed);
    const data = method === 8 ? inflateRawSync(raw) : Buffer.from(raw);
    assert.equal(data.length, size, `${name}: its size`);
    files.push({ name, data });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

