import { useMemo } from 'react';

export function isKnownTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** IANA zones as AutoComplete options; the Chinese ones first. */
export function useTimeZoneOptions(): { value: string }[] {
  return useMemo(() => {
    let zones: string[] = [];
    try {
      zones = Intl.supportedValuesOf('timeZone');
    } catch {
      zones = [];
    }
    const first = ['Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Urumqi'];
    return [...first, ...zones.filter((z) => !first.includes(z))].map((value) => ({ value }));
  }, []);
}

export function filterTimeZone(input: string, option?: { value?: string }): boolean {
  return (option?.value ?? '').toLowerCase().includes(input.toLowerCase());
}
