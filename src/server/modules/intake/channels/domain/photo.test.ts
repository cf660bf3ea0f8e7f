import { describe, expect, it } from 'vitest';
import { base64DecodedSize, checkPhoto, sniffImageType } from './photo';

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([1, 2, 3, 4]), Buffer.from('WEBPVP8 ')]);

describe('photo checks', () => {
  it('computes the decoded size of base64 without decoding', () => {
    for (const n of [0, 1, 2, 3, 4, 5, 100, 1001]) {
      const b64 = Buffer.alloc(n, 7).toString('base64');
      expect(base64DecodedSize(b64)).toBe(n);
    }
    expect(base64DecodedSize('abc')).toBeNull();
    expect(base64DecodedSize('ab$=')).toBeNull();
    expect(base64DecodedSize('data:image/jpeg;base64,AAAA')).toBeNull();
  });

  it('recognises JPEG, PNG and WebP by their first bytes', () => {
    expect(sniffImageType(JPEG)).toBe('image/jpeg');
    expect(sniffImageType(PNG)).toBe('image/png');
    expect(sniffImageType(WEBP)).toBe('image/webp');
    expect(sniffImageType(Buffer.from('GIF89a'))).toBeNull();
    expect(sniffImageType(Buffer.alloc(0))).toBeNull();
  });

  it('accepts a matching image within the limit and names the problem otherwise', () => {
    const ok = checkPhoto({ contentType: 'image/jpeg', dataBase64: JPEG.toString('base64') }, 100);
    expect(ok.ok && ok.bytes.equals(JPEG)).toBe(true);
    expect(checkPhoto({ contentType: 'image/jpeg', dataBase64: 'not base64!' }, 100)).toMatchObject({
      ok: false,
      code: 'invalid_base64',
    });
    expect(checkPhoto({ contentType: 'image/jpeg', dataBase64: JPEG.toString('base64') }, 5)).toMatchObject({
      ok: false,
      path: 'dataBase64',
      code: 'too_large',
    });
    expect(
      checkPhoto({ contentType: 'image/png', dataBase64: Buffer.from('hello world').toString('base64') }, 100),
    ).toMatchObject({ ok: false, code: 'not_an_image' });
    expect(checkPhoto({ contentType: 'image/png', dataBase64: JPEG.toString('base64') }, 100)).toMatchObject({
      ok: false,
      path: 'contentType',
      code: 'type_mismatch',
    });
  });
});
