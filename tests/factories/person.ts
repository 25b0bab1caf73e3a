import { hashPassword } from "~/modules/accounts/password.server.ts";
import type { RoleKey } from "~/modules/accounts/roles.ts";
import { db } from "~/utils/db.server.ts";

let sequence = 0;
const passwordHashes = new Map<string, Promise<string>>();

export const defaultTestPassword = "correct horse battery staple";

/** A person with a unique mobile number and e-mail; active with a password unless told otherwise. */
export async function createPerson(
  overrides: {
    name?: string;
    roles?: RoleKey[];
    password?: string | null;
    status?: "invited" | "active" | "deactivated";
    mobile?: string;
    email?: string;
    company?: string;
  } = {},
) {
  sequence += 1;
  const unique = `${process.pid % 1000}${sequence}`.padStart(8, "0").slice(-8);
  const password = overrides.password === undefined ? defaultTestPassword : overrides.password;
  let passwordHash: string | null = null;
  if (password) {
    if (!passwordHashes.has(password)) passwordHashes.set(password, hashPassword(password));
    passwordHash = await passwordHashes.get(password)!;
  }
  const roles = overrides.roles ?? ["trainee"];
  return db.person.create({
    data: {
      name: overrides.name ?? `测试学员${sequence}`,
      mobile: overrides.mobile ?? `139${unique}`,
      email: overrides.email ?? `person${unique}@test.academy`,
      status: overrides.status ?? "active",
      passwordHash,
      roles: { create: roles.map((key) => ({ role: { connect: { key } } })) },
      trainee: roles.includes("trainee")
        ? { create: { company: overrides.company ?? `测试企业${sequence}有限公司`, position: "总经理" } }
        : undefined,
    },
    select: { id: true, name: true, mobile: true, email: true },
  });
}
