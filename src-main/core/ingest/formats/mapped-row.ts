// Turns the values a mapping preset points at into a SessionRow. Shared by mapped CSV and JSON lines;
// quarantine reasons name the analyst's own column, which is what they will look for in the file.
import type { ColumnPreset, MappingPreset } from '../../../../src-shared/domain.js';
import type { SessionRow } from '../types.js';
import { checkSpan } from '../values.js';
import { anyCount, anyIp, anyPort, anyText, anyTimestamp, countryCode } from './json-values.js';

export const MAPPED_FIELDS = [
  'srcIp',
  'dstIp',
  'start',
  'end',
  'srcPort',
  'dstPort',
  'protocol',
  'bytesIn',
  'bytesOut',
  'packets',
  'responseCode',
  'country',
  'ruleName',
  'detectionType',
  'action',
  'label',
] as const;

// Slot of each field in the value array passed to `build`.
const S = {
  srcIp: 0,
  dstIp: 1,
  start: 2,
  end: 3,
  srcPort: 4,
  dstPort: 5,
  protocol: 6,
  bytesIn: 7,
  bytesOut: 8,
  packets: 9,
  responseCode: 10,
  country: 11,
  ruleName: 12,
  detectionType: 13,
  action: 14,
  label: 15,
} as const;

export class MappedRowBuilder {
  /** Source column (or JSON key / dotted path) per slot; undefined where the preset maps nothing. */
  readonly columns: readonly (string | undefined)[];
  readonly presetName: string;
  private readonly timestampFormat: ColumnPreset['timestampFormat'];

  constructor(preset: ColumnPreset) {
    this.columns = MAPPED_FIELDS.map((field) => preset.columns[field]);
    this.presetName = preset.name;
    this.timestampFormat = preset.timestampFormat ?? 'auto';
  }

  /** `v` holds one value per slot (undefined when unmapped); throws RowError with the reason. */
  build(v: readonly unknown[], attrs: string | null, line: number): SessionRow {
    const c = this.columns as string[];
    const startTs = anyTimestamp(v[S.start], c[S.start]!, this.timestampFormat);
    const end = v[S.end];
    // A log with one time per record (requests) has no end: the session is an instant.
    const endTs = isMissing(end) ? startTs : anyTimestamp(end, c[S.end]!, this.timestampFormat);
    checkSpan(startTs, endTs);
    return {
      startTs,
      endTs,
      srcIp: anyIp(v[S.srcIp], c[S.srcIp]!, true)!,
      dstIp: anyIp(v[S.dstIp], c[S.dstIp]!, false),
      srcPort: anyPort(v[S.srcPort], c[S.srcPort]!),
      dstPort: anyPort(v[S.dstPort], c[S.dstPort]!),
      protocol: anyText(v[S.protocol], c[S.protocol]!),
      bytesIn: anyCount(v[S.bytesIn], c[S.bytesIn]!),
      bytesOut: anyCount(v[S.bytesOut], c[S.bytesOut]!),
      packets: anyCount(v[S.packets], c[S.packets]!),
      responseCode: anyCount(v[S.responseCode], c[S.responseCode]!),
      country: countryCode(v[S.country], c[S.country]!),
      asn: null,
      ruleName: anyText(v[S.ruleName], c[S.ruleName]!),
      detectionType: anyText(v[S.detectionType], c[S.detectionType]!),
      action: anyText(v[S.action], c[S.action]!),
      label: anyText(v[S.label], c[S.label]!),
      attrs,
      line,
    };
  }
}

function isMissing(value: unknown): boolean {
  return value === undefined || value === null || value === '' || value === '-';
}

export function needPreset(format: string, preset: MappingPreset | undefined): ColumnPreset {
  if (preset?.format === 'log-format')
    throw new Error(
      `Preset "${preset.name}" is a log format, not a column mapping: import with the log-format format`,
    );
  if (preset) return preset;
  throw new Error(
    `The ${format} format needs a mapping preset that names the columns: save one (vigil preset save FILE.json) and import with --map NAME`,
  );
}
