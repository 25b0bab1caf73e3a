import { hash, verify } from "@node-rs/argon2";

// Argon2id with OWASP's minimum: 19 MiB, 2 iterations, parallelism 1.
// (The library's default algorithm is Argon2id; its enum is not importable under isolatedModules.)
const options = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verified against when an account is unknown, so that a wrong identifier takes
// as long to refuse as a wrong password and timing does not reveal accounts.
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword("academy-decoy-password");
  return decoyHash;
}
