import { Nav } from './components/Nav.js';
import { useHashView } from './hooks/useHashView.js';
import { Shell } from './shell/Shell.js';
import { CasesView } from './views/cases/CasesView.js';
import { GraphView } from './views/graph/GraphView.js';
import { ImportView } from './views/import/ImportView.js';
import { ModelsView } from './views/models/ModelsView.js';
import { OverviewView } from './views/overview/OverviewView.js';
import { RulesView } from './views/rules/RulesView.js';
import { SessionsView } from './views/sessions/SessionsView.js';
import { RemoteOr } from './views/sources/RemoteOr.js';
import { TriageView } from './views/triage/TriageView.js';

export function App() {
  const view = useHashView();
  return (
    <div className="app">
      <Nav current={view} />
      <Shell view={view}>
        {/* A remote source chosen in the top bar replaces the views that read the filter. */}
        <RemoteOr view={view}>
          {view === 'overview' && <OverviewView />}
          {view === 'import' && <ImportView />}
          {view === 'sessions' && <SessionsView />}
          {view === 'graph' && <GraphView />}
          {view === 'triage' && <TriageView />}
          {view === 'cases' && <CasesView />}
          {view === 'models' && <ModelsView />}
          {view === 'rules' && <RulesView />}
        </RemoteOr>
      </Shell>
    </div>
  );
}
