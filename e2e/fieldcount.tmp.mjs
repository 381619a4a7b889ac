import { chromium } from '@playwright/test';
import { execFileSync } from 'node:child_process';
const base = 'http://127.0.0.1:18191';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ locale: 'de-DE' });
for (const feld of ['tourismus']) {
  for (const id of (await (await fetch(`${base}/api/v1/katalog/steckbriefe?feld=${feld}`)).json()).map(s=>s.id)) {
    await page.goto(`${base}/katalog/steckbrief/${id}/druck?format=a3`);
    await page.pdf({ path: '/tmp/wk/x.pdf', format: 'A3', preferCSSPageSize: true });
    console.log(id, /Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', ['/tmp/wk/x.pdf'], { encoding: 'utf8' }))[1]);
  }
  await page.goto(`${base}/katalog/felder/${feld}/druck?format=a3`);
  await page.pdf({ path: '/tmp/wk/x.pdf', format: 'A3', preferCSSPageSize: true });
  console.log(feld, /Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', ['/tmp/wk/x.pdf'], { encoding: 'utf8' }))[1]);
}
await browser.close();
