import { VIEWS, type ViewId } from '../hooks/useHashView.js';

export function Nav({ current }: { current: ViewId }) {
  return (
    <nav className="nav" aria-label="Views">
      <div className="brand">
        <svg viewBox="0 0 32 32" width="22" height="22" aria-hidden="true">
          <path
            d="M16 3 6 7.5v7c0 6.6 4.3 11.6 10 13.2 5.7-1.6 10-6.6 10-13.2v-7z"
            className="brand-shield"
          />
          <circle cx="16" cy="15" r="3" className="brand-eye" />
        </svg>
        <span>Vigil</span>
      </div>
      <ul>
        {VIEWS.map((view) => (
          <li key={view.id}>
            <a
              href={`#/${view.id}`}
              aria-current={view.id === current ? 'page' : undefined}
              data-testid={`nav-${view.id}`}
            >
              {view.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
