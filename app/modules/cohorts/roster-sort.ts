// The roster's sort orders, chosen by `?sort=` so that sorting works without JavaScript.
export const rosterSorts = ["name", "company", "rate", "late", "absent"] as const;
export type RosterSort = (typeof rosterSorts)[number];

/** `rate` ascending puts those at risk of missing the certificate first; `-rate` the reverse. */
export function parseRosterSort(value: string | null): { key: RosterSort; descending: boolean } | null {
  const descending = value?.startsWith("-") ?? false;
  const key = rosterSorts.find((sort) => sort === (descending ? value!.slice(1) : value));
  return key ? { key, descending } : null;
}

type Sortable = { name: string; company: string | null; rate: number | null; late: number; absent: number };

/** A stable sort; people without a rate yet (nothing held) come last either way. */
export function sortRoster<Row>(rows: readonly Row[], sort: { key: RosterSort; descending: boolean } | null, view: (row: Row) => Sortable): Row[] {
  if (!sort) return [...rows];
  const collator = new Intl.Collator("zh-CN");
  const compare = (a: Sortable, b: Sortable): number => {
    switch (sort.key) {
      case "name":
        return collator.compare(a.name, b.name);
      case "company":
        return collator.compare(a.company ?? "", b.company ?? "");
      case "rate":
        return (a.rate ?? 0) - (b.rate ?? 0);
      default:
        return a[sort.key] - b[sort.key];
    }
  };
  return rows
    .map((row, index) => ({ row, index, value: view(row) }))
    .sort((a, b) => {
      if (sort.key === "rate" && (a.value.rate === null) !== (b.value.rate === null)) return a.value.rate === null ? 1 : -1;
      return (sort.descending ? -compare(a.value, b.value) : compare(a.value, b.value)) || a.index - b.index;
    })
    .map(({ row }) => row);
}
