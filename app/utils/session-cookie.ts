// The sign-in cookie's names, for the session code and for the server, which
// keeps every response to a browser carrying one out of shared caches.
// Over HTTPS the __Host- prefix makes the browser refuse the cookie from any
// subdomain or path, or without Secure. Plain-HTTP development cannot use it.
export const HTTPS_SESSION_COOKIE = "__Host-academy_session";
export const PLAIN_SESSION_COOKIE = "academy_session";
export const SESSION_COOKIE_NAMES = [HTTPS_SESSION_COOKIE, PLAIN_SESSION_COOKIE] as const;
