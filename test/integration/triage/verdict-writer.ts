// Child process for the concurrency test: sets alternating verdicts on the given sessions from
// its own connection, as fast as it can, while another process does the same.
import { openDatabase } from '../../../src-main/core/db/open.js';
import { setVerdict } from '../../../src-main/core/triage/verdict-actions.js';

const [dbPath, analyst, rounds, ...ids] = process.argv.slice(2);
const db = openDatabase(dbPath!);
const verdicts = ['malicious', 'benign', 'review'] as const;
for (let i = 0; i < Number(rounds); i++) {
  const sessionId = Number(ids[i % ids.length]);
  setVerdict(db, analyst!, {
    target: { sessionIds: [sessionId] },
    verdict: verdicts[i % 3]!,
    note: `${analyst} ${i}`,
  });
}
db.close();
