// A right-to-left override (U+202E) in a file name makes "讲义‮fdp.exe" look like
// "讲义exe.pdf": such characters are not kept when a material or a photo is stored.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { openLecturerPhoto, setLecturerPhoto } from "~/modules/faculty/lecturers.server.ts";
import { addFileMaterial } from "~/modules/materials/materials.server.ts";
import { db } from "~/utils/db.server.ts";
import { createCohort } from "../../factories/cohort.ts";
import { createLecturer, createModule } from "../../factories/curriculum.ts";
import { createPerson } from "../../factories/person.ts";
import { minimalPdf, png } from "../../factories/upload-files.ts";

let uploads: string;
beforeAll(() => {
  uploads = mkdtempSync(path.join(os.tmpdir(), "academy-file-names-"));
  process.env.DATA_DIR = uploads;
});
afterAll(() => {
  delete process.env.DATA_DIR;
  rmSync(uploads, { recursive: true, force: true });
});

const bidiAndControls = /[\p{Cc}\p{Cf}\u2028\u2029]/u;

test("a material's stored name has no bidi overrides, marks or other control characters", async () => {
  const cohort = await createCohort();
  const module = await createModule(cohort.id);
  const staff = await createPerson({ roles: ["staff"] });
  const name = "讲义\u202efdp\u2066\u200f\u0085.pdf";
  const { id } = await addFileMaterial({ cohortId: cohort.id, moduleId: module.id, file: { name, bytes: minimalPdf(["x"]) }, actor: staff });
  const stored = await db.material.findUniqueOrThrow({ where: { id }, select: { fileName: true, title: true } });
  expect(stored.fileName).toBe("讲义fdp.pdf");
  expect(stored.title).not.toMatch(bidiAndControls);
});

test("a lecturer's photo is served under a name without them, whatever the profile's name holds", async () => {
  const lecturer = await createLecturer({ name: "林\u202egnp.exe" });
  await setLecturerPhoto(lecturer.id, { name: "photo.png", bytes: png() });
  const photo = await openLecturerPhoto(lecturer.id);
  expect(photo?.fileName).toBe("林gnp.exe.png");
});
