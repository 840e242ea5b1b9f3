// What the analyst and the models said about each of a few sessions: the Sessions table's Score,
// Flagged, Verdict, Tags and IOC columns, asked for the rows of each page it loads. None is a
// field of the session (they live in scores, verdicts, tags and IOC lists), so they are not in the
// field table.
import { z } from 'zod';
import { ModelKind } from './models.js';
import { IocKind, Verdict } from './triage.js';

export const SessionMarksArgs = z.object({ sessionIds: z.array(z.number().int()).max(1000) });

export const SessionMarks = z.object({
  /** The run whose scores the Score column shows: the latest active one (null: none is active). */
  scoreRun: z.object({ id: z.number().int(), kind: ModelKind }).nullable(),
  rows: z.array(
    z.object({
      sessionId: z.number().int(),
      /** The score run's score; null when it did not score the session. */
      score: z.number().nullable(),
      /** Flagged by the detection set (src-shared/detection-set.ts). */
      flagged: z.boolean(),
      verdict: Verdict.nullable(),
      tags: z.array(z.string()),
      /** IOC lists that hold its source or destination IP. */
      ioc: z.array(z.object({ list: z.string(), kind: IocKind })),
    }),
  ),
});
export type SessionMarks = z.infer<typeof SessionMarks>;
export type SessionMark = SessionMarks['rows'][number];
