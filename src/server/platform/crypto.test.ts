import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataCipher, loadDataKey } from './crypto';

describe('DataCipher', () => {
  const cipher = new DataCipher(randomBytes(32));
  it('round-trips and never repeats a ciphertext', () => {
    const a = cipher.encrypt('13812345678');
    const b = cipher.encrypt('13812345678');
    expect(a).not.toBe(b);
    expect(a).not.toContain('13812345678');
    expect(cipher.decrypt(a)).toBe('13812345678');
    expect(cipher.decrypt(cipher.encrypt('广州市天河区体育西路 1 号'))).toBe('广州市天河区体育西路 1 号');
  });
  it('refuses a tampered ciphertext', () => {
    const c = cipher.encrypt('13812345678');
    const parts = c.split(':');
    const ct = Buffer.from(parts[3] as string, 'base64url');
    ct[0] = (ct[0] as number) ^ 1;
    parts[3] = ct.toString('base64url');
    expect(() => cipher.decrypt(parts.join(':'))).toThrow();
  });
  it('blind index is deterministic per key and purpose', () => {
    expect(cipher.blindIndex('phone', '13812345678')).toBe(cipher.blindIndex('phone', '13812345678'));
    expect(cipher.blindIndex('phone', '13812345678')).not.toBe(cipher.blindIndex('name', '13812345678'));
    expect(new DataCipher(randomBytes(32)).blindIndex('phone', '13812345678')).not.toBe(
      cipher.blindIndex('phone', '13812345678'),
    );
  });
});

describe('loadDataKey', () => {
  it('creates a 0600 key file once in embedded mode and reuses it', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'aircare-key-'));
    try {
      const k1 = loadDataKey({ envKey: undefined, dataDir: dir, embedded: true });
      const k2 = loadDataKey({ envKey: undefined, dataDir: dir, embedded: true });
      expect(k1.equals(k2)).toBe(true);
      expect(statSync(path.join(dir, 'data.key')).mode & 0o777).toBe(0o600);
      expect(readFileSync(path.join(dir, 'data.key'), 'utf8').trim()).toBe(k1.toString('base64'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('takes AIRCARE_DATA_KEY and rejects a wrong length', () => {
    const key = randomBytes(32);
    expect(loadDataKey({ envKey: key.toString('base64'), dataDir: '/nonexistent', embedded: false }).equals(key)).toBe(
      true,
    );
    expect(() => loadDataKey({ envKey: 'c2hvcnQ=', dataDir: '/x', embedded: false })).toThrow(/32/);
  });
  it('requires the variable on a PostgreSQL server', () => {
    expect(() => loadDataKey({ envKey: undefined, dataDir: '/x', embedded: false })).toThrow(/AIRCARE_DATA_KEY/);
  });
});
