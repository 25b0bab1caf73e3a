// Attacks 5 and 6 of the security review, against the production server:
// roster files that inflate to hundreds of MB or millions of rows, and request
// bodies of hundreds of MB. Each is refused with a message, /healthz answers
// after each, and the server's memory never reaches 1 GB.
import { readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { cellBombXlsx, rowBombXlsx } from "../factories/spreadsheet-bombs.ts";
import { signIn } from "./helpers.ts";

const xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const MB = 1024 * 1024;

/** The server's resident memory now and at its peak, from /proc (scripts/e2e-server.ts writes its pid). */
function serverMemoryMB(): { now: number; peak: number } | null {
  try {
    const pid = readFileSync(path.resolve("data/e2e-server.pid"), "utf8").trim();
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN);
    return { now: kb("VmRSS") / 1024, peak: kb("VmHWM") / 1024 };
  } catch {
    return null; // not Linux: the answers are still checked
  }
}

async function expectServerWell(request: APIRequestContext) {
  expect((await request.get("/healthz")).status()).toBe(200);
  const memory = serverMemoryMB();
  if (memory) expect(memory.peak, `server memory ${JSON.stringify(memory)} MB`).toBeLessThan(1024);
}

/**
 * Sends a body of `bytes` (declared with Content-Length, or chunked) without
 * holding it: pieces are written until the server answers, then the
 * connection is dropped. Resolves with the status and text of the answer.
 */
function streamBody(url: string, bytes: number, options: { chunked?: boolean } = {}): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const piece = Buffer.alloc(256 * 1024, "a");
    const headers: http.OutgoingHttpHeaders = { "Content-Type": "application/x-www-form-urlencoded" };
    if (!options.chunked) headers["Content-Length"] = bytes;
    const req = http.request(url, { method: "POST", headers }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => {
        resolve({ status: res.statusCode ?? 0, text });
        req.destroy();
      });
    });
    let sent = 0;
    let answered = false;
    req.on("response", () => (answered = true));
    req.on("error", (error: NodeJS.ErrnoException) => {
      if (answered) return;
      // The server answers 413 and closes while the body is still being written: writing then
      // fails (EPIPE, ECONNRESET) though the answer may already be on its way. Stop writing and
      // wait for it a moment; no answer at all is a failure.
      if (error.code === "EPIPE" || error.code === "ECONNRESET") {
        answered = true;
        const late = setTimeout(() => reject(error), 2_000);
        req.once("response", () => clearTimeout(late));
        return;
      }
      reject(error);
    });
    const write = () => {
      while (!answered && sent < bytes) {
        sent += piece.byteLength;
        if (!req.write(piece)) return void req.once("drain", write);
      }
      if (!answered) req.end();
    };
    write();
  });
}

test("a zip bomb and a row bomb are refused with a message, and the server stays up", async ({ page, request }) => {
  test.setTimeout(120_000);
  await signIn(page, "staff@demo.academy", "Academy-Staff-2025");
  await page.goto("/admin");
  await page.getByRole("link", { name: "专精特新企业成长训练营（第二期）" }).click();
  await page.getByRole("link", { name: "导入名单" }).click();

  // One cell of 400 MB in some 400 KB, its directory claiming 1 KB.
  await page.getByLabel("名单文件").setInputFiles({ name: "炸弹.xlsx", mimeType: xlsx, buffer: await cellBombXlsx(400 * MB, { lieAboutSize: true }) });
  await page.getByRole("button", { name: "检查文件" }).click();
  await expect(page.getByTestId("import-issue")).toContainText("“炸弹.xlsx”解压后的内容超过 64 MB");
  await expectServerWell(request);

  // Three million rows in a few hundred KB, its directory claiming 1 KB.
  await page.getByLabel("名单文件").setInputFiles({ name: "三百万行.xlsx", mimeType: xlsx, buffer: await rowBombXlsx(3_000_000, { lieAboutSize: true }) });
  await page.getByRole("button", { name: "检查文件" }).click();
  await expect(page.getByTestId("import-issue")).toContainText("“三百万行.xlsx”超过 20000 行");
  await expect(page.getByRole("button", { name: "确认导入" })).toHaveCount(0);
  await expectServerWell(request);
});

test("oversized bodies are answered 413 before they are read, signed out, and the server stays up", async ({ request, baseURL }) => {
  test.setTimeout(90_000);
  const url = `${baseURL}/preferences`;

  // Six parallel 100 MB form posts.
  const answers = await Promise.all(Array.from({ length: 6 }, () => streamBody(url, 100 * MB)));
  for (const answer of answers) {
    expect(answer.status).toBe(413);
    expect(answer.text).toContain("提交的内容超过 64\u00a0KB");
  }
  await expectServerWell(request);

  // 560 MB, declared.
  expect((await streamBody(url, 560 * MB)).status).toBe(413);
  await expectServerWell(request);

  // 560 MB, chunked, so that only counting the streamed bytes can stop it.
  expect((await streamBody(url, 560 * MB, { chunked: true })).status).toBe(413);
  await expectServerWell(request);

  // An upload form allows its file and some more, not without bound.
  expect((await streamBody(`${baseURL}/admin/cohorts/any/import`, 60 * MB)).status).toBe(413);
  await expectServerWell(request);

  // An ordinary form still goes through.
  const small = await request.post("/preferences", { form: { language: "zh-CN", redirectTo: "/" }, maxRedirects: 0 });
  expect(small.status()).toBe(302);
});
