// The staff console's entry: catalogs first (every string comes from them), then the app.
import '@mantine/core/styles.css';
import '@mantine/charts/styles.css';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { startI18n } from './i18n/index.js';

await startI18n();
createRoot(document.getElementById('root')!).render(<App />);
