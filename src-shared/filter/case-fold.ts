// "Any case" for the filter's text terms. SQLite's LIKE, NOCASE and lower(), and ClickHouse's
// lower(), fold A-Z only: `ua:ÉCLAIR` found neither `éclair` nor, as free text, the `ÉCLAIR` typed.
// A value with a character beyond ASCII is compared with both sides folded by foldCase (SQLite's
// vigil_lower, db/sql-functions.ts; ClickHouse's lowerUTF8); an ASCII value keeps the engines' own
// folding, which the indexes and LIKE serve without a call per row.

/** Whether the engines' own folding already compares `text` in any case: ASCII only. */
export const isAscii = (text: string): boolean => /^[\x00-\x7f]*$/.test(text);

/** The text in lower case, beyond ASCII too (É → é): the fold both sides of a comparison get. */
export const foldCase = (text: string): string => text.toLowerCase();
