import "@remix-run/node";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** Content-Security-Policy nonce of this response (production server only). */
    cspNonce?: string;
  }
}
