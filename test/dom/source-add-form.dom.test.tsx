// Add a ClickHouse source writes the `vigil source add` line to run; it wrote, without a word, lines
// the CLI refuses: a name with a space or a quote (quoted for the shell, then refused by the name
// rule), a name taken already, a URL holding a password (which the line would then carry into the
// clipboard and the shell's history), a database that is no plain identifier. Each is now said under
// its field, in the core's own words, and Copy waits until they are fixed.
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { SourceAddForm } from '../../src-renderer/views/sources/SourceAddForm.js';

afterEach(cleanup);

const type = (testId: string, value: string) =>
  fireEvent.change(screen.getByTestId(testId), { target: { value } });
const problem = (testId: string) => screen.queryByTestId(`${testId}-error`)?.textContent ?? null;
const copy = () => screen.getByRole('button', { name: 'Copy' }) as HTMLButtonElement;

describe('Add a ClickHouse source', () => {
  it('says under each field what the CLI would refuse, and Copy waits for the fixes', () => {
    render(<SourceAddForm existing={['fleet']} />);
    type('source-name', "my 'src");
    type('source-url', 'http://analyst:s3cret@ch:8123');
    type('source-db', 'lo gs');
    type('source-table', 'web');
    expect(problem('source-name')).toBe('letters, digits, dot, dash and underscore (1–64)');
    expect(problem('source-url')).toMatch(/^no user name, password or query string in the URL/);
    expect(problem('source-db')).toBe('a plain identifier (letters, digits, _)');
    expect(problem('source-table')).toBeNull();
    expect(screen.getByTestId('source-name').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByTestId('source-form-problems').textContent).toBe(
      '3 fields to fix, marked above: vigil source add would refuse this line.',
    );
    expect(copy().disabled).toBe(true);

    type('source-name', 'fleet');
    expect(problem('source-name')).toBe(
      'a source named "fleet" exists already: choose another name, or remove it first',
    );
    type('source-name', 'edge');
    type('source-url', 'http://ch:8123');
    type('source-db', 'logs');
    expect([problem('source-name'), problem('source-url'), problem('source-db')]).toEqual([null, null, null]);
    expect(screen.queryByTestId('source-form-problems')).toBeNull();
    expect(copy().disabled).toBe(false);
    expect(screen.getByTestId('source-command').textContent).toBe(
      'vigil source add edge --clickhouse http://ch:8123 --database logs --table web',
    );
  });

  it('says, for an https:// address, how to trust a private certificate authority', () => {
    render(<SourceAddForm existing={[]} />);
    expect(screen.queryByTestId('source-https-hint')).toBeNull();
    type('source-url', 'https://ch.internal:8443');
    expect(screen.getByTestId('source-https-hint').textContent).toContain('NODE_EXTRA_CA_CERTS=/path/ca.pem');
    type('source-url', 'http://ch:8123');
    expect(screen.queryByTestId('source-https-hint')).toBeNull();
  });

  it('leaves an empty field as a placeholder in the line, not a problem', () => {
    render(<SourceAddForm existing={[]} />);
    expect(screen.queryByTestId('source-form-problems')).toBeNull();
    expect(screen.getByTestId('source-command').textContent).toBe(
      'vigil source add NAME --clickhouse http://127.0.0.1:8123 --database DB --table TABLE',
    );
  });
});
