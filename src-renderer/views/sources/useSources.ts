// The registered sources, for the top bar's chooser and the Import view's list. Kept under
// ['listSources', {}]; adding, removing and pulling say when to ask again (useForgetSources).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api } from '../../api/index.js';

const KEY = ['listSources', {}] as const;

export function useSources() {
  return useQuery({ queryKey: KEY, queryFn: () => api.listSources({}) });
}

/** Asks for the list again (a source was removed, or a pull moved its watermark). */
export function useForgetSources(): () => void {
  const client = useQueryClient();
  return useCallback(() => void client.invalidateQueries({ queryKey: KEY }), [client]);
}
