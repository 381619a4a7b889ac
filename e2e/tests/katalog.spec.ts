import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test, expect, type APIRequestContext, type Page } from '@playwright/test';
import { checkA11y, fieldLinks, join, unique, WERKSTATT_ID } from './helpers';

// PDFs land here so that they can be looked at after the run (Playwright empties the
// folder at the start of each run, not at the end).
const OUT = path.join(__dirname, '..', 'test-results');

/** The ids of the Steckbriefe the JSON API finds for a query string. */
async function apiIds(request: APIRequestContext, query: string): Promise<string[]> {
  const r = await request.get(`/api/v1/katalog/steckbriefe?${query}`);
  expect(r.ok(), `GET /api/v1/katalog/steckbriefe?${query}`).toBeTruthy();
  const list = (await r.json()) as { id: string }[];
  return list.map((s) => s.id);
}

/** The number of pages of a PDF: pdfinfo where installed, else the page objects. */
function pdfPages(file: string): number {
  try {
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    const m = /^Pages:\s+(\d+)/m.exec(info);
    if (m) return Number(m[1]);
  } catch {
    // pdfinfo (poppler-utils) is not installed: count the objects below.
  }
  return (readFileSync(file, 'latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
}

async function printToPdf(page: Page, name: string, format: 'A3' | 'A4'): Promise<string> {
  mkdirSync(OUT, { recursive: true });
  const file = path.join(OUT, name);
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: file, format, printBackground: true, preferCSSPageSize: true });
  await page.emulateMedia({ media: null });
  expect(existsSync(file)).toBeTruthy();
  return file;
}

