import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Where visit photos live. By default files under DATA_DIR (`field-photos/<visitId>/<photoId>.<ext>`), readable by
 * the server's user only (directories 0700, files 0600) and never served statically: the only way to a photo is
 * `getVisitPhoto`, which checks who asks. An S3-compatible store implements the same interface (not yet built).
 */
export interface PhotoStore {
  readonly kind: 'disk' | 's3';
  put(key: string, bytes: Buffer): Promise<void>;
  /** The bytes, or null when the file is gone. */
  get(key: string): Promise<Buffer | null>;
}

const KEY = /^[0-9a-f-]{36}\/[0-9a-f-]{36}\.(jpg|png|webp)$/;

export function photoKey(visitId: string, photoId: string, contentType: string): string {
  const ext = contentType === 'image/png' ? 'png' : contentType === 'image/webp' ? 'webp' : 'jpg';
  return `${visitId}/${photoId}.${ext}`;
}

export function diskPhotoStore(dataDir: string): PhotoStore {
  const root = path.join(dataDir, 'field-photos');
  const file = (key: string) => {
    // Keys are made by photoKey from ids; anything else (a path escaping the root) is a programming error.
    if (!KEY.test(key)) throw new Error(`invalid photo key ${key}`);
    return path.join(root, key);
  };
  return {
    kind: 'disk',
    async put(key, bytes) {
      const target = file(key);
      await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
      // Written under a temporary name and renamed: a reader never sees half a photo.
      const tmp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
      await writeFile(tmp, bytes, { mode: 0o600 });
      await rename(tmp, target);
    },
    async get(key) {
      try {
        return await readFile(file(key));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw err;
      }
    },
  };
}
