import { chromium } from '@playwright/test';
import { execFileSync } from 'node:child_process';
const base = 'http://127.0.0.1:18191';
const fmt = process.argv[2] || 'a3';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ locale: 'de-DE' });
import { readFileSync } from 'node:fs';
await page.route('**/static/print*.css', (r) => r.fulfill({ contentType: 'text/css', body: readFileSync('/work/main/crates/web/static/' + new URL(r.request().url()).pathname.split('/').pop()) }));
const only = process.argv[3];
const ids = await (await fetch(base + '/api/v1/katalog/steckbriefe')).json();
const counts = {};
for (const s of ids) {
  if (only && s.id !== only) continue;
  await page.goto(`${base}/katalog/steckbrief/${s.id}/druck?format=${fmt}`);
  const f = only ? `/tmp/wk/${only}-${fmt}.pdf` : `/tmp/wk/one-${fmt}.pdf`;
  await page.pdf({ path: f, format: fmt.toUpperCase(), preferCSSPageSize: true, printBackground: true });
  const n = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [f], { encoding: 'utf8' }))[1]);
  counts[n] = (counts[n] || 0) + 1;
  if (n > 1) console.log(fmt, s.id, n);
}
console.log(fmt, 'pages per Steckbrief:', counts);
await browser.close();
