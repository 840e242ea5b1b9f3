// Schemas of the Overview's web-request panels (and an IP's requests in the Graph side panel):
// status classes over time, top paths, user agents by class, methods. One answer per filter.
import { z } from 'zod';
import { USER_AGENT_CLASSES } from './user-agent-class.js';

/** HTTP status classes, by their first digit: index i holds the (i + 1)xx codes. */
export const STATUS_CLASSES = ['1xx', '2xx', '3xx', '4xx', '5xx'] as const;
export type StatusClass = (typeof STATUS_CLASSES)[number];

/** The codes of a class, for the filter term a click adds (`code:400..499`). */
export function statusClassRange(statusClass: StatusClass): { min: number; max: number } {
  const first = (STATUS_CLASSES.indexOf(statusClass) + 1) * 100;
  return { min: first, max: first + 99 };
}

/**
 * Whether a session is a web request: it has a method or a path. A line that is none (a TLS
 * handshake sent to the plain port) is stored with its raw text only, and has no user-agent class
 * (the core's REQUEST_SQL, behind `uaclass:*` and these panels, asks the same).
 */
export function isWebRequest(session: { method: string | null; path: string | null }): boolean {
  return session.method !== null || session.path !== null;
}

/** How many paths, user agents and methods the panels list. */
export const TOP_WEB_VALUES = 10;

const Count = z.number().int().min(0);

export const WebRequestsOverview = z.object({
  /** False when no stored session has a request: the panels are hidden. */
  hasRequests: z.boolean(),
  /** Sessions with a method or a path among those the filter selects. */
  requests: Count,
  bucketMs: z.number(),
  /** Per bucket: requests of each status class (STATUS_CLASSES order); codes outside 100–599 are left out. */
  statusSeries: z.array(z.object({ t: z.number(), counts: z.array(Count).length(STATUS_CLASSES.length) })),
  topPaths: z.array(z.object({ path: z.string(), sessions: Count })),
  userAgentClasses: z.array(z.object({ userAgentClass: z.enum(USER_AGENT_CLASSES), sessions: Count })),
  topUserAgents: z.array(
    z.object({ userAgent: z.string(), userAgentClass: z.enum(USER_AGENT_CLASSES), sessions: Count }),
  ),
  /** The busiest methods (TOP_WEB_VALUES of them): a fuzzer can send hundreds of made-up ones. */
  methods: z.array(z.object({ method: z.string(), sessions: Count })),
  /** The methods past those listed, and their requests: the list and this add up to `requests`. */
  otherMethods: z.object({ methods: Count, sessions: Count }),
});
export type WebRequestsOverview = z.infer<typeof WebRequestsOverview>;
