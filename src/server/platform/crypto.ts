import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Field encryption for personal data at rest (phones, addresses): AES-256-GCM with a random 12-byte IV,
 * stored as "v1:<iv>:<tag>:<ciphertext>" (base64url). A blind index (HMAC-SHA256 under a key derived
 * from the same master key) lets us look a phone up by equality without decrypting every row.
 */
export class DataCipher {
  private readonly encKey: Buffer;
  private readonly indexKey: Buffer;

  constructor(masterKey: Buffer) {
    if (masterKey.length !== 32) throw new Error('the data key must be 32 bytes');
    this.encKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'aircare/field-encryption/v1', 32));
    this.indexKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'aircare/blind-index/v1', 32));
  }

  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.encKey, iv);
    const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return `v1:${iv.toString('base64url')}:${tag.toString('base64url')}:${ct.toString('base64url')}`;
  }

  decrypt(stored: string): string {
    const [v, iv, tag, ct] = stored.split(':');
    if (v !== 'v1' || !iv || !tag || ct === undefined) throw new Error('unknown ciphertext format');
    const decipher = createDecipheriv('aes-256-gcm', this.encKey, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
  }

  /** Deterministic search token for an already-normalised value (purpose separates e.g. phones from names). */
  blindIndex(purpose: string, normalised: string): string {
    return createHmac('sha256', this.indexKey).update(`${purpose}\u0000${normalised}`).digest('base64url');
  }
}

/**
 * The master key: AIRCARE_DATA_KEY (base64 of 32 bytes) when set; otherwise, in embedded mode, a key file
 * `data.key` in DATA_DIR created on first start (mode 0600). A PostgreSQL deployment must set the variable:
 * a key kept next to the database would be backed up with it.
 */
export function loadDataKey(opts: { envKey: string | undefined; dataDir: string; embedded: boolean }): Buffer {
  if (opts.envKey) {
    const key = Buffer.from(opts.envKey, 'base64');
    if (key.length !== 32) throw new Error('AIRCARE_DATA_KEY must be the base64 encoding of 32 random bytes');
    return key;
  }
  if (!opts.embedded) {
    throw new Error('AIRCARE_DATA_KEY is required with DATABASE_URL (generate one: openssl rand -base64 32)');
  }
  const file = path.join(opts.dataDir, 'data.key');
  if (existsSync(file)) {
    const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte base64 key`);
    return key;
  }
  mkdirSync(opts.dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  return key;
}
