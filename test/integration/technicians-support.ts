// Helpers of the technicians suite (technicians.test.ts).
import { randomUUID } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { assignments } from '../../src/server/modules/dispatch/dispatch.schema';
import type { TestApp } from '../build-test-app';

/** A complete createTechnician body for a user; override any part. */
export function technicianBody(userId: string, staffNo: string, overrides: Record<string, unknown> = {}) {
  return {
    userId,
    staffNo,
    home: { lat: 23.135, lng: 113.327, label: '天河区体育西路' },
    ...overrides,
  };
}

function crc32(bytes: Uint8Array): number {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A real, decodable 2×2 PNG of one colour. */
export function tinyPng(rgb: [number, number, number] = [30, 120, 200]): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(2, 0);
  ihdr.writeUInt32BE(2, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // truecolour
  const row = Buffer.from([0, ...rgb, ...rgb]);
  const raw = Buffer.concat([row, row]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The start of a JPEG file (enough for type sniffing). */
export const JPEG_BYTES = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);

/**
 * An appointment row written straight into `assignments` (the assignment use cases belong to another part of the
 * module): `from`/`to` as ISO instants.
 */
export async function insertAppointment(
  t: TestApp,
  a: { technicianId: string; branchId: string; number: string; from: string; to: string; active?: boolean },
): Promise<string> {
  const id = randomUUID();
  await t.database.db.insert(assignments).values({
    id,
    workOrderId: randomUUID(),
    workOrderNumber: a.number,
    technicianId: a.technicianId,
    branchId: a.branchId,
    startAt: new Date(a.from),
    endAt: new Date(a.to),
    state: a.active === false ? 'unassigned' : 'assigned',
    active: a.active ?? true,
    createdAt: t.clock.now(),
    updatedAt: t.clock.now(),
  });
  return id;
}
