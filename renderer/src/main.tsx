/** Entry point: picks the transport (IPC in Electron, HTTP in a browser) and the language. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { pickApi } from './api/index.js';
import { App } from './components/App.js';
import { pickLocale } from './i18n/messages.js';

/** `/?view=<name>`: the web page's read-only viewer of one generated file (the engine checks the name). */
function viewedFile(search: string): string | null {
  return new URLSearchParams(search).get('view');
}

const locale = pickLocale(navigator.languages.length > 0 ? navigator.languages : [navigator.language]);
document.documentElement.lang = locale;
const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
createRoot(container).render(
  <StrictMode>
    <App api={pickApi()} locale={locale} fileOpening={'aime' in window ? 'shell' : 'viewer'} viewFile={viewedFile(window.location.search)} />
  </StrictMode>,
);
