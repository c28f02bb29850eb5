// Fast refresh in `vite` dev without an inline script (the CSP forbids them); empty in the build.
import '@vitejs/plugin-react/preamble';
// Before anything parses with zod.
import './app/zodConfig.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { createI18n, storedLocale } from './app/i18n.ts';
import { SessionStore } from './app/sessionStore.ts';
import './ui/theme.css';

const i18n = createI18n(storedLocale());
const store = new SessionStore({ i18n });
const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');

createRoot(root).render(
  <StrictMode>
    <App store={store} i18n={i18n} />
  </StrictMode>,
);
