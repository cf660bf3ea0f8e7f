// A photo sent as base64 (the customer's photo on /repair, a technician's ID photo): at most `maxBytes` decoded and
// really the image type it claims. Pure; issue paths are relative to the photo object (callers prefix them).

export type PhotoContentType = 'image/jpeg' | 'image/png' | 'image/webp';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Decoded size of a base64 string without decoding it (null when it is not base64). */
export function base64DecodedSize(b64: string): number | null {
  if (b64.length % 4 !== 0 || !BASE64.test(b64)) return null;
  const padding = b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0;
  return (b64.length / 4) * 3 - padding;
}

/** The image type the bytes start with (JPEG FF D8 FF, PNG 89 50 4E 47 0D 0A 1A 0A, WebP RIFF….WEBP), or null. */
export function sniffImageType(bytes: Uint8Array): PhotoContentType | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((b, i) => bytes[i] === b)) {
    return 'image/png';
  }
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  return null;
}

export type PhotoCheck =
  | { ok: true; bytes: Buffer }
  | {
      ok: false;
      path: 'dataBase64' | 'contentType';
      code: 'invalid_base64' | 'too_large' | 'not_an_image' | 'type_mismatch';
    };

/** Decodes and checks a photo: base64, size ≤ maxBytes, an image whose bytes match the declared type. */
export function checkPhoto(photo: { contentType: PhotoContentType; dataBase64: string }, maxBytes: number): PhotoCheck {
  const size = base64DecodedSize(photo.dataBase64);
  if (size === null) return { ok: false, path: 'dataBase64', code: 'invalid_base64' };
  if (size > maxBytes) return { ok: false, path: 'dataBase64', code: 'too_large' };
  const bytes = Buffer.from(photo.dataBase64, 'base64');
  const sniffed = sniffImageType(bytes);
  if (!sniffed) return { ok: false, path: 'dataBase64', code: 'not_an_image' };
  if (sniffed !== photo.contentType) return { ok: false, path: 'contentType', code: 'type_mismatch' };
  return { ok: true, bytes };
}
