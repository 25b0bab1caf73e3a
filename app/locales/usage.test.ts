import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import { messages } from "~/utils/i18n.ts";

const en = messages.en;
const zhCN = messages["zh-CN"];

const appDir = path.resolve(import.meta.dirname, "..");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) && !entry.name.includes(".test.") ? [full] : [];
  });
}

function has(messages: object, key: string): boolean {
  const parts = key.split(".");
  const last = parts.pop() as string;
  let node: unknown = messages;
  for (const part of parts) node = (node as Record<string, unknown> | undefined)?.[part];
  if (typeof node !== "object" || node === null) return false;
  return Object.keys(node).some((k) => k === last || k.startsWith(`${last}_`));
}

// Keys used as literals in t("…") calls and as validation messages in schemas.
const keyPattern = /\bt\(\s*["'`]([a-zA-Z0-9_.]+)["'`]|["'`]((?:[a-z][a-zA-Z0-9]*\.)+errors\.[a-zA-Z0-9_]+)["'`]/g;

test("every message key used in the app exists in both languages", () => {
  const missing: string[] = [];
  for (const file of sourceFiles(appDir)) {
    const text = readFileSync(file, "utf8");
    for (const match of text.matchAll(keyPattern)) {
      const key = (match[1] ?? match[2]) as string;
      for (const [language, messages] of [["zh-CN", zhCN], ["en", en]] as const) {
        if (!has(messages, key)) missing.push(`${language}: ${key} (${path.relative(appDir, file)})`);
      }
    }
  }
  expect(missing).toEqual([]);
});
