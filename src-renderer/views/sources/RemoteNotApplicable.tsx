import '../../styles/sources.css';
// A view that works on the workspace's own sessions (triage, models, rules, cases) while a remote
// source is chosen: it says so instead of showing local data under a remote choice, and offers the
// two ways on.
import { useState } from 'react';
import { chooseSource } from '../../state/source.js';
import { PullDialog } from './PullDialog.js';

export function RemoteNotApplicable({ source, title }: { source: string; title: string }) {
  const [pulling, setPulling] = useState(false);
  return (
    <div className="view" data-testid="remote-not-applicable">
      <header className="view-head">
        <h1>{title}</h1>
      </header>
      <section className="panel remote-note">
        <p>
          {title} works on sessions in the local workspace: verdicts, scores and rule hits are kept there, not
          on {source}. Pull the rows you want to work on, then switch to the local workspace.
        </p>
        <p className="remote-banner-actions">
          <button type="button" className="primary" onClick={() => setPulling(true)} data-testid="open-pull">
            Pull into workspace…
          </button>
          <button type="button" onClick={() => chooseSource(null)} data-testid="back-to-local">
            Local workspace
          </button>
        </p>
      </section>
      {pulling && <PullDialog source={source} onClose={() => setPulling(false)} />}
    </div>
  );
}
