// The triage commands in-process: case create/list, verdict, ioc add/list/remove, report; their
// JSON, their errors and their --help.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { registerCase } from '../../../src-main/cli/commands/case.js';
import { registerIoc } from '../../../src-main/cli/commands/ioc.js';
import { registerReport } from '../../../src-main/cli/commands/report.js';
import { registerVerdict } from '../../../src-main/cli/commands/verdict.js';
import { runCli } from '../../helpers/run-cli.js';
import { cloudwatchLine, importLines, workspace } from './harness.js';

const vigil = (...args: string[]) =>
  runCli([registerCase, registerVerdict, registerIoc, registerReport], args);

afterEach(() => vi.restoreAllMocks());

describe('triage CLI', () => {
  it('creates a case from IPs and sessions, records verdicts, imports IOC lists and writes every report format', async () => {
    const ws = workspace();
    const ids = await importLines(ws, [
      cloudwatchLine({ srcIp: '203.0.113.9' }),
      cloudwatchLine({ srcIp: '198.51.100.4' }),
    ]);
    ws.db.close();
    const db = ['--db', ws.dbPath];

    const created = await vigil(
      'case',
      'create',
      '--title',
      'Night Owl',
      '--ip',
      '203.0.113.9',
      '--session',
      String(ids[1]),
      '--severity',
      'high',
      '--json',
      ...db,
    );
    expect(created.error).toBeNull();
    const { id } = JSON.parse(created.stdout) as { id: number };
    expect(id).toBe(1);
    expect(
      (await vigil('case', 'create', '--title', 'x', '--ip', 'not-an-ip', ...db)).error?.message,
    ).toMatch(/not an IPv4 or IPv6 address/);
    expect(
      (await vigil('case', 'create', '--title', 'x', '--severity', 'urgent', ...db)).error?.message,
    ).toMatch(/--severity "urgent": Invalid option: expected one of "low"\|"medium"\|"high"\|"critical"/);

    const list = JSON.parse((await vigil('case', 'list', '--json', ...db)).stdout);
    expect(list).toMatchObject([
      { id, title: 'Night Owl', severity: 'high', status: 'open', sessions: 1, ips: 1 },
    ]);
    // The list's count is the one every view gives: the sessions the case holds, its IP's included.
    const table = (await vigil('case', 'list', ...db)).stdout.split('\n');
    expect(table[0]).toMatch(/^id +title +severity +status +holds +sessions added +IPs added +notes/);
    expect(table[1]).toMatch(/^ *1 +Night Owl +high +open +2 +1 +1 +0 /);
    // What the case holds, when and by whom, as the app's case header says it.
    expect(
      (await vigil('case', 'note', String(id), 'seen at night only', '--analyst', 'ana', ...db)).error,
    ).toBeNull();
    const shown = (await vigil('case', 'show', String(id), ...db)).stdout;
    const lines = shown.trimEnd().split('\n');
    expect(lines[0]).toBe('Case 1: Night Owl');
    expect(lines[1]).toMatch(
      /^high · open · opened by \S+ \d{4}-\d\d-\d\d \d\d:\d\d UTC · holds 2 sessions \(1 session and 1 IP added\)$/,
    );
    expect(shown).toContain('\nSummary: (none)\n');
    expect(shown).toContain('\nItems (2):\n');
    expect(shown).toMatch(/\n {2}ip 203\.0\.113\.9 · added by \S+ \d{4}-\d\d-\d\d \d\d:\d\d UTC\n/);
    expect(shown).toMatch(new RegExp(`\\n {2}session ${ids[1]} · added by `));
    expect(shown).toMatch(/\nNotes \(1\):\n {2}\d{4}-\d\d-\d\d \d\d:\d\d UTC ana: seen at night only\n?$/);

    const verdict = await vigil(
      'verdict',
      '--session',
      String(ids[0]),
      '--verdict',
      'malicious',
      '--note',
      'beacon',
      '--analyst',
      'ana',
      ...db,
    );
    expect(verdict.stdout).toMatch(/malicious recorded on 1 session by ana \(1 changed\)/);
    // The kind of attack, in words: a label for the next threat-type run.
    const named = await vigil(
      'verdict',
      '--session',
      String(ids[1]),
      '--verdict',
      'malicious',
      '--kind',
      'SQL Injection',
      '--analyst',
      'ana',
      ...db,
    );
    expect(named.stdout).toMatch(/malicious \(sql_injection\) recorded on 1 session by ana \(1 changed\)/);
    expect(
      (await vigil('verdict', '--session', String(ids[1]), '--verdict', 'benign', '--kind', 'xss', ...db))
        .error?.message,
    ).toMatch(/--kind "xss": only a malicious verdict names a kind of threat/);
    expect(
      (await vigil('verdict', '--session', String(ids[1]), '--verdict', 'malicious', '--kind', '##', ...db))
        .error?.message,
    ).toMatch(/--kind "##" names no kind/);
    expect((await vigil('verdict', '--undo', '--analyst', 'ana', ...db)).error).toBeNull();
    expect(
      (await vigil('verdict', '--session', String(ids[0]), '--verdict', 'evil', ...db)).error?.message,
    ).toMatch(/--verdict "evil": Invalid option: expected one of "malicious"\|"benign"\|"review"/);
    // In words, as the drawer's history says it: no JSON of the stored state.
    const said = (await vigil('verdict', '--history', String(ids[0]), ...db)).stdout.split('\n')[1] ?? '';
    expect(said).toMatch(/^\S+Z +ana +verdict +none +malicious \(“beacon”\) *$/);
    const history = JSON.parse((await vigil('verdict', '--history', String(ids[0]), '--json', ...db)).stdout);
    // An id never stored is an error, not an empty history (it printed "No recorded change", exit 0).
    expect((await vigil('verdict', '--history', '99999', ...db)).error?.message).toBe(
      'No stored session with id 99999.',
    );
    expect(history).toMatchObject([{ analyst: 'ana', after: { verdict: 'malicious', note: 'beacon' } }]);

    const listFile = path.join(ws.dir, 'bad.txt');
    fs.writeFileSync(listFile, '203.0.113.0/24\nbogus\n');
    const added = await vigil('ioc', 'add', listFile, '--name', 'bad', '--kind', 'known_bad', ...db);
    expect(added.stdout).toMatch(/1 entries, 1 stored IP\(s\) match/);
    expect(added.stderr).toMatch(/line 2: "bogus": not an IPv4 or IPv6 address/);
    expect(JSON.parse((await vigil('ioc', 'list', '--json', ...db)).stdout)).toMatchObject([
      { name: 'bad', matchedIps: 1 },
    ]);

    for (const format of ['html', 'csv', 'json', 'stix']) {
      const out = path.join(ws.dir, `case.${format}`);
      const run = await vigil(
        'report',
        '--case',
        String(id),
        '--format',
        format,
        '--out',
        out,
        '--json',
        ...db,
      );
      expect(run.error).toBeNull();
      const result = JSON.parse(run.stdout);
      expect(result).toMatchObject({ path: out, sessions: 2 });
      expect(fs.statSync(out).size).toBe(result.bytes);
    }
    expect(fs.readFileSync(path.join(ws.dir, 'case.html'), 'utf8')).toContain('Night Owl');
    const noCase = await vigil('report', '--format', 'html', '--out', path.join(ws.dir, 'x.html'), ...db);
    // Named by the option the user types, not the contract's field (it said "give caseId").
    expect(noCase.error?.message).toBe('--case: html, pdf and stix reports are made from a case: name one');
    const byVerdict = path.join(ws.dir, 'malicious.csv');
    await vigil('report', '--format', 'csv', '--verdict', 'malicious', '--out', byVerdict, ...db);
    expect(fs.readFileSync(byVerdict, 'utf8').trim().split('\r\n')).toHaveLength(2);

    expect((await vigil('ioc', 'remove', 'bad', ...db)).stdout).toMatch(/Removed IOC list "bad"/);
  });

  it('adds the sessions a filter selects to a case, and refuses a filter that does not parse', async () => {
    const ws = workspace();
    const ids = await importLines(ws, [
      cloudwatchLine({ srcIp: '203.0.113.9', country: 'US' }),
      cloudwatchLine({ srcIp: '198.51.100.4', country: 'CA' }),
      cloudwatchLine({ srcIp: '203.0.113.10', country: 'US', start: '2024-04-25T23:30:00Z' }),
    ]);
    ws.db.close();
    const db = ['--db', ws.dbPath];
    const created = JSON.parse(
      (await vigil('case', 'create', '--title', 'US', '--filter', 'country:US', '--json', ...db)).stdout,
    );
    expect(created.case.sessions).toBe(2);
    const added = await vigil('case', 'add', String(created.id), '--filter', 'src:198.51.100.4', ...db);
    expect(added.stdout).toBe('Added 1 session(s), 0 IP(s).\n');
    const shown = JSON.parse((await vigil('case', 'show', String(created.id), '--json', ...db)).stdout);
    expect(shown.items.map((item: { sessionId: number }) => item.sessionId).sort()).toEqual([...ids].sort());
    const bad = await vigil('case', 'add', String(created.id), '--filter', 'country:', ...db);
    expect(bad.error?.message).toBe('--filter: country: needs a value after the colon');
  });

  it('explains itself in --help', async () => {
    const report = await vigil('report', '--help');
    for (const word of [
      '--case',
      '--format',
      '--out',
      'html',
      'pdf',
      'csv',
      'json',
      'stix',
      'formula',
      'SHA-256',
    ])
      expect(report.stdout).toContain(word);
    expect((await vigil('verdict', '--help')).stdout).toMatch(
      /--session[\s\S]*--ip[\s\S]*--undo[\s\S]*--history/,
    );
    const create = (await vigil('case', 'create', '--help')).stdout;
    for (const option of ['--title', '--ip', '--session', '--filter', '--severity', '--summary', '--json'])
      expect(create).toContain(option);
    expect((await vigil('ioc', 'add', '--help')).stdout).toMatch(/known_bad or known_good/);
  });
});

