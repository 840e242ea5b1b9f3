import { useEffect, useState } from 'react';
import {
  type CompletionContext,
  LOOKED_UP_TERMS,
  type Suggestion,
  suggestionsFor,
  type ValueCount,
} from '../../src-shared/filter/index.js';
import { api } from '../api/index.js';

/** Suggestions for the word at the cursor; values are fetched from the core as the analyst types. */
export function useFilterSuggestions(context: CompletionContext): Suggestion[] {
  const [values, setValues] = useState<{ key: string; values: ValueCount[] }>({ key: '', values: [] });
  const key = context.kind === 'value' ? `${context.field}\u0000${context.prefix}` : '';
  useEffect(() => {
    if (context.kind !== 'value' || !LOOKED_UP_TERMS.has(context.field)) return;
    let live = true;
    // A short pause so a fast typist sends one request, not one per key.
    const timer = setTimeout(() => {
      api
        .filterSuggestions({ field: context.field, prefix: context.prefix, limit: 12 })
        .then((found) => live && setValues({ key, values: found }))
        .catch(() => live && setValues({ key, values: [] }));
    }, 120);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [key, context]);
  if (context.kind === 'none') return [];
  return suggestionsFor(context, values.key === key ? values.values : []);
}
