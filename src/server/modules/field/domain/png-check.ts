// A signature PNG is checked in full before the PDF library decodes it: pdfkit inflates a PNG's pixels in a
// callback where an error is thrown out of reach (it would end the process), so a damaged or hostile image (bad
// compressed data, wrong sizes, a decompression bomb) must be refused first and shown as "—" instead.
import { inflateSync } from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Channels per colour type (0 grey, 2 RGB, 3 palette, 4 grey + alpha, 6 RGBA) and the bit depths allowed. */
const COLOUR_TYPES: Record<number, { channels: number; depths: number[] }> = {
  0: { channels: 1, depths: [1, 2, 4, 8, 16] },
  2: { channels: 3, depths: [8, 16] },
  3: { channels: 1, depths: [1, 2, 4, 8] },
  4: { channels: 2, depths: [8, 16] },
  6: { channels: 4, depths: [8, 16] },
};
/** Larger than any signature pad; bounds the memory a PNG may ask for. */
export const MAX_PNG_PIXELS = 4096 * 4096;

/** Adam7 passes: starting column/row and steps. */
const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;

/** Bytes of the filtered image data: one filter byte per row plus the row's bytes (each pass when interlaced). */
function expectedBytes(width: number, height: number, bitsPerPixel: number, interlaced: boolean): number[] {
  const rows = (w: number, h: number) => (w === 0 || h === 0 ? 0 : h * (1 + Math.ceil((w * bitsPerPixel) / 8)));
  if (!interlaced) return [rows(width, height)];
  return ADAM7.map(([x0, y0, dx, dy]) => rows(Math.ceil((width - x0) / dx), Math.ceil((height - y0) / dy)));
}

/**
 * True when the bytes are a PNG whose pixels decode: the signature, a valid IHDR (size within MAX_PNG_PIXELS, a
 * known colour type and depth, a palette when needed), IDAT data that inflates to exactly the size the header
 * says, every row with a known filter (0–4), and an IEND.
 */
export function isDecodablePng(bytes: Uint8Array): boolean {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < SIGNATURE.length + 25 || !buf.subarray(0, 8).equals(SIGNATURE)) return false;
  let at = 8;
  let header: { width: number; height: number; depth: number; colour: number; interlaced: boolean } | null = null;
  let palette = false;
  let ended = false;
  const data: Buffer[] = [];
  while (at + 12 <= buf.length) {
    const length = buf.readUInt32BE(at);
    const type = buf.toString('latin1', at + 4, at + 8);
    const body = at + 8;
    if (body + length + 4 > buf.length) return false;
    const chunk = buf.subarray(body, body + length);
    if (type === 'IHDR') {
      if (header || length !== 13) return false;
      header = {
        width: chunk.readUInt32BE(0),
        height: chunk.readUInt32BE(4),
        depth: chunk[8] as number,
        colour: chunk[9] as number,
        interlaced: chunk[12] === 1,
      };
      if (chunk[10] !== 0 || chunk[11] !== 0 || (chunk[12] as number) > 1) return false;
    } else if (!header) return false;
    else if (type === 'PLTE') palette = length > 0 && length % 3 === 0;
    else if (type === 'IDAT') data.push(chunk);
    else if (type === 'IEND') {
      ended = true;
      break;
    }
    at = body + length + 4;
  }
  if (!header || !ended || data.length === 0) return false;
  const { width, height, depth, colour, interlaced } = header;
  const kind = COLOUR_TYPES[colour];
  if (!kind) return false;
  if (!kind.depths.includes(depth) || (colour === 3 && !palette)) return false;
  if (width < 1 || height < 1 || width * height > MAX_PNG_PIXELS) return false;
  const passes = expectedBytes(width, height, kind.channels * depth, interlaced);
  const total = passes.reduce((a, b) => a + b, 0);
  let pixels: Buffer;
  try {
    pixels = inflateSync(Buffer.concat(data), { maxOutputLength: total + 1 });
  } catch {
    return false;
  }
  if (pixels.length !== total) return false;
  // Every row starts with its filter type.
  const bitsPerPixel = kind.channels * depth;
  let offset = 0;
  for (const [p, size] of passes.entries()) {
    if (size === 0) continue;
    const [x0, , dx] = ADAM7[p] as readonly [number, number, number, number];
    const rowBytes = 1 + Math.ceil(((interlaced ? Math.ceil((width - x0) / dx) : width) * bitsPerPixel) / 8);
    for (let row = offset; row < offset + size; row += rowBytes) if ((pixels[row] as number) > 4) return false;
    offset += size;
  }
  return true;
}
