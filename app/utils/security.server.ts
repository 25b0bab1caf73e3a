// Browser-facing security policy: headers on every response, a nonce-based
// Content-Security-Policy on every page, and refusal of state-changing requests
// that another site sent.

export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    // React renders style attributes (progress bars); no script runs through them.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join("; ");
}

/** Only the trainee's check-in page may ask for the browser's position (the venue's location check). */
const mayAskForPosition = (pathname: string) => pathname.startsWith("/check-in/");

export function securityHeaders(https: boolean, pathname = ""): Record<string, string> {
  const geolocation = mayAskForPosition(pathname) ? "(self)" : "()";
  return {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": `camera=(), microphone=(), geolocation=${geolocation}, payment=()`,
    ...(https ? { "Strict-Transport-Security": "max-age=31536000; includeSubDomains" } : {}),
  };
}

const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * A state-changing request must come from this site: its Origin, when the
 * browser sends one, must be ours; without Origin, Sec-Fetch-Site must not say
 * another site. Clients that send neither are not browsers and carry no
 * victim's cookies from another site.
 */
export function isAllowedOrigin(input: {
  method: string;
  origin: string | null | undefined;
  secFetchSite: string | null | undefined;
  expectedOrigin: string;
}): boolean {
  if (safeMethods.has(input.method.toUpperCase())) return true;
  if (input.origin) return input.origin === input.expectedOrigin;
  return !input.secFetchSite || input.secFetchSite === "same-origin" || input.secFetchSite === "none";
}

/**
 * Every page's action reads a form, so a state-changing request must carry
 * one: anything else (JSON, plain text, no body at all) is answered 415 here,
 * once, instead of failing inside each action as a server error.
 */
export function isFormSubmission(method: string, contentType: string | null | undefined): boolean {
  if (safeMethods.has(method.toUpperCase())) return true;
  const type = contentType?.split(";")[0]?.trim().toLowerCase();
  return type === "application/x-www-form-urlencoded" || type === "multipart/form-data";
}
