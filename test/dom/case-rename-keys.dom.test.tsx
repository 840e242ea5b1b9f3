// Renaming a case from the keyboard: Enter saves, Escape leaves the title as it was (before,
// Escape did nothing and the blur that followed saved the text the analyst meant to drop), and
// focus goes back to the rename button either way, so Tab goes on from there.
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CaseHeader } from '../../src-renderer/views/cases/CaseHeader.js';
import { answers, calls } from './fake-api.js';
import { fakeCase } from './fake-case.js';
import { withData } from './with-data.js';

vi.mock('../../src-renderer/api/index.js', () => import('./fake-api.js'));
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const flush = () => act(async () => {});
const callsOf = (name: string) => calls.filter((c) => c.name === name).map((c) => c.args);

beforeEach(() => {
  calls.length = 0;
  answers.listTags = () => [];
  answers.updateCase = () => ({ case: fakeCase(7), items: [], notes: [] });
});
afterEach(async () => {
  await flush();
  cleanup();
});

async function startRename(): Promise<HTMLInputElement> {
  render(<CaseHeader c={fakeCase(7, { title: 'Night Owl' })} onError={() => undefined} />, withData);
  await flush();
  fireEvent.click(screen.getByRole('button', { name: 'rename' }));
  const box = screen.getByLabelText('Case title') as HTMLInputElement;
  box.focus();
  fireEvent.change(box, { target: { value: 'typo I do not want' } });
  return box;
}

describe('renaming a case by keyboard', () => {
  it('drops the typed title on Escape, saves nothing, and focuses the rename button', async () => {
    const box = await startRename();
    fireEvent.keyDown(box, { key: 'Escape' });
    fireEvent.blur(box);
    await flush();
    expect(callsOf('updateCase')).toEqual([]);
    expect(screen.getByTestId('case-title').textContent).toContain('Night Owl');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'rename' }));
  });

  it('saves on Enter from the title it began with, and focuses the rename button', async () => {
    const box = await startRename();
    fireEvent.submit(box.closest('form')!);
    await flush();
    expect(callsOf('updateCase')).toEqual([
      { id: 7, title: 'typo I do not want', was: { title: 'Night Owl' } },
    ]);
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'rename' }));
  });
});
