import { randomUUID } from 'node:crypto';
import { DEMO_PASSWORD } from './support';

/** A logged-in API client outside the browser (GET and POST/PUT with the session cookie). */
export interface Api {
  get<T = unknown>(path: string): Promise<T>;
  send<T = unknown>(method: 'POST' | 'PUT' | 'PATCH', path: string, body: unknown, idempotent?: boolean): Promise<T>;
}

export async function apiAs(base: string, username: string): Promise<Api> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-requested-with': 'aircare' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const headers = { cookie, 'x-requested-with': 'aircare', 'accept-language': 'zh-CN' };
  return {
    async get<T>(path: string): Promise<T> {
      const r = await fetch(`${base}${path}`, { headers });
      if (!r.ok) throw new Error(`GET ${path}: ${r.status} ${await r.text()}`);
      return (await r.json()) as T;
    },
    async send<T>(method: 'POST' | 'PUT' | 'PATCH', path: string, body: unknown, idempotent = false): Promise<T> {
      const r = await fetch(`${base}${path}`, {
        method,
        headers: {
          ...headers,
          'content-type': 'application/json',
          ...(idempotent ? { 'idempotency-key': randomUUID() } : {}),
        },
        body: JSON.stringify(body),
      });
      if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
      return (await r.json()) as T;
    },
  };
}

interface TechnicianSummaryLite {
  id: string;
  username: string;
  staffNo: string;
  name: string;
}

/**
 * Technician profiles for the given demo logins (all in the head's branch): created through the API when the demo
 * seed has none yet (full skills and certificates, every day 07:30–21:00), left alone when they exist.
 */
export async function ensureTechnicians(base: string, usernames: string[]): Promise<TechnicianSummaryLite[]> {
  const head = await apiAs(base, 'head1');
  const existing = await head.get<{ items: TechnicianSummaryLite[] }>('/api/technicians?pageSize=200&active=all');
  const out: TechnicianSummaryLite[] = [];
  for (const [i, username] of usernames.entries()) {
    const found = existing.items.find((t) => t.username === username);
    if (found) {
      out.push(found);
      continue;
    }
    const users = await head.get<{ items: { id: string; username: string }[] }>(
      `/api/users?q=${encodeURIComponent(username)}&pageSize=20`,
    );
    const user = users.items.find((u) => u.username === username);
    if (!user) throw new Error(`no user ${username}`);
    const created = await head.send<{ id: string; version: number; staffNo: string; name: string }>(
      'POST',
      '/api/technicians',
      {
        userId: user.id,
        staffNo: `E2E-${username.toUpperCase()}`,
        home: { lat: 23.13 + i * 0.01, lng: 113.32 + i * 0.012, label: `天河 ${i + 1}` },
        workDays: [1, 2, 3, 4, 5, 6, 7],
        shiftStart: '07:30',
        shiftEnd: '21:00',
        maxJobsPerDay: 8,
        maxMinutesPerDay: 600,
      },
    );
    const skills = [
      'split_wall',
      'cabinet',
      'ducted',
      'vrf',
      'refrigerant',
      'electrical',
      'pcb',
      'installation',
      'high_work',
    ].map((skill) => ({ skill, level: 3 }));
    const withSkills = await head.send<{ version: number }>('PUT', `/api/technicians/${created.id}/skills`, {
      version: created.version,
      skills,
    });
    void withSkills;
    const today = new Date();
    const iso = (d: Date) => d.toISOString().slice(0, 10);
    const issued = new Date(today.getTime() - 365 * 86_400_000);
    const expires = new Date(today.getTime() + 3 * 365 * 86_400_000);
    for (const type of ['refrigeration', 'electrician', 'height']) {
      await head.send('POST', `/api/technicians/${created.id}/certificates`, {
        type,
        number: `E2E${type.slice(0, 3).toUpperCase()}${i}${Date.now() % 100000}`,
        issuer: '广州市应急管理局',
        issuedOn: iso(issued),
        expiresOn: iso(expires),
      });
    }
    out.push({ id: created.id, username, staffNo: created.staffNo, name: created.name });
  }
  return out;
}
