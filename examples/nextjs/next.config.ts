import type { NextConfig } from 'next';
import { SECURITY_HEADERS } from '../shared/security.js';

/** The shared policy (written as helmet options for the other examples) as a Content-Security-Policy header. */
function contentSecurityPolicy(directives: Record<string, string[]>): string {
  return Object.entries(directives)
    .map(([name, values]) => `${name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)} ${values.join(' ')}`)
    .join('; ');
}

const securityHeaders = [
  { key: 'Content-Security-Policy', value: contentSecurityPolicy(SECURITY_HEADERS.contentSecurityPolicy.directives) },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: SECURITY_HEADERS.referrerPolicy.policy },
];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders }];
  },
  // The shared demo page (copied into public/ by scripts/copy-public.mjs) is served at /, and asks for
  // /login, /logout and /me as in the Express and Koa examples: here they are the route handlers under /api.
  async rewrites() {
    return [
      { source: '/', destination: '/index.html' },
      { source: '/login', destination: '/api/login' },
      { source: '/logout', destination: '/api/logout' },
      { source: '/me', destination: '/api/me' },
    ];
  },
};

export default nextConfig;
