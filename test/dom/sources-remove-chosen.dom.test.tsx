// Removing a source in the Import view sent every view back to the local workspace, whichever source
// was removed: hunting in "fleet" and removing the unused "endless" lost the hunt. Only the removal
// of the chosen source does so now.
import { cleanup, configure, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { chooseSource, sourceStore } from '../../src-renderer/state/source.js';
import { SourcesPanel } from '../../src-renderer/views/sources/SourcesPanel.js';
import type { SourceInfo } from '../../src-shared/sources.js';
import { answers, calls } from './fake-api.js';
import { withData } from './with-data.js';

vi.mock('../../src-renderer/api/index.js', () => import('./fake-api.js'));
configure({ asyncUtilTimeout: 5000 });

const source = (name: string): SourceInfo => ({
  name,
  kind: 'clickhouse',
  url: 'http://127.0.0.1:8123',
  database: 'logs',
  table: name,
  preset: 'vigil',
  mapping: {},
  user: 'default',
  passwordEnv: null,
  profileFile: null,
  createdAt: 0,
  lastPulledTs: null,
});

let listed: SourceInfo[];
beforeEach(() => {
  calls.length = 0;
  listed = [source('endless'), source('fleet')];
  answers.listSources = () => listed;
  answers.removeSource = ({ name }: { name: string }) => {
    listed = listed.filter((s) => s.name !== name);
    return { removed: name };
  };
  window.confirm = () => true;
});
afterEach(() => {
  cleanup();
  chooseSource(null);
});

const removeButton = async (name: string) => {
  const row = await screen.findByTestId(`source-${name}`);
  return [...row.querySelectorAll('button')].find((b) => b.textContent === 'Remove') as HTMLButtonElement;
};

describe('Remove in the Import view', () => {
  it('keeps another chosen source chosen', async () => {
    chooseSource('fleet');
    render(<SourcesPanel />, withData);
    fireEvent.click(await removeButton('endless'));
    await waitFor(() => expect(calls.some((call) => call.name === 'removeSource')).toBe(true));
    await waitFor(() => expect(screen.queryByTestId('source-endless')).toBeNull());
    expect(sourceStore.get()).toBe('fleet');
  });

  it('goes back to the local workspace when the chosen source is removed', async () => {
    chooseSource('fleet');
    render(<SourcesPanel />, withData);
    fireEvent.click(await removeButton('fleet'));
    await waitFor(() => expect(sourceStore.get()).toBeNull());
  });
});
