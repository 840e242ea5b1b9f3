import { prepareStringIntern } from './interned-strings.js';
import type { Db } from './open.js';

/** Interns an extras JSON text and returns its id (one lookup per distinct set per writer). */
export const prepareAttrIntern = (db: Db): ((json: string) => number) =>
  prepareStringIntern(db, 'attr_sets', 'json');
