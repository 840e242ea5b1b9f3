// Small helpers for option values the commands share.
import { InvalidArgumentError } from 'commander';

/** Collects a repeatable option into a list. */
export const collect = (value: string, previous: string[] = []) => [...previous, value];

/** A whole number ≥ 1 from the command line, or a message naming the option. */
export function positiveInt(name: string, text: string): number {
  // Decimal digits only: Number() also reads 0x10, 0b11, 1e1 and digits past 2^53 (rounded), each
  // as another number, and an id read as another id puts a verdict or a case item on a session
  // the analyst never named.
  const n = /^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < 1)
    throw new Error(`${name} must be a positive whole number, not "${text}".`);
  return n;
}

/** `positiveInt` as a commander parser: the parser says which option, this says what is wrong. */
export const positiveIntOption =
  (name: string) =>
  (text: string): number => {
    try {
      return positiveInt(name, text);
    } catch (error) {
      throw new InvalidArgumentError((error as Error).message);
    }
  };
