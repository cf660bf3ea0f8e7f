// Which face of a font file the PDF record uses. A TrueType/OpenType collection (.ttc: Noto Sans CJK, WenQuanYi,
// PingFang, Microsoft YaHei) holds several faces and must be opened by a face's PostScript name; the record wants
// the Simplified Chinese one. Pure: reads the file's bytes (the table directory and the `name` table) only.

/** A collection's faces by PostScript name, in file order; [] for a single font (.ttf/.otf) or unreadable bytes. */
export function collectionFaceNames(bytes: Uint8Array): string[] {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < 12 || buf.toString('latin1', 0, 4) !== 'ttcf') return [];
  const count = buf.readUInt32BE(8);
  if (count > 64 || 12 + count * 4 > buf.length) return [];
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    const name = postScriptName(buf, buf.readUInt32BE(12 + i * 4));
    if (name) names.push(name);
  }
  return names;
}

/** The PostScript name (name ID 6) of the font whose offset table starts at `at`, or null. */
function postScriptName(buf: Buffer, at: number): string | null {
  if (at + 12 > buf.length) return null;
  const numTables = buf.readUInt16BE(at + 4);
  for (let t = 0; t < numTables; t++) {
    const rec = at + 12 + t * 16;
    if (rec + 16 > buf.length) return null;
    if (buf.toString('latin1', rec, rec + 4) !== 'name') continue;
    const table = buf.readUInt32BE(rec + 8);
    if (table + 6 > buf.length) return null;
    const count = buf.readUInt16BE(table + 2);
    const strings = table + buf.readUInt16BE(table + 4);
    let mac: string | null = null;
    for (let r = 0; r < count; r++) {
      const nr = table + 6 + r * 12;
      if (nr + 12 > buf.length) break;
      const platform = buf.readUInt16BE(nr);
      const nameId = buf.readUInt16BE(nr + 6);
      if (nameId !== 6) continue;
      const length = buf.readUInt16BE(nr + 8);
      const start = strings + buf.readUInt16BE(nr + 10);
      if (start + length > buf.length) continue;
      if (platform === 3 || platform === 0) {
        // UTF-16BE.
        const units: number[] = [];
        for (let k = 0; k + 1 < length; k += 2) units.push(buf.readUInt16BE(start + k));
        return String.fromCharCode(...units);
      }
      if (platform === 1) mac ??= buf.toString('latin1', start, start + length);
    }
    return mac;
  }
  return null;
}

/**
 * The face to use: `wanted` when given (null when the collection has no such face); else the Simplified Chinese
 * face (…CJKsc…, …SC-…, …CN-…, …GB…, …Hans…) that is not monospaced, else the first proportional face, else the first.
 */
export function pickFace(names: readonly string[], wanted?: string): string | null {
  if (wanted) return names.includes(wanted) ? wanted : null;
  const proportional = names.filter((n) => !/mono/i.test(n));
  const simplified = /CJKsc|SC([^A-Za-z]|$)|CN([^A-Za-z]|$)|GB|Hans/;
  return proportional.find((n) => simplified.test(n)) ?? proportional[0] ?? names[0] ?? null;
}
