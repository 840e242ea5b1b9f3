// The structured form of a parsed filter: clauses AND-ed together, the values of one clause
// OR-ed. It crosses process boundaries inside SessionFilter, so every part has a schema.
import { z } from 'zod';
import { FIELD_NAMES, type FilterField } from './fields.js';
import { cidrRange, ipv4ToNumber, looksLikeIpv6 } from './ipv4.js';
import { ipv6BlockRange, isIpv6Block } from './ipv6-block.js';

export const COMPARISONS = ['<', '<=', '>', '>=', '='] as const;

const TextValue = z.object({ kind: z.literal('text'), value: z.string().min(1).max(500) });
/** The whole value of a pattern term (`path:=/login`), where `text` is its start or any part. */
const ExactValue = z.object({ kind: z.literal('exact'), value: z.string().min(1).max(500) });
const IpValue = z.object({
  kind: z.literal('ip'),
  value: z
    .string()
    .max(64)
    .refine((ip) => ipv4ToNumber(ip) !== null || looksLikeIpv6(ip), 'not an IP address'),
});
/** An IPv4 block (prefix 0–32) or an IPv6 one (0–128). */
const CidrValue = z
  .object({ kind: z.literal('cidr'), base: z.string().max(45), prefix: z.number().int().min(0).max(128) })
  .refine(
    (cidr) => (isIpv6Block(cidr) ? ipv6BlockRange(cidr) : cidrRange(cidr)) !== null,
    'not an IPv4 or IPv6 CIDR block',
  );
const CompareValue = z.object({ kind: z.literal('cmp'), op: z.enum(COMPARISONS), value: z.number() });
const RangeValue = z
  .object({ kind: z.literal('range'), min: z.number(), max: z.number() })
  .refine((range) => range.min <= range.max, 'range is reversed');

/** `*` alone (`type:*`): the field has a value; negated, it has none (presence.ts). */
const AnyValue = z.object({ kind: z.literal('any') });

export const FilterValue = z.union([
  TextValue,
  ExactValue,
  IpValue,
  CidrValue,
  CompareValue,
  RangeValue,
  AnyValue,
]);
export type FilterValue = z.infer<typeof FilterValue>;

/** `text` is free text (no field); every other name is a field of the language. */
export const ClauseField = z.enum(['text', ...FIELD_NAMES] as [FilterField | 'text', ...FilterField[]]);
export type ClauseField = FilterField | 'text';

export const FilterClause = z.object({
  field: ClauseField,
  negate: z.boolean(),
  values: z.array(FilterValue).min(1).max(100),
});
export type FilterClause = z.infer<typeof FilterClause>;
