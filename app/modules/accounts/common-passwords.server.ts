// The common-password list of zxcvbn-ts (@zxcvbn-ts/language-common, MIT):
// about 49,000 passwords seen most often in public breach corpora, lower-case.
// It is large, so it stays on the server and is loaded on first use only: a
// process that never sets a password never pays for it.
import { createRequire } from "node:module";
import type * as languageCommon from "@zxcvbn-ts/language-common";

let commonPasswordSet: ReadonlySet<string> | undefined;

/** The common passwords, lower-cased, loaded once per process. */
export function commonPasswords(): ReadonlySet<string> {
  if (!commonPasswordSet) {
    // require() rather than a static import, so the bundle does not decompress
    // the list at start-up, and rather than import() so checking stays synchronous
    // (usable inside a Zod refinement).
    const require = createRequire(import.meta.url);
    const { dictionary } = require("@zxcvbn-ts/language-common") as typeof languageCommon;
    // The package ships lower-case entries; lower-casing again keeps the
    // case-insensitive lookup correct should a later version not.
    commonPasswordSet = new Set(dictionary["passwords-common"].map((password) => password.toLowerCase()));
  }
  return commonPasswordSet;
}
