import { describe, expect, it } from 'vitest';
import { CITY_DEFAULTS, haversineKm, StraightLineTravel } from './travel';

const TIANHE = { lat: 23.1247, lng: 113.3612 };
const PANYU = { lat: 22.9377, lng: 113.3842 };
const at = (hhmm: string) => new Date(`2026-07-15T${hhmm}:00+08:00`);

describe('haversineKm', () => {
  it('is 0 for the same point and symmetric', () => {
    expect(haversineKm(TIANHE, TIANHE)).toBe(0);
    expect(haversineKm(TIANHE, PANYU)).toBeCloseTo(haversineKm(PANYU, TIANHE), 9);
  });

  it('one degree of latitude is about 111 km; Tianhe to Panyu about 21 km', () => {
    expect(haversineKm({ lat: 23, lng: 113 }, { lat: 24, lng: 113 })).toBeCloseTo(111.19, 1);
    const d = haversineKm(TIANHE, PANYU);
    expect(d).toBeGreaterThan(20);
    expect(d).toBeLessThan(22);
  });

  it('a degree of longitude shrinks with latitude', () => {
    const equator = haversineKm({ lat: 0, lng: 113 }, { lat: 0, lng: 114 });
    const guangzhou = haversineKm({ lat: 23, lng: 113 }, { lat: 23, lng: 114 });
    expect(guangzhou / equator).toBeCloseTo(Math.cos((23 * Math.PI) / 180), 2);
  });
});

describe('StraightLineTravel', () => {
  const travel = new StraightLineTravel();

  it('is 0 minutes to the same place (no parking either)', () => {
    expect(travel.minutes(TIANHE, TIANHE, at('08:00'))).toBe(0);
    expect(travel.minutes(TIANHE, { lat: TIANHE.lat + 0.0001, lng: TIANHE.lng }, at('12:00'))).toBe(0);
  });

  it('road factor × distance: the first 12 km at the city speed of the time of day, the rest by expressway, plus parking', () => {
    const km = haversineKm(TIANHE, PANYU) * CITY_DEFAULTS.roadFactor;
    const urban = Math.min(km, 12);
    const rest = km - urban;
    expect(travel.minutes(TIANHE, PANYU, at('12:00'))).toBe(Math.ceil((urban / 28 + rest / 60) * 60 + 5));
    expect(travel.minutes(TIANHE, PANYU, at('23:00'))).toBe(Math.ceil((urban / 40 + rest / 60) * 60 + 5));
    // Rush hour slows the expressway in proportion (18/28 of 60 km/h).
    expect(travel.minutes(TIANHE, PANYU, at('08:00'))).toBe(Math.ceil((urban / 18 + rest / ((60 * 18) / 28)) * 60 + 5));
  });

  it('a short trip stays at the city speed', () => {
    const near = { lat: TIANHE.lat + 0.02, lng: TIANHE.lng };
    const km = haversineKm(TIANHE, near) * CITY_DEFAULTS.roadFactor;
    expect(km).toBeLessThan(12);
    expect(travel.minutes(TIANHE, near, at('12:00'))).toBe(Math.ceil((km / 28) * 60 + 5));
  });

  it('rush hour is slower than midday, and midday slower than night', () => {
    const morningRush = travel.minutes(TIANHE, PANYU, at('08:00'));
    const eveningRush = travel.minutes(TIANHE, PANYU, at('18:00'));
    const midday = travel.minutes(TIANHE, PANYU, at('12:00'));
    const night = travel.minutes(TIANHE, PANYU, at('02:00'));
    expect(morningRush).toBeGreaterThan(midday);
    expect(eveningRush).toBe(morningRush);
    expect(midday).toBeGreaterThan(night);
  });

  it('uses the band by local time (UTC+8): 07:00 local is rush hour, 06:59 is not', () => {
    expect(travel.speedAt(at('07:00'))).toBe(18);
    expect(travel.speedAt(at('06:59'))).toBe(40);
    expect(travel.speedAt(at('09:30'))).toBe(28);
    expect(travel.speedAt(at('17:00'))).toBe(18);
    expect(travel.speedAt(at('19:30'))).toBe(32);
    expect(travel.speedAt(at('22:00'))).toBe(40);
  });

  it('a longer trip takes longer', () => {
    const near = travel.minutes(TIANHE, { lat: 23.13, lng: 113.33 }, at('12:00'));
    const far = travel.minutes(TIANHE, PANYU, at('12:00'));
    expect(near).toBeGreaterThan(0);
    expect(far).toBeGreaterThan(near);
  });
});
