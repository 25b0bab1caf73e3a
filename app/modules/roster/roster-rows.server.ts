// Checking a roster's rows: every problem named by row and column, valid
// rows normalised (mobile, e-mail, credit code). No database here: whether a
// person is already enrolled or the cohort is full is decided on top of this.
import { normalizeEmail, normalizeMobile } from "~/modules/accounts/identifiers.ts";
import { validateCreditCode } from "~/modules/people/credit-code.ts";
import { type RawRosterRow, type RosterColumn, type RosterIssue, rosterLimits, type RosterRow } from "./roster.ts";
import { cleanCell } from "./roster-header.ts";

const longestShownValue = 100;

/** The value as quoted back in a message; a whole pasted paragraph helps nobody. */
function shown(value: string): string {
  const characters = [...value];
  return characters.length > longestShownValue ? `${characters.slice(0, longestShownValue).join("")}…` : value;
}

function length(value: string): number {
  return [...value].length;
}

/** Inner runs of spaces become one; names lose the spaces used to align two-character names ("王  伟"). */
function cleanText(value: string | undefined): string {
  return cleanCell(value ?? "").replace(/\s+/g, " ");
}

function cleanName(value: string | undefined): string {
  return cleanText(value).replace(/(?<=\p{Script=Han}) (?=\p{Script=Han})/gu, "");
}

/** Full-width digits, letters and ＠ (typed with a Chinese input method) folded to ASCII. */
function cleanCode(value: string | undefined): string {
  return cleanCell(value ?? "").normalize("NFKC");
}

const creditCodeMessages = {
  length: "roster.errors.creditCodeLength",
  characters: "roster.errors.creditCodeCharacters",
  check_digit: "roster.errors.creditCodeCheckDigit",
} as const;

const tooLongMessages = {
  company: "roster.errors.companyTooLong",
  position: "roster.errors.positionTooLong",
  industry: "roster.errors.industryTooLong",
  district: "roster.errors.districtTooLong",
} as const;

/**
 * Checks every row and names every problem by row and column. A row with any
 * problem is left out of `valid`; a mobile number or e-mail address seen
 * before is reported on the later row, pointing at the first.
 */
export function validateRosterRows(rows: readonly RawRosterRow[]): { valid: RosterRow[]; issues: RosterIssue[] } {
  const valid: RosterRow[] = [];
  const issues: RosterIssue[] = [];
  const firstRowByMobile = new Map<string, number>();
  const firstRowByEmail = new Map<string, number>();

  for (const { rowNumber, cells } of rows) {
    const rowIssues: RosterIssue[] = [];
    const report = (column: RosterColumn, messageKey: string, value?: string, otherRow?: number) => {
      rowIssues.push({
        rowNumber,
        column,
        messageKey,
        ...(value === undefined ? {} : { value: shown(value) }),
        ...(otherRow === undefined ? {} : { otherRow }),
      });
    };

    const name = cleanName(cells.name);
    if (!name) report("name", "roster.errors.nameRequired");
    else if (length(name) > rosterLimits.name) report("name", "roster.errors.nameTooLong", name);

    const rawMobile = cleanCode(cells.mobile);
    const mobile = rawMobile ? normalizeMobile(rawMobile) : null;
    if (!rawMobile) report("mobile", "roster.errors.mobileRequired");
    else if (!mobile) {
      // "1.38E+10": what Excel saves to CSV from a narrow number column; the digits are gone.
      const scientific = /^\d(\.\d+)?e\+?\d+$/i.test(rawMobile);
      report(
        "mobile",
        scientific ? "roster.errors.mobileScientificNotation" : "roster.errors.mobileInvalid",
        rawMobile,
      );
    } else {
      const firstRow = firstRowByMobile.get(mobile);
      if (firstRow === undefined) firstRowByMobile.set(mobile, rowNumber);
      else report("mobile", "roster.errors.duplicateInFile", mobile, firstRow);
    }

    const company = cleanText(cells.company);
    if (!company) report("company", "roster.errors.companyRequired");
    else if (length(company) > rosterLimits.company) report("company", tooLongMessages.company, company);

    const optional = { position: "", industry: "", district: "" };
    for (const column of ["position", "industry", "district"] as const) {
      const value = cleanText(cells[column]);
      if (length(value) > rosterLimits[column]) report(column, tooLongMessages[column], value);
      optional[column] = value;
    }

    // People space the code in groups when copying it from a licence.
    const rawCreditCode = cleanCode(cells.creditCode).replace(/\s+/g, "");
    let creditCode: string | null = null;
    if (rawCreditCode) {
      const result = validateCreditCode(rawCreditCode);
      if (result.ok) creditCode = result.value;
      else report("creditCode", creditCodeMessages[result.reason], rawCreditCode);
    }

    const rawEmail = cleanCode(cells.email);
    let email: string | null = null;
    if (rawEmail) {
      email = normalizeEmail(rawEmail);
      if (!email) report("email", "roster.errors.emailInvalid", rawEmail);
      else {
        // E-mail addresses identify accounts too (unique in the database), so two rows cannot share one.
        const firstRow = firstRowByEmail.get(email);
        if (firstRow === undefined) firstRowByEmail.set(email, rowNumber);
        else report("email", "roster.errors.duplicateEmailInFile", email, firstRow);
      }
    }

    if (rowIssues.length > 0 || !mobile) {
      issues.push(...rowIssues);
      continue;
    }
    valid.push({
      rowNumber,
      name,
      mobile,
      company,
      position: optional.position || null,
      industry: optional.industry || null,
      district: optional.district || null,
      creditCode,
      email,
    });
  }
  return { valid, issues };
}
