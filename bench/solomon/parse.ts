/** Parser of Solomon's VRPTW text format (also used by the Gehring–Homberger instances). */

export interface SolomonCustomer {
  /** Number in the file (0 = depot). */
  readonly id: number;
  readonly x: number;
  readonly y: number;
  readonly demand: number;
  readonly ready: number;
  readonly due: number;
  readonly service: number;
}

export interface SolomonInstance {
  readonly name: string;
  readonly vehicles: number;
  readonly capacity: number;
  readonly depot: SolomonCustomer;
  /** Customers in file order (depot excluded). */
  readonly customers: readonly SolomonCustomer[];
}

export function parseSolomon(text: string): SolomonInstance {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  const name = lines[0] ?? '';
  let vehicles = Number.NaN;
  let capacity = Number.NaN;
  const rows: SolomonCustomer[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] as string;
    if (/^NUMBER\s+CAPACITY/i.test(line)) {
      const nums = (lines[i + 1] ?? '').split(/\s+/).map(Number);
      vehicles = nums[0] ?? Number.NaN;
      capacity = nums[1] ?? Number.NaN;
      i++;
      continue;
    }
    const parts = line.split(/\s+/);
    if (parts.length === 7 && parts.every((p) => /^-?\d+(\.\d+)?$/.test(p))) {
      const [id, x, y, demand, ready, due, service] = parts.map(Number) as [
        number,
        number,
        number,
        number,
        number,
        number,
        number,
      ];
      rows.push({ id, x, y, demand, ready, due, service });
    }
  }
  if (!Number.isFinite(vehicles) || !Number.isFinite(capacity)) throw new Error('no VEHICLE section');
  const depot = rows.find((r) => r.id === 0) ?? rows[0];
  if (!depot) throw new Error('no customers');
  return { name, vehicles, capacity, depot, customers: rows.filter((r) => r !== depot) };
}
