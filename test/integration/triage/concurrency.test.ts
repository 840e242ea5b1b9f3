// Two processes writing verdicts to the same sessions at the same time: every action is kept,
// and each session's audit trail is one unbroken chain (each "before" is the previous "after").
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { entityHistory } from '../../../src-main/core/db/audit.js';
import { verifyAuditChain } from '../../../src-main/core/db/audit-chain.js';
import { ROOT } from '../../helpers/temp.js';
import { importGenerated, workspace } from './harness.js';

function writer(dbPath: string, analyst: string, rounds: number, ids: number[]): Promise<void> {
  const script = path.join(ROOT, 'test', 'integration', 'triage', 'verdict-writer.ts');
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', script, dbPath, analyst, String(rounds), ...ids.map(String)],
      {
        cwd: ROOT,
        stdio: ['ignore', 'inherit', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`writer ${analyst} exited ${code}: ${stderr}`)),
    );
  });
}

describe('concurrent verdicts', () => {
  it('from two processes keep every audit entry in one consistent chain per session', async () => {
    const ws = workspace();
    const ids = await importGenerated(ws, 4);
    const rounds = 60;
    await Promise.all([writer(ws.dbPath, 'ana', rounds, ids), writer(ws.dbPath, 'bob', rounds, ids)]);
    let total = 0;
    for (const id of ids) {
      const history = entityHistory(ws.db, 'session', id);
      total += history.length;
      expect(history[0]!.before).toBeNull();
      for (let i = 1; i < history.length; i++) expect(history[i]!.before).toEqual(history[i - 1]!.after);
    }
    expect(total).toBe(2 * rounds);
    const byAnalyst = ws.db
      .prepare(
        "SELECT analyst, count(*) AS n FROM audit_actions WHERE kind = 'verdict' GROUP BY analyst ORDER BY analyst",
      )
      .all();
    expect(byAnalyst).toEqual([
      { analyst: 'ana', n: rounds },
      { analyst: 'bob', n: rounds },
    ]);
    // Both writers extended one hash chain: every action linked once, in id order.
    expect(verifyAuditChain(ws.db)).toMatchObject({ ok: true, verified: 2 * rounds });
  });
});
