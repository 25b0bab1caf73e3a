import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from "node:crypto";
import { sessionSecrets } from "./secrets.server.ts";

export const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

/** Keyed hash for short secrets (activation codes), which a plain hash would not protect. */
export const keyedHash = (value: string) => createHmac("sha256", sessionSecrets()[0]!).update(value).digest("hex");

export const randomToken = () => randomBytes(32).toString("base64url");

/** A numeric code of `digits` digits, uniformly drawn. */
export function randomDigits(digits: number): string {
  let code = "";
  for (let i = 0; i < digits; i += 1) code += String(randomInt(10));
  return code;
}

export function hashesEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, "hex");
  const right = Buffer.from(b, "hex");
  return left.length === right.length && timingSafeEqual(left, right);
}
