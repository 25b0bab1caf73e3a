/**
 * A rule the input broke, said as a translation key and, where it belongs to
 * one field, that field: the action turns it into a form error, never a 500.
 */
export class DomainError extends Error {
  constructor(
    readonly messageKey: string,
    readonly field?: string,
  ) {
    super(messageKey);
    this.name = "DomainError";
  }
}
