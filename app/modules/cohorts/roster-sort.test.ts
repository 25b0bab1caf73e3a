import { expect, test } from "vitest";
import { parseRosterSort, sortRoster } from "./roster-sort.ts";

const rows = [
  { name: "王芳", company: "乙", rate: 0.9, late: 1, absent: 0 },
  { name: "李强", company: "甲", rate: null, late: 0, absent: 0 },
  { name: "张伟", company: "丙", rate: 0.5, late: 3, absent: 2 },
  { name: "赵敏", company: "丁", rate: 0.9, late: 0, absent: 1 },
];
const names = (list: typeof rows) => list.map((row) => row.name);

test("a sort is read from the address, and anything else leaves the roster's own order", () => {
  expect(parseRosterSort("rate")).toEqual({ key: "rate", descending: false });
  expect(parseRosterSort("-absent")).toEqual({ key: "absent", descending: true });
  expect(parseRosterSort("password")).toBeNull();
  expect(names(sortRoster(rows, parseRosterSort(null), (r) => r))).toEqual(["王芳", "李强", "张伟", "赵敏"]);
});

test("by rate, lowest first or last, ties in roster order, no rate yet last either way", () => {
  expect(names(sortRoster(rows, { key: "rate", descending: false }, (r) => r))).toEqual(["张伟", "王芳", "赵敏", "李强"]);
  expect(names(sortRoster(rows, { key: "rate", descending: true }, (r) => r))).toEqual(["王芳", "赵敏", "张伟", "李强"]);
});

test("by counts and by name", () => {
  expect(names(sortRoster(rows, { key: "absent", descending: true }, (r) => r))).toEqual(["张伟", "赵敏", "王芳", "李强"]);
  expect(names(sortRoster(rows, { key: "name", descending: false }, (r) => r))).toEqual(["李强", "王芳", "张伟", "赵敏"]);
});
