import type { Db } from '@server/platform/db/client';
import { DEMO_PASSWORD, verifyPassword } from '../domain/password';
import { listDemoUsers } from '../identity.repository';

/** Usernames of active users that still have the public demo password (production refuses to start). */
export async function usersWithDemoPassword(db: Db): Promise<string[]> {
  const out: string[] = [];
  for (const u of await listDemoUsers(db)) {
    if (await verifyPassword(u.passwordHash, DEMO_PASSWORD)) out.push(u.username);
  }
  return out;
}
