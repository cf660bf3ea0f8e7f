import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { isDecodablePng, MAX_PNG_PIXELS } from './png-check';

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  // The CRC is not checked (pdfkit does not check it either).
  return Buffer.concat([length, Buffer.from(type, 'latin1'), data, Buffer.alloc(4)]);
}

function png(opts: {
  width: number;
  height: number;
  colour?: number;
  depth?: number;
  interlace?: number;
  raw?: Buffer;
  idat?: Buffer;
  palette?: boolean;
  end?: boolean;
}): Buffer {
  const { width, height, colour = 6, depth = 8, interlace = 0 } = opts;
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = depth;
  ihdr[9] = colour;
  ihdr[12] = interlace;
  const channels = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }[colour] ?? 1;
  const raw = opts.raw ?? Buffer.alloc(height * (1 + Math.ceil((width * channels * depth) / 8)));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    ...(opts.palette ? [chunk('PLTE', Buffer.alloc(6))] : []),
    chunk('IDAT', opts.idat ?? deflateSync(raw)),
    ...(opts.end === false ? [] : [chunk('IEND', Buffer.alloc(0))]),
  ]);
}

describe('isDecodablePng', () => {
  it('accepts PNGs whose pixels decode: RGBA, grey, a palette, interlaced', () => {
    // The 1×1 RGBA PNG of the tests (a real file, CRCs and all).
    const real = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
      'base64',
    );
    expect(isDecodablePng(real)).toBe(true);
    expect(isDecodablePng(png({ width: 300, height: 100 }))).toBe(true);
    expect(isDecodablePng(png({ width: 9, height: 3, colour: 0, depth: 1 }))).toBe(true);
    expect(isDecodablePng(png({ width: 4, height: 4, colour: 3, depth: 8, palette: true }))).toBe(true);
    // Adam7 on 3×3 RGBA: passes of 1×1, none, none, 1×1, 2×1, 1×2, 3×1 pixels (a filter byte per row).
    const interlaced = Buffer.alloc(5 + 5 + 9 + 2 * 5 + 13);
    expect(isDecodablePng(png({ width: 3, height: 3, interlace: 1, raw: interlaced }))).toBe(true);
  });

  it('refuses what would fail or blow up in the PDF library', () => {
    expect(isDecodablePng(Buffer.from('GIF89a not a png at all, not at all'))).toBe(false);
    // Compressed data that is not zlib.
    expect(isDecodablePng(png({ width: 10, height: 10, idat: Buffer.from('garbage garbage garbage') }))).toBe(false);
    // Fewer or more bytes than the header says.
    expect(isDecodablePng(png({ width: 10, height: 10, raw: Buffer.alloc(10 * 41 - 1) }))).toBe(false);
    expect(isDecodablePng(png({ width: 10, height: 10, raw: Buffer.alloc(10 * 41 + 1) }))).toBe(false);
    // A row with an unknown filter type.
    const badFilter = Buffer.alloc(2 * 41);
    badFilter[41] = 9;
    expect(isDecodablePng(png({ width: 10, height: 2, raw: badFilter }))).toBe(false);
    // A palette image without its palette, an unknown colour type or depth, no IEND, truncated.
    expect(isDecodablePng(png({ width: 4, height: 4, colour: 3 }))).toBe(false);
    expect(isDecodablePng(png({ width: 4, height: 4, colour: 5 }))).toBe(false);
    expect(isDecodablePng(png({ width: 4, height: 4, colour: 2, depth: 4 }))).toBe(false);
    expect(isDecodablePng(png({ width: 4, height: 4, end: false }))).toBe(false);
    const whole = png({ width: 40, height: 40 });
    expect(isDecodablePng(whole.subarray(0, whole.length - 20))).toBe(false);
    // Too many pixels (a small file asking for a huge image: a decompression bomb).
    expect(
      isDecodablePng(png({ width: 5000, height: 5000, colour: 0, depth: 1, idat: deflateSync(Buffer.alloc(10)) })),
    ).toBe(false);
    expect(MAX_PNG_PIXELS).toBeLessThan(5000 * 5000);
  });
});