test.describe('Katalog', () => {
  test('live search updates the results without submitting, and the field filter', async ({ page, request }) => {
    await page.goto('/katalog');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Katalog der Steckbriefe');
    const cards = page.locator('#treffer li.card');
    const all = (await apiIds(request, '')).length;
    expect(all).toBeGreaterThan(20);
    await expect(cards).toHaveCount(all);
    await checkA11y(page, 'Katalog');

    // A marker on the window survives htmx swaps but not a page load: the search
    // must not submit the form.
    await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));
    const suche = page.getByLabel('Suchbegriff');
    const hit = page.locator('#treffer a[href="/katalog/steckbrief/buergerbus-digitale-buchung"]');

    await suche.pressSequentially('buergerbus', { delay: 20 });
    const buergerbus = await apiIds(request, 'q=buergerbus');
    expect(buergerbus).toContain('buergerbus-digitale-buchung');
    await expect(cards).toHaveCount(buergerbus.length, { timeout: 5_000 });
    await expect(hit).toBeVisible();
    await expect(page.locator('#treffer-h')).toHaveText(`${buergerbus.length} Steckbriefe`);
    await expect(page).toHaveURL(/[?&]q=buergerbus/);
    expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
    await checkA11y(page, 'Katalog, searched for buergerbus');

    // Without the umlaut spelled out.
    await suche.fill('burgerbus');
    await expect(page).toHaveURL(/[?&]q=burgerbus/, { timeout: 5_000 });
    await expect(hit).toBeVisible();
    await expect(cards).not.toHaveCount(0);

    // "strasse" finds the Mängelmelder (Straßenschäden etc.).
    await suche.fill('strasse');
    await expect(page).toHaveURL(/[?&]q=strasse/, { timeout: 5_000 });
    const strasse = await apiIds(request, 'q=strasse');
    expect(strasse).toContain('maengelmelder');
    await expect(cards).toHaveCount(strasse.length);
    await expect(page.locator('#treffer a[href="/katalog/steckbrief/maengelmelder"]')).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);

    // Filter by Handlungsfeld: the select alone narrows the list.
    await suche.fill('');
    await expect(cards).toHaveCount(all, { timeout: 5_000 });
    await page.getByLabel('Handlungsfeld', { exact: true }).selectOption({ label: 'Tourismus' });
    const tourismus = await apiIds(request, 'feld=tourismus');
    expect(tourismus.length).toBeGreaterThan(0);
    await expect(cards).toHaveCount(tourismus.length, { timeout: 5_000 });
    await expect(page).toHaveURL(/[?&]feld=tourismus/);
    for (const id of tourismus) {
      await expect(page.locator(`#treffer a[href="/katalog/steckbrief/${id}"]`)).toBeVisible();
    }
    await expect(cards.locator('p.muted')).toHaveText(tourismus.map(() => /^Tourismus · /));
    expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
    await checkA11y(page, 'Katalog, filtered by field');

    // Search and field together.
    await suche.fill('strasse');
    await page.getByLabel('Handlungsfeld', { exact: true }).selectOption({ label: 'Kommunale Verwaltung' });
    const beide = await apiIds(request, 'q=strasse&feld=kommunale-verwaltung');
    expect(beide).toContain('maengelmelder');
    await expect(page).toHaveURL(/feld=kommunale-verwaltung/, { timeout: 5_000 });
    await expect(cards).toHaveCount(beide.length);
  });

  test('without JavaScript the search form submits and filters', async ({ browser, request }) => {
    const ctx = await browser.newContext({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    try {
      await page.goto('/katalog');
      await page.getByLabel('Suchbegriff').fill('strasse');
      await page.getByLabel('Handlungsfeld', { exact: true }).selectOption({ label: 'Kommunale Verwaltung' });
      await page.getByRole('button', { name: 'Suchen', exact: true }).click();
      await expect(page).toHaveURL(/\/katalog\?q=strasse&feld=kommunale-verwaltung/);
      const ids = await apiIds(request, 'q=strasse&feld=kommunale-verwaltung');
      await expect(page.locator('#treffer li.card')).toHaveCount(ids.length);
      await expect(page.locator('#treffer a[href="/katalog/steckbrief/maengelmelder"]')).toBeVisible();
      // The form keeps what was searched for.
      await expect(page.getByLabel('Suchbegriff')).toHaveValue('strasse');
      await expect(page.getByLabel('Handlungsfeld', { exact: true })).toHaveValue('kommunale-verwaltung');
    } finally {
      await ctx.close();
    }
  });

  test('a group adopts a Steckbrief as a Maßnahme', async ({ page }) => {
    await join(page, unique('Katrin K.'), 'Verwaltung');
    const [feld] = await fieldLinks(page);
    await page.locator('#felder-live h3').getByRole('link', { name: feld.name, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(feld.name);
    const gruppe = page.url().replace(/[?#].*$/, '');

    await page.getByRole('link', { name: 'Ideen aus dem Katalog übernehmen' }).click();
    await expect(page).toHaveURL(new RegExp(`/w/${WERKSTATT_ID()}/felder/[^/]+/katalog`));
    await expect(page.getByText(`Sie übernehmen Steckbriefe in die Arbeitsgruppe ${feld.name}.`)).toBeVisible();
    const first = page.locator('#treffer li.card').first();
    await expect(first).toBeVisible();
    await checkA11y(page, 'Katalog of a group');

    const titel = (await first.getByRole('heading').innerText()).trim();
    const href = await first.getByRole('heading').getByRole('link').getAttribute('href');
    const sid = href!.split('/').pop()!;
    await first.getByRole('button', { name: /^Als Maßnahme übernehmen/ }).click();

    await expect(page).toHaveURL(new RegExp(`/w/${WERKSTATT_ID()}/massnahmen/[^/]+/bearbeiten$`));
    const mid = /\/massnahmen\/([^/]+)\/bearbeiten$/.exec(page.url())![1];
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Maßnahme bearbeiten');
    await expect(page.getByLabel('Titel', { exact: true })).toHaveValue(titel);
    await expect(page.getByLabel('Beschreibung', { exact: true })).not.toHaveValue('');
    await checkA11y(page, 'edit form of an adopted Maßnahme');

    await page.getByRole('button', { name: 'Speichern' }).click();
    await expect(page).toHaveURL(new RegExp(`^${gruppe}(#m-${mid})?$`));
    const item = page.locator(`#massnahmen-live #m-${mid}`);
    await expect(item.getByRole('heading', { level: 3 })).toHaveText(titel);
    await expect(item).toContainText('Übernommen aus dem Steckbrief');
    await expect(item.getByRole('link', { name: sid })).toHaveAttribute('href', `/katalog/steckbrief/${sid}`);
    await checkA11y(page, 'group with an adopted Maßnahme');
  });

  test('the A3 print view has one page per Steckbrief', async ({ page, request }) => {
    const ids = await apiIds(request, 'feld=tourismus');
    expect(ids.length).toBeGreaterThan(1);
    await page.goto('/katalog/felder/tourismus/druck?format=a3');
    await expect(page.locator('body.druck.a3')).toBeVisible();
    await expect(page.locator('article.seite')).toHaveCount(ids.length);
    await expect(page.locator('article.seite h1')).toHaveCount(ids.length);
    await checkA11y(page, 'A3 print view');

    const file = await printToPdf(page, 'katalog-tourismus-a3.pdf', 'A3');
    const pages = pdfPages(file);
    console.log(`${file}: ${pages} pages for ${ids.length} Steckbriefe`);
    expect(pages).toBeGreaterThanOrEqual(ids.length);
  });

  test('the A4 print view of one Steckbrief', async ({ page }) => {
    await page.goto('/katalog/steckbrief/maengelmelder');
    await page.getByRole('link', { name: 'Druckansicht' }).click();
    await expect(page).toHaveURL(/\/katalog\/steckbrief\/maengelmelder\/druck$/);
    await page.goto('/katalog/steckbrief/maengelmelder/druck?format=a4');
    await expect(page.locator('body.druck.a4')).toBeVisible();
    await expect(page.locator('article.seite')).toHaveCount(1);
    await checkA11y(page, 'A4 print view');
    const file = await printToPdf(page, 'steckbrief-maengelmelder-a4.pdf', 'A4');
    expect(pdfPages(file)).toBeGreaterThanOrEqual(1);
  });

  test('Info-Station, Steckbrief and best practices pass axe', async ({ page, request }) => {
    await page.goto('/katalog/felder/alltagsleben');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Info-Station: Alltagsleben');
    const ids = await apiIds(request, 'feld=alltagsleben');
    await expect(page.locator('ul.cards > li')).toHaveCount(ids.length);
    await checkA11y(page, 'Info-Station');

    await page.locator('ul.cards h2 a').first().click();
    await expect(page).toHaveURL(/\/katalog\/steckbrief\/[^/]+$/);
    await expect(page.locator('article.steckbrief h1')).toBeVisible();
    await checkA11y(page, 'Steckbrief');

    await page.goto('/katalog/steckbrief/buergerbus-digitale-buchung');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Bürgerbus/);
    await checkA11y(page, 'Steckbrief Bürgerbus');

    await page.goto('/katalog/best-practices');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Gute Beispiele aus Kommunen');
    await expect(page.locator('article.card')).not.toHaveCount(0);
    await checkA11y(page, 'best practices');
  });
});
