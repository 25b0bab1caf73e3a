// The answers of the check-in action in Remix's single-fetch format (a
// turbo-stream of the result, as `@remix-run/server-runtime` writes it for a
// `.data` POST), for the server's fast path. Only what the check-in action can
// answer is written here: plain objects, arrays, strings, numbers, booleans,
// null and undefined, and Remix's tagged values (an error response, a
// sanitized error). Written byte for byte as Remix writes them; the
// integration test compares both answers.

/** A value Remix's encoder writes through one of its plugins: ["ErrorResponse", data, status, statusText]. */
export class Tagged {
  constructor(
    readonly tag: string,
    readonly values: readonly Encodable[],
  ) {}
}

export type Encodable = string | number | boolean | null | undefined | Tagged | readonly Encodable[] | { readonly [key: string]: Encodable };

const UNDEFINED = -7;
const NULL = -5;

/** The body: every distinct value once, in the order turbo-stream visits them, as one JSON array and a newline. */
export function encodeSingleFetch(value: Encodable): string {
  const indices = new Map<Encodable, number>();
  const parts: string[] = [];
  const flatten = (input: Encodable): number => {
    const known = indices.get(input);
    if (known) return known;
    if (input === undefined) return UNDEFINED;
    if (input === null) return NULL;
    if (typeof input === "number" && !Number.isFinite(input)) throw new Error("the check-in answers have finite numbers only");
    if (Object.is(input, -0)) return -4;
    const index = parts.length;
    parts.push("");
    indices.set(input, index);
    if (typeof input !== "object") parts[index] = JSON.stringify(input);
    else if (input instanceof Tagged) parts[index] = `[${[JSON.stringify(input.tag), ...input.values.map(flatten)].join(",")}]`;
    else if (Array.isArray(input)) parts[index] = `[${input.map(flatten).join(",")}]`;
    else {
      const object = input as { readonly [key: string]: Encodable };
      parts[index] = `{${Object.keys(object)
        .map((key) => `"_${flatten(key)}":${flatten(object[key])}`)
        .join(",")}}`;
    }
    return index;
  };
  flatten(value);
  return `[${parts.join(",")}]\n`;
}

export type SingleFetchAnswer = { status: number; headers: Record<string, string>; body: string };

const headersFor = (extra: Record<string, string> = {}) => ({ ...extra, "X-Remix-Response": "yes", "Content-Type": "text/x-script" });

/** What an action returned. */
export const actionData = (data: Encodable): SingleFetchAnswer => ({ status: 200, headers: headersFor(), body: encodeSingleFetch({ data }) });

/** A redirect the action threw: 202 with where to go, and its Location header, as Remix answers a `.data` request. */
export const actionRedirect = (location: string, status = 302): SingleFetchAnswer => ({
  status: 202,
  headers: headersFor({ Location: location }),
  body: encodeSingleFetch({ redirect: location, status, revalidate: false, reload: false, replace: false }),
});

/** A `data(message, { status })` the action threw. */
export const actionErrorResponse = (status: number, message: string): SingleFetchAnswer => ({
  status,
  headers: headersFor(),
  body: encodeSingleFetch({ error: new Tagged("ErrorResponse", [message, status, ""]) }),
});

/** An unexpected error, said as Remix says it in production: no message, no stack. */
export const actionServerError = (): SingleFetchAnswer => ({
  status: 500,
  headers: headersFor(),
  body: encodeSingleFetch({ error: new Tagged("SanitizedError", ["Error", "Unexpected Server Error", undefined]) }),
});
