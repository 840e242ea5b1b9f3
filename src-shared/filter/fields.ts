// The filter language's vocabulary: every field an analyst may type, what its values look like,
// and one line of help that the autocomplete and the README show.

export type FieldKind = 'ip' | 'country' | 'number' | 'text' | 'verdict';

export interface FieldSpec {
  kind: FieldKind;
  help: string;
  example: string;
  /** Inclusive bounds for number fields. */
  min?: number;
  max?: number;
  /** Whole numbers only. */
  integer?: boolean;
}

export const FILTER_FIELDS = {
  src: { kind: 'ip', help: 'source IP or IPv4 CIDR', example: 'src:10.0.0.0/8' },
  dst: { kind: 'ip', help: 'destination IP or IPv4 CIDR', example: 'dst:10.138.69.97' },
  ip: { kind: 'ip', help: 'either endpoint', example: 'ip:203.0.113.7' },
  country: { kind: 'country', help: 'source country (ISO code)', example: 'country:US,CA' },
  port: {
    kind: 'number',
    help: 'destination port',
    example: 'port:443',
    min: 0,
    max: 65535,
    integer: true,
  },
  sport: { kind: 'number', help: 'source port', example: 'sport:>=1024', min: 0, max: 65535, integer: true },
  proto: { kind: 'text', help: 'protocol', example: 'proto:tcp' },
  rule: { kind: 'text', help: 'rule name', example: 'rule:"Suspicious Web Traffic"' },
  type: { kind: 'text', help: 'detection type', example: 'type:waf_rule' },
  action: { kind: 'text', help: 'action taken', example: 'action:BLOCK' },
  label: { kind: 'text', help: 'label from the data', example: 'label:attack' },
  code: { kind: 'number', help: 'response code', example: 'code:>=400', min: 0, max: 999, integer: true },
  bytes_in: { kind: 'number', help: 'bytes received', example: 'bytes_in:>1000000', min: 0 },
  bytes_out: { kind: 'number', help: 'bytes sent', example: 'bytes_out:0..100', min: 0 },
  duration: { kind: 'number', help: 'duration in ms', example: 'duration:>60000', min: 0 },
  score: {
    kind: 'number',
    help: 'anomaly score of the active model',
    example: 'score:>=0.8',
    min: 0,
    max: 1,
  },
  verdict: { kind: 'verdict', help: 'analyst verdict', example: 'verdict:none' },
} as const satisfies Record<string, FieldSpec>;

export type FilterField = keyof typeof FILTER_FIELDS;
export const FIELD_NAMES = Object.keys(FILTER_FIELDS) as FilterField[];
export const VERDICTS = ['malicious', 'benign', 'review', 'none'] as const;

export function isFilterField(name: string): name is FilterField {
  return Object.hasOwn(FILTER_FIELDS, name);
}

export function fieldSpec(field: FilterField): FieldSpec {
  return FILTER_FIELDS[field];
}
