// The security headers of every answer of the public site (serve-site.ts; docs/nginx.conf
// sends the same, and a unit test holds the two together). The site has no inline script or
// style and loads nothing from elsewhere, so the policy names 'self' only, plus the CMS's public
// address where a reader's browser talks to it (help-request form, media). Only the search page
// and Pagefind's own files (its worker gets the policy of its script) may compile WebAssembly,
// in which Pagefind's search runs.

export function cmsPublicOrigin(env: NodeJS.ProcessEnv = process.env): string {
  return new URL(env.CMS_PUBLIC_URL ?? `http://127.0.0.1:${env.CMS_PORT ?? 1337}`).origin;
}

export function contentSecurityPolicy(cmsOrigin: string, options: { webAssembly?: boolean } = {}): string {
  return [
    "default-src 'self'",
    `script-src 'self'${options.webAssembly ? " 'wasm-unsafe-eval'" : ''}`,
    "style-src 'self'",
    `img-src 'self' data: ${cmsOrigin}`,
    `media-src 'self' ${cmsOrigin}`,
    "font-src 'self'",
    `connect-src 'self' ${cmsOrigin}`,
    `form-action 'self' ${cmsOrigin}`,
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join('; ');
}

export function securityHeaders(urlPath: string, cmsOrigin: string): Record<string, string> {
  return {
    'content-security-policy': contentSecurityPolicy(cmsOrigin, { webAssembly: /^\/(search|pagefind)\//.test(urlPath) }),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'x-frame-options': 'DENY',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
    'cross-origin-opener-policy': 'same-origin',
  };
}
