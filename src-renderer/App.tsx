import { Nav } from './components/Nav.js';
import { useHashView } from './hooks/useHashView.js';
import { ImportView } from './views/import/ImportView.js';
import { SessionsView } from './views/sessions/SessionsView.js';

export function App() {
  const view = useHashView();
  return (
    <div className="app">
      <Nav current={view} />
      <main className="content">
        {view === 'import' && <ImportView />}
        {view === 'sessions' && <SessionsView />}
      </main>
    </div>
  );
}
