import { describe, expect, it } from 'vitest';
import { base64DecodedSize, checkPhoto, sniffImageType } from './photo';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46]);
const WEBP = Buffer.from('RIFF\x10\x00\x00\x00WEBPVP8 ', 'latin1');

describe('technician photo', () => {
  it('sniffs JPEG, PNG and WebP from their first bytes', () => {
    expect(sniffImageType(JPEG)).toBe('image/jpeg');
    expect(sniffImageType(PNG)).toBe('image/png');
    expect(sniffImageType(WEBP)).toBe('image/webp');
    expect(sniffImageType(Buffer.from('GIF89a....'))).toBeNull();
    expect(sniffImageType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(sniffImageType(Buffer.alloc(0))).toBeNull();
  });

  it('computes the decoded size of base64 without decoding; null when not base64', () => {
    expect(base64DecodedSize(Buffer.alloc(10).toString('base64'))).toBe(10);
    expect(base64DecodedSize(Buffer.alloc(11).toString('base64'))).toBe(11);
    expect(base64DecodedSize(Buffer.alloc(12).toString('base64'))).toBe(12);
    expect(base64DecodedSize('abc')).toBeNull();
    expect(base64DecodedSize('ab$=')).toBeNull();
  });

  it('accepts an image of the declared type within the limit', () => {
    const r = checkPhoto({ contentType: 'image/png', dataBase64: PNG.toString('base64') }, 100);
    expect(r).toEqual({ ok: true, bytes: PNG });
  });

  it('names the field and the reason of a refusal', () => {
    expect(checkPhoto({ contentType: 'image/png', dataBase64: '!!!!' }, 100)).toEqual({
      ok: false,
      path: 'dataBase64',
      code: 'invalid_base64',
    });
    expect(checkPhoto({ contentType: 'image/png', dataBase64: PNG.toString('base64') }, 11)).toMatchObject({
      code: 'too_large',
    });
    expect(
      checkPhoto({ contentType: 'image/png', dataBase64: Buffer.from('hello world!').toString('base64') }, 100),
    ).toMatchObject({ path: 'dataBase64', code: 'not_an_image' });
    expect(checkPhoto({ contentType: 'image/png', dataBase64: JPEG.toString('base64') }, 100)).toEqual({
      ok: false,
      path: 'contentType',
      code: 'type_mismatch',
    });
  });
});
