// The upload forms and their file limits, for the server's body limits
// (app/utils/body-limit.server.ts), which know no module themselves.
import { MAX_CREDENTIAL_BYTES } from "../app/modules/certificates/credential.ts";
import { MAX_MATERIAL_BYTES, MAX_PHOTO_BYTES } from "../app/modules/materials/materials.ts";
import { maxRosterFileBytes } from "../app/modules/roster/roster.ts";
import type { UploadForm } from "../app/utils/body-limit.server.ts";

/**
 * The upload forms, by path (with Remix's ".data" for submissions made with
 * JavaScript). A file over its own limit, up to twice it, still reaches the
 * page, which reads and drops it and says which file and what limit; a body
 * beyond that is refused here.
 */
export const uploadForms: readonly UploadForm[] = [
  { path: /^\/admin\/cohorts\/[^/]+\/import(?:\.data)?\/?$/, fileBytes: maxRosterFileBytes },
  { path: /^\/admin\/cohorts\/[^/]+\/modules\/[^/]+\/materials(?:\.data)?\/?$/, fileBytes: MAX_MATERIAL_BYTES },
  { path: /^\/admin\/lecturers\/[^/]+(?:\.data)?\/?$/, fileBytes: MAX_PHOTO_BYTES },
  // The verification page's credential file (.json).
  { path: /^\/verify(?:\.data)?\/?$/, fileBytes: MAX_CREDENTIAL_BYTES },
];
