// Small helpers for option values the commands share.
import { InvalidArgumentError } from 'commander';

/** Collects a repeatable option into a list. */
export const collect = (value: string, previous: string[] = []) => [...previous, value];

/** A whole number ≥ 1 from the command line, or a message naming the option. */
export function positiveInt(name: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1)
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
