import { chromium } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
const base = 'http://127.0.0.1:18191';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ locale: 'de-DE' });
if (process.env.LOCALCSS) await page.route('**/static/print*.css', (r) => r.fulfill({ contentType: 'text/css', body: readFileSync('/work/main/crates/web/static/' + new URL(r.request().url()).pathname.split('/').pop()) }));
const felder = ['alltagsleben','arbeit-und-soziales','bildung-und-jugend','digitale-infrastruktur','dorf-und-stadtentwicklung','kommunale-verwaltung','kommunale-wirtschaft','silberne-gesellschaft','tourismus'];
const heads = ['Was ist das?','Was haben Sie davon?','Wie geht das?','Für welche Kommunen ist das interessant?','Typische Beteiligte','Voraussetzungen','Kosten','Förderung','Textbaustein für die Strategie','Quellen'];
let total = {};
for (const fmt of ['a3','a4']) {
  let pages = 0, n = 0, bad = 0;
  for (const feld of felder) {
    await page.goto(`${base}/katalog/felder/${feld}/druck?format=${fmt}`);
    n += await page.locator('article.seite').count();
    const f = `/tmp/wk/f-${fmt}-${feld}.pdf`;
    await page.pdf({ path: f, format: fmt.toUpperCase(), preferCSSPageSize: true });
    const p = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [f], { encoding: 'utf8' }))[1]);
    pages += p;
    for (let i = 1; i <= p; i++) {
      const txt = execFileSync('pdftotext', ['-f', String(i), '-l', String(i), '-layout', f, '-'], { encoding: 'utf8' });
      const lines = txt.split('\n').map(l => l.trim()).filter(Boolean);
      // In two columns the last line of either column may be a heading: check each line's segments.
      const last = lines[lines.length - 1] || '';
      for (const h of heads) if (last.split(/\s{3,}/).some(seg => seg === h)) { bad++; console.log(fmt, feld, 'page', i, 'ends with heading', h); }
    }
  }
  console.log(fmt, `${n} Steckbriefe, ${pages} pages, ${bad} pages ending in a heading`);
}
await browser.close();
