// Labelled sessions where a time split leaves two kinds untested: brute_force and sql_injection
// happen early (all on the training side), xss late (held out), benign throughout. Each kind looks
// different (response code, bytes) so a forest learns it and flags it as that kind on scoring.
import { openDatabase } from '../../src-main/core/db/open.js';
import { insertSessions, type TestSession } from './insert-sessions.js';

const START = Date.UTC(2024, 3, 25);
const MINUTE = 60_000;

function kindRows(label: string, n: number, from: number, every: number, look: Partial<TestSession>) {
  return Array.from({ length: n }, (_, i) => ({
    startTs: START + (from + i * every) * MINUTE,
    srcIp: `10.${label.length}.${i >> 8}.${i & 255}`,
    label,
    ...look,
    bytesIn: (look.bytesIn ?? 0) + (i % 7) * 3,
  }));
}

/** The sessions, 40 minutes of benign between consecutive ones over two days. */
export function untestedKindsRows(): TestSession[] {
  return [
    ...kindRows('benign', 600, 0, 4, { responseCode: 200, bytesIn: 600, bytesOut: 9000 }),
    ...kindRows('brute_force', 60, 100, 1, { responseCode: 401, bytesIn: 200, bytesOut: 300 }),
    ...kindRows('sql_injection', 60, 300, 1, { responseCode: 500, bytesIn: 5000, bytesOut: 100 }),
    ...kindRows('xss', 120, 800, 13, { responseCode: 403, bytesIn: 2500, bytesOut: 50 }),
  ];
}

/** A real SQLite file at `file` holding those sessions. */
export function writeUntestedKindsDb(file: string): string {
  const db = openDatabase(file);
  try {
    insertSessions(db, untestedKindsRows());
  } finally {
    db.close();
  }
  return file;
}
