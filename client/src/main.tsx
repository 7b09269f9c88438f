import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, startEarlyRequests } from './App';
import { initI18n } from './i18n';
import { registerOfflineShell } from './lib/offlineShell';
import { applyZoom, getZoom } from './lib/prefs';
import './styles/tokens.css';
import './styles/base.css';
import './styles/overlays.css';
import './styles/shell.css';

startEarlyRequests();
initI18n();
applyZoom(getZoom());
registerOfflineShell();

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
