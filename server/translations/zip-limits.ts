/**
 * Reads a zip's central directory (without inflating anything) to refuse a spreadsheet that would
 * unpack to far more than it weighs, before a reader tries: a few kilobytes can unpack to gigabytes.
 */
const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;

export interface ZipTotals {
  entries: number;
  uncompressed: number;
}

/** Totals from the central directory, or undefined when this is not a readable zip. */
export function zipTotals(buf: Buffer): ZipTotals | undefined {
  // The end-of-central-directory record is in the last 22 + 65535 bytes (its comment is at most 64 KiB).
  const from = Math.max(0, buf.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = buf.length - 22; i >= from; i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return undefined;
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  let uncompressed = 0;
  for (let n = 0; n < count; n++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== CENTRAL) return undefined;
    const size = buf.readUInt32LE(at + 24);
    // 0xffffffff means a zip64 size, which no spreadsheet of translations needs.
    uncompressed += size === 0xffffffff ? Number.MAX_SAFE_INTEGER : size;
    at += 46 + buf.readUInt16LE(at + 28) + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
  }
  return { entries: count, uncompressed };
}
