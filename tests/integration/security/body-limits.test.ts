// Attack 6 of the security review: request bodies of any size, even signed
// out. The server's body limit (scripts/server.ts uses it in front of every
// route) answers 413 in the reader's language without reading or holding the
// body; a body within its limit reaches the app whole.
import http from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { MAX_CREDENTIAL_BYTES } from "~/modules/certificates/credential.ts";
import { MAX_MATERIAL_BYTES, MAX_PHOTO_BYTES } from "~/modules/materials/materials.ts";
import { maxRosterFileBytes } from "~/modules/roster/roster.ts";
import { bodyLimit, bodyLimitErrors, DEFAULT_BODY_BYTES, limitRequestBodies } from "~/utils/body-limit.server.ts";
import { uploadForms } from "../../../scripts/upload-forms.ts";
import { languageCookie } from "~/utils/i18n.server.ts";

const MB = 1024 * 1024;
let server: http.Server;
let origin = "";
/** What the app behind the limit received, per request. */
const received: number[] = [];

beforeAll(async () => {
  const app = express();
  app.use(limitRequestBodies(uploadForms));
  app.post("*", (req, res) => {
    let bytes = 0;
    req.on("data", (chunk: Buffer) => (bytes += chunk.byteLength));
    req.on("end", () => {
      received.push(bytes);
      res.send(String(bytes));
    });
  });
  app.use(bodyLimitErrors);
  server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

/** Posts `bytes` in pieces (declared, or chunked) until the server answers; never holds the body. */
function post(pathname: string, bytes: number, options: { chunked?: boolean; cookie?: string } = {}) {
  return new Promise<{ status: number; text: string; sent: number; ms: number }>((resolve, reject) => {
    const began = performance.now();
    const piece = Buffer.alloc(64 * 1024, "a");
    const headers: http.OutgoingHttpHeaders = { "Content-Type": "application/x-www-form-urlencoded" };
    if (!options.chunked) headers["Content-Length"] = bytes;
    if (options.cookie) headers.Cookie = options.cookie;
    let sent = 0;
    let answered = false;
    const req = http.request(`${origin}${pathname}`, { method: "POST", headers }, (res) => {
      answered = true;
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => {
        resolve({ status: res.statusCode ?? 0, text, sent, ms: performance.now() - began });
        req.destroy();
      });
    });
    req.on("error", (error) => (answered ? undefined : reject(error)));
    const write = () => {
      while (!answered && sent < bytes) {
        const part = piece.subarray(0, Math.min(piece.byteLength, bytes - sent));
        sent += part.byteLength;
        if (!req.write(part)) return void req.once("drain", write);
      }
      if (!answered) req.end();
    };
    write();
  });
}

describe("limits by route", () => {
  test("every form is small; the three upload forms take their file and as much again", () => {
    expect(bodyLimit("/preferences", uploadForms)).toEqual({ bytes: DEFAULT_BODY_BYTES, named: DEFAULT_BODY_BYTES });
    expect(bodyLimit("/login.data", uploadForms).bytes).toBe(DEFAULT_BODY_BYTES);
    expect(bodyLimit("/admin/cohorts/c1/import", uploadForms).named).toBe(maxRosterFileBytes);
    expect(bodyLimit("/admin/cohorts/c1/import.data", uploadForms).bytes).toBeGreaterThan(2 * maxRosterFileBytes);
    expect(bodyLimit("/admin/cohorts/c1/modules/m1/materials", uploadForms).named).toBe(MAX_MATERIAL_BYTES);
    expect(bodyLimit("/admin/lecturers/l1", uploadForms).named).toBe(MAX_PHOTO_BYTES);
    expect(bodyLimit("/verify", uploadForms).named).toBe(MAX_CREDENTIAL_BYTES);
    expect(bodyLimit("/verify.data", uploadForms).bytes).toBeGreaterThan(2 * MAX_CREDENTIAL_BYTES);
    expect(bodyLimit("/verify/ABC", uploadForms).bytes).toBe(DEFAULT_BODY_BYTES);
    expect(bodyLimit("/admin/cohorts/c1/import/extra", uploadForms).bytes).toBe(DEFAULT_BODY_BYTES);
  });
});

describe("refusing", () => {
  test("a declared 560 MB body is answered 413 at once, having read none of it", async () => {
    const before = received.length;
    const answer = await post("/preferences", 560 * MB);
    expect(answer.status).toBe(413);
    expect(answer.text).toBe("提交的内容超过 64\u00a0KB，已被拒绝。请返回上一页，选择较小的文件或缩短填写的内容后再提交。");
    expect(answer.sent).toBeLessThan(64 * MB);
    expect(received.length).toBe(before);
  });

  test("six parallel 100 MB posts are all refused, in the reader's language", async () => {
    const cookie = await languageCookie.serialize("en");
    const answers = await Promise.all(Array.from({ length: 6 }, () => post("/preferences", 100 * MB, { cookie })));
    for (const answer of answers) {
      expect(answer.status).toBe(413);
      expect(answer.text).toContain("larger than 64\u00a0KB");
    }
  });

  test("a chunked body is counted as it streams and cut off at the limit", async () => {
    const before = received.length;
    const answer = await post("/preferences", 560 * MB, { chunked: true });
    expect(answer.status).toBe(413);
    expect(answer.sent).toBeLessThan(64 * MB);
    // The app never saw a whole (cut-off) body.
    expect(received.length).toBe(before);
  });

  test("an upload far over its form's limit is refused, naming the file limit", async () => {
    const answer = await post("/admin/cohorts/c1/import", 3 * maxRosterFileBytes);
    expect(answer.status).toBe(413);
    expect(answer.text).toContain("5\u00a0MB");
  });
});

describe("letting through", () => {
  test("bodies within the limit reach the app whole, declared or chunked", async () => {
    expect(await post("/preferences", DEFAULT_BODY_BYTES)).toMatchObject({ status: 200, text: String(DEFAULT_BODY_BYTES) });
    expect(await post("/preferences", 40 * 1024, { chunked: true })).toMatchObject({ status: 200, text: String(40 * 1024) });
  });

  test("a file a little over its limit still reaches the page, which names it", async () => {
    const bytes = maxRosterFileBytes + MB;
    expect(await post("/admin/cohorts/c1/import", bytes)).toMatchObject({ status: 200, text: String(bytes) });
  });
});
