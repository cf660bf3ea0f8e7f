// Draws the technician app's icons (PWA manifest, apple-touch-icon) as real PNG files with node:zlib only:
// an air-conditioner indoor unit in white on the brand blue. Run: `node --import tsx scripts/make-icons.ts`.
// Output: src/web/public/icons/ (committed).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';

type RGBA = [number, number, number, number];
const BLUE: RGBA = [0x16, 0x77, 0xff, 255];
const WHITE: RGBA = [255, 255, 255, 255];
const DARK: RGBA = [0x0b, 0x4f, 0xc2, 255];
const CLEAR: RGBA = [0, 0, 0, 0];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = (CRC_TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function png(size: number, pixel: (x: number, y: number) => RGBA): Buffer {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = pixel(x + 0.5, y + 0.5);
      const o = y * (size * 4 + 1) + 1 + x * 4;
      raw[o] = r;
      raw[o + 1] = g;
      raw[o + 2] = b;
      raw[o + 3] = a;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Inside a rounded rectangle (units of the icon's side, 0..1). */
function inRoundRect(u: number, v: number, x0: number, y0: number, x1: number, y1: number, r: number): boolean {
  if (u < x0 || u > x1 || v < y0 || v > y1) return false;
  const cx = Math.min(Math.max(u, x0 + r), x1 - r);
  const cy = Math.min(Math.max(v, y0 + r), y1 - r);
  return (u - cx) ** 2 + (v - cy) ** 2 <= r * r;
}

/**
 * The drawing in a unit square: the indoor unit (white rounded body, a dark outlet slot) and three airflow lines
 * below it. `inset` shrinks it to the maskable safe zone.
 */
function art(u0: number, v0: number, inset: number): RGBA | null {
  const s = 1 - 2 * inset;
  const u = (u0 - inset) / s;
  const v = (v0 - inset) / s;
  if (inRoundRect(u, v, 0.14, 0.24, 0.86, 0.5, 0.07)) {
    if (inRoundRect(u, v, 0.22, 0.41, 0.78, 0.45, 0.015)) return DARK;
    if (inRoundRect(u, v, 0.7, 0.3, 0.76, 0.34, 0.02)) return [0x52, 0xc4, 0x1a, 255];
    return WHITE;
  }
  for (const [i, x] of [0.3, 0.5, 0.7].entries()) {
    const wave = Math.sin((v - 0.58) * 18) * 0.025;
    if (v >= 0.58 && v <= 0.8 && Math.abs(u - x - wave) <= 0.022) return i === 1 ? WHITE : [220, 235, 255, 255];
  }
  return null;
}

function icon(size: number, opts: { maskable: boolean }): Buffer {
  return png(size, (x, y) => {
    const u = x / size;
    const v = y / size;
    // Maskable: full-bleed background (the platform crops it); plain: a rounded square with clear corners.
    const inBackground = opts.maskable || inRoundRect(u, v, 0, 0, 1, 1, 0.18);
    if (!inBackground) return CLEAR;
    return art(u, v, opts.maskable ? 0.12 : 0) ?? BLUE;
  });
}

const out = path.resolve('src/web/public/icons');
mkdirSync(out, { recursive: true });
const files: [string, Buffer][] = [
  ['icon-192.png', icon(192, { maskable: false })],
  ['icon-512.png', icon(512, { maskable: false })],
  ['icon-maskable-512.png', icon(512, { maskable: true })],
  ['apple-touch-icon.png', icon(180, { maskable: true })],
];
for (const [name, data] of files) {
  writeFileSync(path.join(out, name), data);
  console.log(`${name}: ${data.length} bytes`);
}
