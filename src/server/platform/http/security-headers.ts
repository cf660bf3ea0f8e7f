import type { FastifyInstance } from 'fastify';

const csp = (imgOrigins: string[]) =>
  [
    "default-src 'self'",
    "script-src 'self'",
    // antd renders CSS-in-JS style tags at run time.
    "style-src 'self' 'unsafe-inline'",
    // Map tiles of the dispatch board may come from a configured tile server.
    ["img-src 'self' data: blob:", ...imgOrigins].join(' '),
    "font-src 'self' data:",
    "connect-src 'self'",
    // The technician app's service worker and PWA manifest (same origin only).
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');

/** Security headers on every response; no-store on every API response (they may carry personal data). */
export function registerSecurityHeaders(
  app: FastifyInstance,
  opts: { production: boolean; mapTileUrl?: string },
): void {
  const tileOrigin = opts.mapTileUrl ? new URL(opts.mapTileUrl.replace(/\{[zxy]\}/g, '0')).origin : null;
  const CSP = csp(tileOrigin ? [tileOrigin] : []);
  app.addHook('onSend', async (req, reply, payload) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'strict-origin-when-cross-origin');
    reply.header('X-Frame-Options', 'DENY');
    reply.header('Cross-Origin-Opener-Policy', 'same-origin');
    reply.header('Permissions-Policy', 'camera=(self), geolocation=(self), microphone=()');
    if (!reply.hasHeader('Content-Security-Policy')) reply.header('Content-Security-Policy', CSP);
    if (opts.production) reply.header('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    if (req.url.startsWith('/api/') && !req.url.startsWith('/api/docs')) {
      // A route may say more (e.g. "private, no-store" for a photo) but never less than no-store.
      const cacheControl = reply.getHeader('Cache-Control');
      if (typeof cacheControl !== 'string' || !/(^|[\s,])no-store($|[\s,])/i.test(cacheControl)) {
        reply.header('Cache-Control', 'no-store');
      }
      reply.header('Pragma', 'no-cache');
    }
    return payload;
  });
}
