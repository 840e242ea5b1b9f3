// How the bare words of a filter will run, asked before the analyst applies it (the filter bar).
import { z } from 'zod';
import { FilterClause } from './filter/clauses.js';

export const WordReadingArgs = z.object({ words: z.array(z.string().min(1).max(500)).max(50) });
/** Per word, the clause it runs as: a field's clause when one field's values hold it, else free text. */
export const WordReadings = z.array(z.object({ word: z.string(), readAs: FilterClause }));
