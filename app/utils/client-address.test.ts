import { afterEach, describe, expect, test, vi } from "vitest";
import { clientAddress, forwardedClientAddress, trustedProxyHops } from "./request.server.ts";

afterEach(() => vi.unstubAllEnvs());

describe("TRUST_PROXY as a number of hops", () => {
  test("unset, 0 and false trust no proxy; 1 and true trust one; a number trusts that many", () => {
    for (const value of [undefined, "", "0", "false", "FALSE"]) expect(trustedProxyHops(value), String(value)).toBe(0);
    for (const value of ["1", "true", " True "]) expect(trustedProxyHops(value), value).toBe(1);
    expect(trustedProxyHops("2")).toBe(2);
    expect(trustedProxyHops("12")).toBe(12);
  });

  test("anything else stops start-up with a message that names the variable", () => {
    for (const value of ["yes", "-1", "1.5", "2 hops", "100", "01"]) {
      expect(() => trustedProxyHops(value), value).toThrow(/TRUST_PROXY/);
    }
  });
});

describe("the client address behind proxies", () => {
  const peer = "10.0.0.2";

  test("with no proxy trusted, X-Forwarded-For is ignored", () => {
    expect(forwardedClientAddress({ forwardedFor: "198.51.100.9", peer, hops: 0 })).toBe(peer);
  });

  test("behind one proxy the last entry is the client: entries the client wrote itself are never chosen", () => {
    // The client sent "X-Forwarded-For: 1.2.3.4"; the proxy appended the address it saw.
    expect(forwardedClientAddress({ forwardedFor: "1.2.3.4, 203.0.113.7", peer, hops: 1 })).toBe("203.0.113.7");
    expect(forwardedClientAddress({ forwardedFor: "203.0.113.7", peer, hops: 1 })).toBe("203.0.113.7");
  });

  test("behind n proxies the n-th entry from the right is the client", () => {
    const header = "6.6.6.6, 203.0.113.7, 10.0.0.1";
    expect(forwardedClientAddress({ forwardedFor: header, peer, hops: 2 })).toBe("203.0.113.7");
    expect(forwardedClientAddress({ forwardedFor: header, peer, hops: 1 })).toBe("10.0.0.1");
    expect(forwardedClientAddress({ forwardedFor: header, peer, hops: 3 })).toBe("6.6.6.6");
  });

  test("fewer entries than hops gives the leftmost; no header at all gives the peer", () => {
    expect(forwardedClientAddress({ forwardedFor: "203.0.113.7", peer, hops: 2 })).toBe("203.0.113.7");
    expect(forwardedClientAddress({ forwardedFor: null, peer, hops: 1 })).toBe(peer);
    expect(forwardedClientAddress({ forwardedFor: " , ", peer, hops: 1 })).toBe(peer);
  });

  test("a request's address follows TRUST_PROXY, however many addresses the client rotates through", () => {
    const request = (forged: string) =>
      new Request("http://localhost/login", {
        headers: { "X-Forwarded-For": `${forged}, 203.0.113.7`, "X-Academy-Client-Address": peer },
      });
    vi.stubEnv("TRUST_PROXY", "1");
    expect(new Set(["1.1.1.1", "2.2.2.2", "3.3.3.3"].map((forged) => clientAddress(request(forged))))).toEqual(new Set(["203.0.113.7"]));
    vi.stubEnv("TRUST_PROXY", "");
    expect(clientAddress(request("1.1.1.1"))).toBe(peer);
  });
});
