/**
 * Travel time between two map points: a road factor on the straight-line (great-circle) distance and a speed
 * per time of day (rush hours are slow). Behind the `TravelModel` interface, so a routing service (AMap / Baidu
 * driving directions) can replace it without touching the rules that use it.
 */
export interface Point {
  lat: number;
  lng: number;
}

export interface TravelModel {
  /** Minutes of driving from `from` to `to` when leaving at `departAt` (whole minutes, at least 0). */
  minutes(from: Point, to: Point, departAt: Date): number;
}

const EARTH_KM = 6371;

/** Great-circle distance in km. */
export function haversineKm(a: Point, b: Point): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

export interface SpeedBand {
  /** Local minute of day the band starts (inclusive) and ends (exclusive). */
  from: number;
  to: number;
  kmh: number;
}

export interface StraightLineOptions {
  /** Road distance ÷ straight-line distance (a city grid is about 1.3–1.5). */
  roadFactor: number;
  /** Speeds by local time of day; a time outside every band uses `defaultKmh`. */
  bands: SpeedBand[];
  defaultKmh: number;
  /** Parking and walking to the door, added to every trip between different places. */
  fixedMinutes: number;
  /** Road km driven at the city speed; beyond that a trip takes the expressways (outer districts). */
  urbanKm: number;
  /** Expressway speed (rush hours slow it by the same ratio as the city speed). */
  expresswayKmh: number;
  /** The branch's zone offset in minutes east of UTC (Asia/Shanghai: 480). */
  utcOffsetMinutes: number;
}

/**
 * Guangzhou-like defaults: 1.4 road factor, 18 km/h in rush hours, 28 km/h by day, 40 km/h at night within the
 * first 12 road km; beyond, expressways at 60 km/h (slower in rush hours): 天河 → 从化 takes about 90 minutes.
 */
export const CITY_DEFAULTS: StraightLineOptions = {
  roadFactor: 1.4,
  bands: [
    { from: 7 * 60, to: 9 * 60 + 30, kmh: 18 },
    { from: 9 * 60 + 30, to: 17 * 60, kmh: 28 },
    { from: 17 * 60, to: 19 * 60 + 30, kmh: 18 },
    { from: 19 * 60 + 30, to: 22 * 60, kmh: 32 },
  ],
  defaultKmh: 40,
  fixedMinutes: 5,
  urbanKm: 12,
  expresswayKmh: 60,
  utcOffsetMinutes: 480,
};

export class StraightLineTravel implements TravelModel {
  constructor(private readonly opts: StraightLineOptions = CITY_DEFAULTS) {}

  speedAt(departAt: Date): number {
    const local = (((departAt.getTime() / 60_000 + this.opts.utcOffsetMinutes) % 1440) + 1440) % 1440;
    const band = this.opts.bands.find((b) => local >= b.from && local < b.to);
    return band ? band.kmh : this.opts.defaultKmh;
  }

  minutes(from: Point, to: Point, departAt: Date): number {
    const km = haversineKm(from, to) * this.opts.roadFactor;
    if (km < 0.05) return 0;
    const city = this.speedAt(departAt);
    const urban = Math.min(km, this.opts.urbanKm);
    const express = km - urban;
    // Rush hours slow the expressway too, in the same proportion as the city's midday speed.
    const expressKmh = this.opts.expresswayKmh * Math.min(1, city / 28);
    return Math.ceil((urban / city + express / expressKmh) * 60 + this.opts.fixedMinutes);
  }
}
