import './zod-jitless.js';
import './styles/theme.css';
import './styles/layout.css';
import './styles/table.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { must } from '../src-shared/must.js';
import { App } from './App.js';
import { DataProvider } from './data/DataProvider.js';

createRoot(must(document.getElementById('root'), 'the #root element of index.html')).render(
  <StrictMode>
    <DataProvider>
      <App />
    </DataProvider>
  </StrictMode>,
);
