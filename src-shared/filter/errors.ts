/** A syntax error with the character span it is about, so the filter bar can underline it. */
export interface FilterError {
  message: string;
  /** 0-based offset of the first character at fault, and one past the last. */
  start: number;
  end: number;
}

export class FilterSyntaxError extends Error implements FilterError {
  constructor(
    message: string,
    readonly start: number,
    readonly end: number,
  ) {
    super(message);
  }
}
