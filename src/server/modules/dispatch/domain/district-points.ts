import type { Point } from './travel';

/**
 * Approximate centres of Guangzhou's districts, used when an address has no map point (a hotline order typed
 * without a map pick): travel estimates stay in the right part of the city rather than unknown.
 */
export const DISTRICT_CENTRES: Record<string, Point> = {
  天河区: { lat: 23.1247, lng: 113.3612 },
  越秀区: { lat: 23.1289, lng: 113.2668 },
  荔湾区: { lat: 23.1259, lng: 113.2442 },
  海珠区: { lat: 23.0839, lng: 113.3174 },
  白云区: { lat: 23.1579, lng: 113.2732 },
  黄埔区: { lat: 23.1063, lng: 113.4593 },
  番禺区: { lat: 22.9377, lng: 113.3842 },
  花都区: { lat: 23.4039, lng: 113.2203 },
  南沙区: { lat: 22.8017, lng: 113.5253 },
  从化区: { lat: 23.5486, lng: 113.5865 },
  增城区: { lat: 23.2906, lng: 113.8109 },
};

export function pointOf(point: Point | null | undefined, district: string): Point | null {
  return point ?? DISTRICT_CENTRES[district] ?? null;
}
