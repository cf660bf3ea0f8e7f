/** A short "Chrome · Windows" description of a User-Agent string, for session lists. */
export function describeUserAgent(ua: string | null | undefined): string {
  if (!ua) return '—';
  const browser = /MicroMessenger/i.test(ua)
    ? 'WeChat'
    : /Edg\//.test(ua)
      ? 'Edge'
      : /OPR\//.test(ua)
        ? 'Opera'
        : /Firefox\//.test(ua)
          ? 'Firefox'
          : /HeadlessChrome/.test(ua)
            ? 'Headless Chrome'
            : /Chrome\/|CriOS\//.test(ua)
              ? 'Chrome'
              : /Safari\//.test(ua)
                ? 'Safari'
                : /curl|node|undici|axios|python/i.test(ua)
                  ? (ua.split(/[\s/]/)[0] ?? ua)
                  : '';
  const os = /Windows/.test(ua)
    ? 'Windows'
    : /iPhone|iPad|iPod/.test(ua)
      ? 'iOS'
      : /Android/.test(ua)
        ? 'Android'
        : /HarmonyOS/.test(ua)
          ? 'HarmonyOS'
          : /Mac OS X|Macintosh/.test(ua)
            ? 'macOS'
            : /Linux/.test(ua)
              ? 'Linux'
              : '';
  const parts = [browser, os].filter(Boolean);
  return parts.length ? parts.join(' · ') : ua.slice(0, 40);
}
