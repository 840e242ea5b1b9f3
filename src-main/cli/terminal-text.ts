// Text from logs, IOC files and the database reaches the analyst's terminal through here. A log
// line can carry escape sequences (ESC [ … recolours or clears the screen, ESC ] … sets the window
// title or writes the clipboard on some terminals), so every control character is shown as a
// visible escape instead of being sent raw. A one-line regular expression does the job; no
// package adds anything to it.

/**
 * C0 controls, DEL, C1 controls, and the Unicode marks that reorder or hide text on screen
 * (bidirectional overrides and isolates, which can make a line read differently than it is).
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** The same, minus newline and tab: for messages that are laid out on several lines. */
const UNSAFE_IN_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** What JSON.stringify leaves raw inside strings (it escapes C0 itself; layout newlines stay). */
const UNSAFE_IN_JSON = /[\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const visible = (char: string): string => {
  const code = char.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16)}`;
};

/** One value (a table cell, a file name, a raw log line): every control shown, e.g. ESC as \x1b. */
export const terminalSafe = (text: string): string => text.replace(UNSAFE, visible);

/** A message of ours that may quote such values: newlines and tabs are kept, the rest shown. */
export const terminalSafeLines = (text: string): string => text.replace(UNSAFE_IN_LINES, visible);

/**
 * JSON for a terminal: the characters JSON.stringify leaves raw can only occur inside strings,
 * where \uXXXX means the same character, so the output parses to the same value.
 */
export const terminalSafeJson = (json: string): string =>
  json.replace(UNSAFE_IN_JSON, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** Prints a line on stdout, terminal-safe. */
export function say(text: string): void {
  console.log(terminalSafeLines(text));
}

/** Prints a line on stderr, terminal-safe. */
export function warn(text: string): void {
  console.error(terminalSafeLines(text));
}
