// Messages are translation keys; one with values travels as "key::{json}" so it fits Conform's string errors.
const valuesSeparator = "::";

export function messageWithValues(key: string, values: Record<string, string | number>): string {
  return `${key}${valuesSeparator}${JSON.stringify(values)}`;
}

export function splitMessage(message: string): [string, Record<string, unknown> | undefined] {
  const at = message.indexOf(valuesSeparator);
  if (at < 0) return [message, undefined];
  try {
    return [message.slice(0, at), JSON.parse(message.slice(at + valuesSeparator.length)) as Record<string, unknown>];
  } catch {
    return [message.slice(0, at), undefined];
  }
}
