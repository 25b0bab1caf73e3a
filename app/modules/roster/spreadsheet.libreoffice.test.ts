// The roster export opened by LibreOffice, an independent reader of .xlsx:
// Chinese intact, and cells that look like formulas stay text. Runs where
// LibreOffice is installed (CI installs it; see .ci/run).
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "vitest";
import { writeRosterWorkbook } from "./spreadsheet-write.server.ts";

const soffice = ["/usr/bin/soffice", "/usr/bin/libreoffice"].find((file) => existsSync(file));

test.skipIf(!soffice)("LibreOffice reads the exported roster with Chinese intact and no formulas", async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "academy-lo-"));
  try {
    const workbook = await writeRosterWorkbook(
      [
        {
          name: "王学军",
          mobile: "13800000001",
          company: '=HYPERLINK("http://evil.example","点击领取")',
          position: "+1",
          industry: "-1+2",
          district: "@SUM(1)",
          creditCode: "91350100M000100Y43",
          email: null,
          status: "enrolled",
        },
      ],
      "zh-CN",
    );
    writeFileSync(path.join(dir, "roster.xlsx"), workbook);
    // A private profile folder, so a LibreOffice that is open elsewhere does not swallow the job.
    execFileSync(
      soffice!,
      [`-env:UserInstallation=file://${dir}/profile`, "--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", dir, path.join(dir, "roster.xlsx")],
      { stdio: "ignore", timeout: 120_000 },
    );
    const [header, row] = readFileSync(path.join(dir, "roster.csv"), "utf8").trim().split("\n");
    expect(header).toBe("姓名,手机号,企业名称,职务,行业,区县,统一社会信用代码,邮箱,状态");
    expect(row).toContain("王学军,13800000001,");
    expect(row).toContain("91350100M000100Y43");
    expect(row).toContain("已录取");
    // Had they been formulas, LibreOffice would have written their results (1, 1, a link text) instead.
    expect(row).toContain(`"'=HYPERLINK(""http://evil.example"",""点击领取"")"`);
    expect(row).toContain("'+1,'-1+2,'@SUM(1)");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 150_000);
