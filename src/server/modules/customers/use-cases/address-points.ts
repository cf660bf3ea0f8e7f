import type { Ctx } from '@server/platform/context';
import { addressPointsByIds } from '../customers.repository';

/** The map point of each address (null when it has none); no personal text, nothing to audit. */
export async function addressPoints(
  ctx: Ctx,
  addressIds: readonly string[],
): Promise<Map<string, { lat: number; lng: number } | null>> {
  const rows = await addressPointsByIds(ctx.db, [...new Set(addressIds)]);
  return new Map(rows.map((r) => [r.id, r.lat !== null && r.lng !== null ? { lat: r.lat, lng: r.lng } : null]));
}
