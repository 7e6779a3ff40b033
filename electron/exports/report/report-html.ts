// The report as one self-contained HTML page (inline CSS, no scripts, no
// remote resources), laid out for A4: a title block, a contents list, one
// numbered section per workbook section, and page numbers from CSS page margin
// boxes, so the PDF and a browser's own print both number their pages.
import type { CsvValue } from '../csv-writer';
import type { ExportTable } from '../export-tables';
import type { ReportBlock, ReportModel } from './report-model';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const NUMBER = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 3 });

export function formatCell(v: CsvValue): string {
  if (v === null || v === undefined || v === '') return '–';
  if (typeof v === 'number') return Number.isFinite(v) ? NUMBER.format(v) : '–';
  return String(v);
}

const CSS = `
@page { size: A4; margin: 18mm 14mm 20mm 14mm;
  @bottom-left { content: "Catchment Gap Mapper report"; font: 8pt system-ui, sans-serif; color: #666; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 8pt system-ui, sans-serif; color: #666; } }
* { box-sizing: border-box; }
body { font: 10pt/1.45 system-ui, "Segoe UI", Roboto, Arial, sans-serif; color: #1b1f24; margin: 0; }
main { max-width: 182mm; margin: 0 auto; }
h1 { font-size: 20pt; margin: 0 0 4mm; color: #0b3d62; }
h2 { font-size: 14pt; color: #0b3d62; border-bottom: 1px solid #c9d3dc; padding-bottom: 1mm; margin: 8mm 0 3mm; break-after: avoid; }
h4 { font-size: 9.5pt; margin: 3mm 0 1mm; color: #334; break-after: avoid; }
h3 { font-size: 10.5pt; margin: 5mm 0 2mm; break-after: avoid; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 1mm 6mm; margin: 0 0 6mm; }
.facts dt { font-weight: 600; color: #445; } .facts dd { margin: 0; }
nav.contents { break-after: page; }
nav.contents ol { padding-left: 6mm; line-height: 1.8; }
nav.contents a { color: inherit; text-decoration: none; }
section.report-section + section.report-section { break-before: auto; }
.placeholder { border: 1px dashed #b58900; background: #fdf6e3; color: #6b5600; padding: 2mm 3mm; font-style: italic; }
.note { color: #555; font-size: 8.5pt; }
table { border-collapse: collapse; width: 100%; font-size: 7.8pt; margin: 1mm 0 1.5mm; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td { border-bottom: 1px solid #dde3e8; padding: 0.8mm 1.2mm; text-align: left; vertical-align: top; }
th { background: #eef3f7; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
/* Figures never break; headers may, so wide tables still fit A4. */
td.num { white-space: nowrap; }
tbody tr:last-child td { border-bottom: 1px solid #9aa7b3; }
.table-notes { margin: 0 0 4mm; padding-left: 4mm; }
.about p { margin: 1mm 0; }
figure.map { margin: 2mm 0 4mm; break-inside: avoid; }
figure.map img { display: block; width: 100%; height: auto; border: 1px solid #c9d3dc; }
figure.map figcaption { font-size: 8.5pt; color: #555; margin-top: 1mm; }
`;

function tableHtml(t: ExportTable): string {
  const head = t.columns.map((c) => `<th${c.numeric ? ' class="num"' : ''} scope="col">${escapeHtml(c.label)}</th>`).join('');
  const body = t.rows
    .map((r) => `<tr>${t.columns.map((c) => `<td${c.numeric ? ' class="num"' : ''}>${escapeHtml(formatCell(r[c.key]))}</td>`).join('')}</tr>`)
    .join('\n');
  const notes = t.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('');
  return `<h3>${escapeHtml(t.title)}</h3>
<table data-table="${escapeHtml(t.name)}"><thead><tr>${head}</tr></thead>
<tbody>
${body}
</tbody></table>
<ul class="note table-notes">${notes}</ul>`;
}

function blockHtml(b: ReportBlock): string {
  switch (b.kind) {
    case 'heading':
      return `<h4>${escapeHtml(b.text)}</h4>`;
    case 'map':
      return b.png
        ? `<figure class="map"><img src="data:image/png;base64,${b.png}" alt="Map: saved view ${escapeHtml(b.view)}"><figcaption>Map: saved view “${escapeHtml(b.view)}”.</figcaption></figure>`
        : `<p class="note">Map: saved view “${escapeHtml(b.view)}”${b.problem ? ` could not be drawn (${escapeHtml(b.problem)})` : ''}.</p>`;
    case 'text':
      return b.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n');
    case 'placeholder':
      return `<p class="placeholder">To be written by the analyst${b.text ? `: ${escapeHtml(b.text)}` : '.'}</p>`;
    case 'note':
      return `<p class="note">${escapeHtml(b.text)}</p>`;
    case 'table':
      return tableHtml(b.table);
  }
}

export function renderReportHtml(m: ReportModel): string {
  const contents = m.sections.map((s, i) => `<li><a href="#${s.id}">${i + 1}. ${escapeHtml(s.title)}</a></li>`).join('\n');
  const sections = m.sections
    .map((s, i) => `<section class="report-section" id="${s.id}">\n<h2>${i + 1}. ${escapeHtml(s.title)}</h2>\n${s.blocks.map(blockHtml).join('\n')}\n</section>`)
    .join('\n');
  const facts = m.facts.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('');
  const attributions = m.attributions.map((a) => `<p>${escapeHtml(a)}</p>`).join('\n');
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(m.title)}</title>
<style>${CSS}</style>
</head>
<body><main>
<header><h1>${escapeHtml(m.title)}</h1><dl class="facts">${facts}</dl></header>
<nav class="contents" aria-label="Contents"><h2>Contents</h2><ol class="contents-list" style="list-style:none">
${contents}
<li><a href="#about">${m.sections.length + 1}. About this report</a></li>
</ol></nav>
${sections}
<section class="report-section about" id="about">
<h2>${m.sections.length + 1}. About this report</h2>
<h3>Disclosure control</h3>
<p>${escapeHtml(m.disclosureNote)} No figure in this report describes an individual.</p>
<h3>Sources</h3>
${attributions || '<p>No third-party data.</p>'}
</section>
</main></body>
</html>
`;
}
