// Print page entry (print.html): one composed map for the PNG export. No
// StrictMode here: its double effects would draw every tile twice.
import { createRoot } from 'react-dom/client';
import 'maplibre-gl/dist/maplibre-gl.css';
import '../styles/app.css';
import '../styles/analysis.css';
import './print.css';
import '../map/maplibre-worker';
import { readPrintParams } from './params';
import { publishError } from './print-api';
import { PrintPage } from './PrintPage';

const root = document.getElementById('print-root');
if (!root) throw new Error('The print page has no #print-root element.');
try {
  const params = readPrintParams(window.location.search);
  createRoot(root).render(<PrintPage params={params} />);
} catch (e) {
  publishError(e);
  root.textContent = e instanceof Error ? e.message : String(e);
}