describe('vigil verdict with options that ask two things', () => {
  it('refuses them and records nothing, rather than act on one and drop the other', async () => {
    const ws = workspace();
    const ids = await importLines(ws, [
      cloudwatchLine({ srcIp: '203.0.113.9' }),
      cloudwatchLine({ srcIp: '203.0.113.9' }),
      cloudwatchLine({ srcIp: '198.51.100.4' }),
    ]);
    const db = ['--db', ws.dbPath];
    const stored = () => ws.db.prepare('SELECT count(*) FROM verdicts').pluck().get();
    const first = String(ids[0]);
    // --ip took over: both sessions from the IP judged, the one session named was never the target.
    const both = await vigil(
      'verdict',
      '--session',
      first,
      '--ip',
      '203.0.113.9',
      '--verdict',
      'benign',
      ...db,
    );
    expect(both.error?.message).toBe('Say either --session or --ip, not both.');
    // --undo took over: the verdict asked for was never recorded, and the last action was undone.
    const undo = await vigil('verdict', '--session', first, '--verdict', 'malicious', '--undo', ...db);
    expect(undo.error?.message).toBe('--undo stands alone: leave out --session and --verdict.');
    const history = await vigil('verdict', '--history', first, '--verdict', 'malicious', ...db);
    expect(history.error?.message).toBe('--history stands alone: leave out --verdict.');
    expect(stored()).toBe(0);
    // No verdict said: the error names the option, not an empty value.
    expect((await vigil('verdict', '--session', first, ...db)).error?.message).toBe(
      'Say which verdict: --verdict malicious, benign or review.',
    );
    expect(stored()).toBe(0);
  });
});
