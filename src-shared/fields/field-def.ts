// What one record of the session field table (session-fields.ts) says about a field. Everything
// here is plain data, so main, renderer and tests read the same table without running anything.

/** How the value is typed, validated and carried: `time` is epoch ms (shown and exported as a time). */
export type FieldType = 'integer' | 'number' | 'text' | 'time';

/**
 * Who gives the field its value: `log` fields are read from the source by the importers
 * (ingest's SessionRow) and stored by the writer; `import` fields are given by the import itself
 * (the session id, the import, the line); `generated` fields are SQLite generated columns.
 */
export type FieldOrigin = 'log' | 'import' | 'generated';

/** How the Sessions table and the drawer show a value (renderer/views/sessions/columns.ts). */
export type FieldFormat = 'plain' | 'count' | 'time' | 'fixed3';

/**
 * How a filter term reads its values (src-shared/filter/parse.ts); `choice` takes one of the
 * term's `values`, in any case.
 */
export type TermKind = 'ip' | 'country' | 'number' | 'text' | 'choice';

export interface FilterTermDef {
  /** What the analyst types before the colon. */
  term: string;
  /** Place in the vocabulary (help, suggestions, the unknown-field message). */
  order: number;
  kind: TermKind;
  help: string;
  example: string;
  /** Inclusive bounds for number terms. */
  min?: number;
  max?: number;
  /** Whole numbers only. */
  integer?: boolean;
  /** An HTTP status class may be written as its digit and `xx`: `5xx` is `500..599` (1xx to 5xx only). */
  hundreds?: boolean;
  /** Text compared in any case (names analysts type); otherwise exactly as stored. */
  nocase?: boolean;
  /**
   * How a text value matches: the whole stored value (the default), or a pattern, in any case
   * (`nocase` must be set): `prefix` is the start of the value with `*` a wildcard anywhere
   * (`path:/admin`, `path:*.php`), `substring` any part of it, `*` included (`ua:sqlmap`). Long
   * texts that rarely repeat exactly (paths, queries, user agents) are searched this way.
   */
  match?: 'prefix' | 'substring';
  /** The values a `choice` term accepts (and suggests), lower case. */
  values?: readonly string[];
  /** Other names the analyst may type for the term; they parse as the term itself. */
  aliases?: readonly string[];
  /**
   * Bare words search this field too (any case, as a substring). The number is the field's place
   * in the searched text: the fields are joined with spaces in this order, so a phrase can span
   * two neighbours ("traffic waf" matches rule "… Traffic" then type "waf_rule"). A pattern field
   * (`match`) is searched on its own: a path or a user agent is no phrase's neighbour.
   */
  freeText?: number;
}

export interface ViewDef {
  /** Place in the Sessions table and the drawer (the drawer shows every field, in this order). */
  order: number;
  /**
   * A column of the Sessions table this wide (px); without it the field shows in the drawer only.
   * At least as wide as its header reads whole: the label, the sort mark (14 px) and 18 px of
   * padding (72 cut 'Country' and 'Method' short; the column-widths e2e test measures them).
   */
  width?: number;
  /** Among the columns the table shows until the analyst picks others. */
  shown?: boolean;
}

interface FieldBase {
  /** The Session property (camelCase). */
  name: string;
  /** The column of `sessions` (for an interned field, the column holding the value's id). */
  column: string;
  type: FieldType;
  nullable: boolean;
  origin: FieldOrigin;
  /** What the Sessions table and the drawer call it. */
  label: string;
  /** Default: `time` for time fields, `plain` for the others. */
  format?: FieldFormat;
  view: ViewDef;
  /** Header in the CSV export; without it the CSV leaves the field out (JSON has every field). */
  csv?: string;
  filter?: FilterTermDef;
  /** The Sessions page can be sorted by it (a scan and top-N sort unless sessions.ts has an index walk). */
  sortable?: boolean;
  /** Read by the model feature builder (db/feature-rows.ts, core/features). */
  feature?: boolean;
  /**
   * An importer whose source never has the field may leave it out of its rows (it is then missing,
   * as null is): the HTTP request's fields, which flow and alert logs lack. Their importers' rows
   * stay as small and as fast to build as before the fields existed.
   */
  omittable?: true;
}

/** The value is stored in its own column of `sessions`. */
interface ColumnStorage {
  storage?: 'column';
}

/**
 * Text stored once: `dictionary` is a side table (id INTEGER PRIMARY KEY, value TEXT NOT NULL
 * UNIQUE) of the distinct values and `column` holds the value's id, so a user agent repeated on
 * ten million rows is stored once. Reads, filters, sorts and exports see the text; the writer
 * interns each value (one lookup per distinct value per import). The migration that adds the
 * field creates the dictionary table.
 */
interface InternedStorage {
  storage: 'interned';
  dictionary: string;
  type: 'text';
  origin: 'log';
  valueClass?: ValueClassDef;
}

/**
 * A class of each distinct value, stored beside it in the dictionary and asked by a filter term of
 * its own (the user agent's `uaclass:browser|bot|tool|empty`). The writer classifies a value when
 * it interns it (one call per distinct value), and the migration that adds the column classifies
 * the values stored before; so the class of a session is one dictionary read, on any engine that
 * has the dictionary, and a term on it is an id lookup like any interned field's.
 */
export interface ValueClassDef {
  /** The dictionary's column holding the class. */
  column: string;
  /** The class of a value: one of `filter.values`. */
  classify: (text: string) => string;
  /** The class of a request that has no value at all (the session's id is NULL). */
  missing: string;
  filter: FilterTermDef & { kind: 'choice'; values: readonly string[] };
}

export type FieldDef = FieldBase & (ColumnStorage | InternedStorage);

/** The TypeScript value of a field: its type, or null where the field is nullable. */
interface TypeValues {
  integer: number;
  number: number;
  text: string;
  time: number;
}
export type FieldValue<F extends Pick<FieldDef, 'type' | 'nullable'>> =
  | TypeValues[F['type']]
  | (F['nullable'] extends true ? null : never);

/** `{ name: value }` for a union of field records. */
export type ValuesOf<F extends FieldDef> = { [R in F as R['name']]: FieldValue<R> };
