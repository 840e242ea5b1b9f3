// The detection set as every view names it ("rf #12 + rules ≥ high"), asked once and kept current
// by the data-change events that move it (a run made active, a kind off, the rule level, a rules run).
import { type DetectionSet, detectionSetName } from '../../src-shared/detection-set.js';
import { useVigilQuery } from './vigil-query.js';

export function useDetectionSet(): { set: DetectionSet | undefined; name: string | undefined } {
  const set = useVigilQuery('detectionSet', {}).data;
  return { set, name: set ? detectionSetName(set) : undefined };
}
