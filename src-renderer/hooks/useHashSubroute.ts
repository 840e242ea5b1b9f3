import { useEffect, useState } from 'react';
import { hashSegments } from './useHashView.js';

const subroute = () => hashSegments().slice(1).join('/');

/** What follows the view in the hash (`#/import/cloudwatch` → 'cloudwatch'), kept current. */
export function useHashSubroute(): string {
  const [value, setValue] = useState(subroute);
  useEffect(() => {
    const onChange = () => setValue(subroute());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return value;
}
