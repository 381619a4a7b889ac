import { test, expect, type Locator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { ADMIN_EMAIL, ADMIN_PASSWORD, WERKSTATT_ID, checkA11y, join, unique } from './helpers';

// The Digitalstrategie page of the demo Werkstatt: texts, Organigramm, next steps, versions,
// comparison and the downloads, for facilitators, participants and on a phone.

const strategie = () => `/w/${WERKSTATT_ID()}/strategie`;

async function login(page: Page) {
  await page.goto('/login');
  await page.getByLabel('E-Mail-Adresse').fill(ADMIN_EMAIL());
  await page.getByLabel('Passwort').fill(ADMIN_PASSWORD());
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await expect(page).toHaveURL(/\/werkstaetten$/);
}

async function open(page: Page) {
  await page.goto(strategie());
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Digitalstrategie');
}

/** `x` as a literal part of a regular expression. */
const re = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The name of a button "Speichern: Vorwort" whose second part is visually hidden: Chromium
 *  computes "Speichern : Vorwort" (the hidden span is absolutely positioned, hence a block). */
function named(text: string, zusatz: string): RegExp {
  return new RegExp(`^${re(text)}\\s?: ${re(zusatz)}$`);
}

/** The response to the next POST to `path` (below the strategy page). */
function posted(page: Page, path: string) {
  return page.waitForResponse(
    (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === `${strategie()}${path}`,
  );
}

/**
 * Saves a free text with its button and waits until the page shows the stored state: the
 * strategy's version (a hidden field of every text form) has moved on. With JavaScript the
 * page is swapped in place after the POST, so the typed value alone proves nothing.
 */
async function saveText(page: Page, slug: string, titel: string) {
  const version = page.locator('input[name="version"]').first();
  const vorher = await version.inputValue();
  const r = posted(page, `/texte/${slug}`);
  await page.getByRole('button', { name: named('Speichern', titel) }).click();
  expect((await r).status()).toBe(303);
  await expect(version).not.toHaveValue(vorher);
}

/** Presses Tab until `target` has the focus; fails after `max` presses. */
async function tabTo(page: Page, target: Locator, max = 80) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target, 'reachable with Tab').toBeFocused();
}

/** The `<details>` whose summary reads exactly `summary`, opened by a click on it. */
async function details(page: Page, summary: string): Promise<Locator> {
  const s = page.locator('summary').filter({ hasText: new RegExp(`^${re(summary)}$`) });
  await expect(s).toHaveCount(1);
  const d = page.locator('details').filter({ has: s });
  if (!(await d.evaluate((e) => (e as HTMLDetailsElement).open))) await s.click();
  return d;
}

/** Rows of a table as trimmed cell texts (header cell of the row included). */
function rows(table: Locator): Promise<string[][]> {
  return table.locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => Array.from(tr.children).map((c) => (c.textContent ?? '').replace(/\s+/g, ' ').trim())),
  );
}

/** "dd.mm.yyyy" → "yyyy-mm-dd"; "" stays "". */
function iso(de: string): string {
  const m = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(de);
  return m ? `${m[3]}-${m[2]}-${m[1]}` : '';
}

/** The error message shown for a field, found through the field's aria-describedby. */
async function fieldError(page: Page, field: Locator): Promise<Locator> {
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  const ids = ((await field.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter(Boolean);
  const errs: Locator[] = [];
  for (const id of ids) {
    const el = page.locator(`[id="${id}"]`);
    await expect(el, `aria-describedby target #${id} exists`).toHaveCount(1);
    if (await el.evaluate((e) => e.classList.contains('field-error'))) errs.push(el);
  }
  expect(errs.length, 'the field names its error message with aria-describedby').toBe(1);
  return errs[0];
}

/** Every link of the error summary points at a field on the page. */
async function summaryLinksResolve(page: Page) {
  const hrefs = await page.locator('.error-summary a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  expect(hrefs.length).toBeGreaterThan(0);
  for (const h of hrefs) {
    expect(h.startsWith('#'), h).toBe(true);
    await expect(page.locator(`[id="${h.slice(1)}"]`), `target of the summary link ${h}`).toHaveCount(1);
  }
}

test.describe('Digitalstrategie as facilitator', () => {
  test.beforeEach(async ({ page }) => {
    await login(page);
  });

  test('the page is accessible: headings in order, named organigram, every chart with a table', async ({ page }) => {
    await open(page);
    await checkA11y(page, 'strategy page');

    // Headings: one h1 first, no level skipped on the way down.
    const levels = await page
      .locator('main')
      .locator('h1, h2, h3, h4, h5, h6')
      .evaluateAll((hs) => hs.map((h) => Number(h.tagName.slice(1))));
    expect(levels[0]).toBe(1);
    expect(levels.filter((l) => l === 1)).toHaveLength(1);
    for (let i = 1; i < levels.length; i++) {
      expect(levels[i], `heading ${i} (h${levels[i]} after h${levels[i - 1]})`).toBeLessThanOrEqual(levels[i - 1] + 1);
    }
    for (const h of ['Herunterladen', 'Freie Kapitel', 'Weiteres Vorgehen', 'Versionen']) {
      await expect(page.getByRole('heading', { level: 2, name: h, exact: true })).toBeVisible();
    }

    // The organigram is an image with a name and a description.
    const svg = page.locator('#organigramm svg[role="img"]');
    await expect(svg).toBeVisible();
    await expect(svg).toHaveAttribute('role', 'img');
    await expect(svg).toHaveAccessibleName('Organigramm-Vorschlag');
    await expect(svg).toHaveAccessibleDescription(/^\d+ Rollen/);

    // Every chart is followed by a table with a caption in its section.
    const charts = page.locator('main svg[role="img"]');
    expect(await charts.count()).toBeGreaterThan(0);
    for (const c of await charts.all()) {
      const ok = await c.evaluate((svgEl) => {
        const section = svgEl.closest('section');
        if (!section) return false;
        return Array.from(section.querySelectorAll('table')).some(
          (t) =>
            !!t.querySelector('caption') &&
            (svgEl.compareDocumentPosition(t) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0,
        );
      });
      expect(ok, 'a table follows the chart in its section').toBe(true);
    }
    // The organigram's table lists as many roles as the chart draws boxes.
    const rollen = page.locator('#organigramm table').filter({ has: page.locator('caption', { hasText: 'Rollen und Berichtswege' }) });
    await expect(rollen).toHaveCount(1);
    expect(await rollen.locator('tbody tr').count()).toBe(await svg.locator('rect').count());

    // The downloads in every format, and the same for version 1.
    for (const name of ['PDF', 'Word (DOCX)', 'OpenDocument (ODT)', 'Markdown', 'HTML']) {
      await expect(page.locator('#download').getByRole('link', { name, exact: true })).toBeVisible();
    }
    await expect(page.getByRole('link', { name: 'PDF Version 1', exact: true })).toBeVisible();

    // The comparison proposes the two newest versions, or the only one against the current state.
    const nummern = (await rows(page.locator('#versionen table'))).map((r) => r[0]);
    if (nummern.length === 1) {
      await expect(page.locator('#vergleich-alt')).toHaveValue(nummern[0]);
      await expect(page.locator('#vergleich-neu')).toHaveValue('0');
    } else {
      await expect(page.locator('#vergleich-alt')).toHaveValue(nummern[1]);
      await expect(page.locator('#vergleich-neu')).toHaveValue(nummern[0]);
    }

    // Every edit form open: still accessible.
    await page.locator('main details').evaluateAll((ds) => ds.forEach((d) => ((d as HTMLDetailsElement).open = true)));
    await checkA11y(page, 'strategy page with every form open');
  });

  test('keyboard only: a free text is changed; an empty required text is refused at the field', async ({ page }) => {
    await open(page);
    const vorwort = page.locator('#text-vorwort-feld');
    await expect(page.getByLabel('Vorwort', { exact: true })).toHaveCount(1);

    // From the top of the page to the Vorwort with Tab only.
    await page.locator('body').evaluate((b) => (b as HTMLElement).focus());
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Zum Inhalt springen' })).toBeFocused();
    await tabTo(page, vorwort);
    const neu = unique('Liebe Bürgerinnen und Bürger, dies ist das neue Vorwort');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Delete');
    await page.keyboard.type(neu);
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: named('Speichern', 'Vorwort') })).toBeFocused();
    const version = page.locator('#text-vorwort input[name="version"]');
    const vorher = await version.inputValue();
    const saved = posted(page, '/texte/vorwort');
    await page.keyboard.press('Enter');
    expect((await saved).status()).toBe(303);
    await expect(version).not.toHaveValue(vorher);
    await expect(page).toHaveURL(new RegExp(`${strategie()}(#text-vorwort)?$`));
    await expect(vorwort).toHaveValue(neu);
    // Back at the chapter (the redirect's anchor; with JavaScript the boosted swap shows it), not
    // at the top of this long page.
    await expect(page.getByRole('heading', { level: 3, name: 'Vorwort' })).toBeInViewport();
    await expect(vorwort).not.toHaveAttribute('aria-invalid', 'true');
    // A text of its own: the label no longer says "Standardtext".
    await expect(page.locator('label[for="text-vorwort-feld"]')).toHaveText('Vorwort');

    // A reload shows the same: it was stored.
    await open(page);
    await expect(vorwort).toHaveValue(neu);

    // "Anlass und Zielsetzung" may not be empty.
    const anlass = page.locator('#text-anlass-feld');
    await page.locator('body').evaluate((b) => (b as HTMLElement).focus());
    await tabTo(page, anlass, 120);
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Delete');
    await page.keyboard.type('   ');
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: named('Speichern', 'Anlass und Zielsetzung') })).toBeFocused();
    const refused = posted(page, '/texte/anlass');
    await page.keyboard.press('Enter');
    expect((await refused).status()).toBe(422);

    const err = await fieldError(page, anlass);
    await expect(err).toHaveText('Bitte füllen Sie dieses Feld aus.');
    await expect(err).toBeInViewport();
    // The message stands right after the field, inside the chapter's card.
    expect(await anlass.evaluate((el) => el.nextElementSibling?.id)).toBe(await err.getAttribute('id'));
    await expect(page.locator('#text-anlass .error-summary')).toContainText('Bitte prüfen Sie Ihre Eingaben');
    await summaryLinksResolve(page);
    // The error summary can take the focus (tabindex=-1) and its link leads to the field.
    const summary = page.locator('.error-summary');
    await expect(summary).toHaveCount(1);
    await expect(summary).toHaveAttribute('tabindex', '-1');
    await summary.focus();
    await expect(summary).toBeFocused();
    await page.keyboard.press('Tab');
    const link = summary.getByRole('link', { name: 'Bitte füllen Sie dieses Feld aus.' });
    await expect(link).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(anlass).toBeFocused();
    // What was typed is kept (the blanks), nothing else shows an error.
    await expect(anlass).toHaveValue('   ');
    await expect(page.locator('[aria-invalid="true"]')).toHaveCount(1);
    await checkA11y(page, 'strategy page with an error');

    // Nothing was stored.
    await open(page);
    await expect(anlass).not.toHaveValue('   ');
    expect((await anlass.inputValue()).length).toBeGreaterThan(20);
  });

  test('a text saved over a newer state is refused and kept in the field', async ({ page, context }) => {
    await open(page);
    // Someone else changes the strategy in the meantime (another tab).
    const other = await context.newPage();
    await other.goto(strategie());
    const ausgangslage = unique('Eine Ausgangslage aus dem anderen Tab');
    await other.locator('#text-ausgangslage-feld').fill(ausgangslage);
    await saveText(other, 'ausgangslage', 'Ausgangslage und Profil');
    await expect(other.locator('#text-ausgangslage-feld')).toHaveValue(ausgangslage);
    await other.close();

    // The Leitbild is optional: its field keeps the hint and gains the error in aria-describedby.
    const mein = unique('Mein Leitbild');
    const feld = page.locator('#text-leitbild-feld');
    await expect(feld).toHaveAttribute('aria-describedby', 'text-leitbild-hinweis');
    await feld.fill(mein);
    const r = posted(page, '/texte/leitbild');
    await page.getByRole('button', { name: named('Speichern', 'Leitbild') }).click();
    expect((await r).status()).toBe(409);
    await expect(await fieldError(page, feld)).toContainText('Jemand anderes hat die Strategie inzwischen geändert');
    await expect(feld).toHaveAttribute('aria-describedby', /(^| )text-leitbild-hinweis( |$)/);
    await expect(feld).toHaveValue(mein);
    await summaryLinksResolve(page);
    await checkA11y(page, 'strategy page with a conflict');
    // Saving again (now with the current state) works.
    await saveText(page, 'leitbild', 'Leitbild');
    await expect(feld).not.toHaveAttribute('aria-invalid', 'true');
    await expect(feld).toHaveValue(mein);
    await expect(page.locator('#text-ausgangslage-feld')).toHaveValue(ausgangslage);
  });

  test('Organigramm: a reporting loop is refused, a new role appears in table and chart', async ({ page }) => {
    await open(page);
    const table = page.locator('table').filter({ has: page.locator('caption', { hasText: 'Rollen und Berichtswege' }) });
    const svg = page.locator('#organigramm svg[role="img"]');
    const before = await rows(table);

    // A role with a role below it: it may not report to that one.
    const [oben, unten] = (() => {
      for (const r of before) {
        const kind = before.find((x) => x[3] === r[0]);
        if (kind) return [r[0], kind[0]];
      }
      throw new Error('no role has a role below it');
    })();
    const d = await details(page, `Bearbeiten: ${oben}`);
    await d.getByLabel('Berichtet an').selectOption({ label: unten });
    const loop = page.waitForResponse((x) => x.request().method() === 'POST' && /\/strategie\/rollen\/[^/]+$/.test(x.url()));
    await d.getByRole('button', { name: named('Speichern', oben) }).click();
    expect((await loop).status()).toBe(422);
    const d2 = page.locator('details[open]').filter({ has: page.locator('summary', { hasText: `Bearbeiten: ${oben}` }) });
    await expect(d2).toHaveCount(1);
    const sel = d2.getByLabel('Berichtet an');
    const kreis = await fieldError(page, sel);
    await expect(kreis).toContainText('Kreis');
    await expect(kreis).toBeInViewport();
    // The choice that was made is still selected.
    await expect(sel.locator('option:checked')).toHaveText(unten);
    await summaryLinksResolve(page);
    await checkA11y(page, 'organigram with a loop error');
    // Nothing changed.
    await open(page);
    expect(await rows(table)).toEqual(before);

    // A new role below the first one.
    const rects = await svg.locator('rect').count();
    const titel = unique('Datenteam');
    await page.locator('#rolle-neu-titel').fill(titel);
    await page.locator('#rolle-neu-art').selectOption({ label: 'Projektteam' });
    await page.locator('#rolle-neu-besetzung').fill('Frau A., Herr B.');
    await page.locator('#rolle-neu-aufgabe').fill('Pflegt die offenen Daten.');
    await page.locator('#rolle-neu-berichtet_an').selectOption({ label: before[0][0] });
    const added = posted(page, '/rollen');
    await page.getByRole('button', { name: 'Rolle hinzufügen', exact: true }).click();
    expect((await added).status()).toBe(303);
    const row = table.getByRole('row', { name: new RegExp(re(titel)) });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('Projektteam');
    await expect(row).toContainText(before[0][0]);
    await expect(svg.locator('rect')).toHaveCount(rects + 1);
    // The box names the role (the title may wrap: look for its unique second word).
    await expect(svg.locator('text', { hasText: titel.split(' ')[1] })).toHaveCount(1);
    await expect(svg).toHaveAccessibleDescription(new RegExp(`\\b${before.length + 1} Rollen`));
    await expect(page.locator('summary', { hasText: `Bearbeiten: ${titel}` })).toHaveCount(1);
    await expect(page.locator('#rolle-neu-titel')).toHaveValue('');
  });

  test('Weiteres Vorgehen: a new step with a date is listed in date order', async ({ page }) => {
    await open(page);
    const table = page.locator('#schritte table');
    const before = await rows(table);
    const dates = before.map((r) => iso(r[0])).filter(Boolean).sort();
    // A date between the first two planned steps (or just after the first).
    const first = new Date(`${dates[0]}T12:00:00Z`);
    const day = new Date(first.getTime() + 24 * 3600 * 1000).toISOString().slice(0, 10);

    const titel = unique('Rückmeldungen auswerten');
    await page.locator('#schritt-neu-titel').fill(titel);
    await page.locator('#schritt-neu-beschreibung').fill('Alle Hinweise aus dem Amtsblatt sichten.');
    await page.locator('#schritt-neu-datum').fill(day);
    await page.locator('#schritt-neu-verantwortlich').fill('Rat');
    const r = posted(page, '/schritte');
    await page.getByRole('button', { name: 'Schritt hinzufügen', exact: true }).click();
    expect((await r).status()).toBe(303);

    const row = table.getByRole('row', { name: new RegExp(re(titel)) });
    await expect(row).toHaveCount(1);
    const [y, m, d] = day.split('-');
    await expect(row.locator('td').first()).toHaveText(`${d}.${m}.${y}`);
    await expect(row).toContainText('offen');
    const after = await rows(table);
    expect(after).toHaveLength(before.length + 1);
    // Dated steps in date order, undated ones at the end.
    const seq = after.map((x) => iso(x[0]));
    const dated = seq.filter(Boolean);
    expect(dated).toEqual([...dated].sort());
    expect(seq.slice(0, dated.length).every(Boolean), 'undated steps come last').toBe(true);
    const i = after.findIndex((x) => x[1].startsWith(titel));
    expect(seq[i]).toBe(day);
    expect(seq.slice(0, i).every((x) => x <= day), 'earlier steps before it').toBe(true);
    expect(seq.slice(i + 1).every((x) => !x || x >= day), 'later steps after it').toBe(true);
    await expect(page.locator('summary', { hasText: `Bearbeiten: ${titel}` })).toHaveCount(1);
    await checkA11y(page, 'strategy page with a new step');
  });

  test('Versionen: an adopted version needs a date; versions are compared chapter by chapter', async ({ page }) => {
    await open(page);
    // Change a chapter so that the new version differs from version 1.
    const leitbild = page.locator('#text-leitbild-feld');
    const alt = await leitbild.inputValue();
    const neuerSatz = unique('Wir teilen unsere Daten offen');
    await leitbild.fill(`${neuerSatz}.\n\n${alt.split('\n\n').slice(1).join('\n\n') || 'Zweiter Absatz.'}`);
    await saveText(page, 'leitbild', 'Leitbild');
    await expect(leitbild).toHaveValue(new RegExp(re(neuerSatz)));

    const table = page.locator('#versionen table');
    const nummern = (await rows(table)).map((r) => Number(r[0]));
    const naechste = Math.max(...nummern) + 1;

    // "Beschlossen" without a date.
    await page.locator('#version-neu-status').selectOption({ label: 'Beschlossen' });
    await page.locator('#version-neu-beschlossen_am').fill('');
    const notiz = unique('Fassung für den Rat');
    await page.locator('#version-neu-notiz').fill(notiz);
    const r1 = posted(page, '/versionen');
    await page.getByRole('button', { name: 'Version speichern', exact: true }).click();
    expect((await r1).status()).toBe(422);
    const datum = page.locator('#version-neu-beschlossen_am');
    await expect(await fieldError(page, datum)).toHaveText('Bitte füllen Sie dieses Feld aus.');
    await expect(page.locator('#version-neu .error-summary')).toBeInViewport();
    await expect(page.locator('#version-neu-status')).toHaveValue('beschlossen');
    await expect(page.locator('#version-neu-notiz')).toHaveValue(notiz);
    await summaryLinksResolve(page);
    await checkA11y(page, 'version form with an error');
    expect((await rows(table)).map((r) => Number(r[0]))).toEqual(nummern);

    // With a date it is stored.
    await datum.fill('2026-06-12');
    const r2 = posted(page, '/versionen');
    await page.getByRole('button', { name: 'Version speichern', exact: true }).click();
    expect((await r2).status()).toBe(303);
    const row = table.getByRole('row', { name: new RegExp(re(notiz)) });
    await expect(row).toHaveCount(1);
    await expect(row.locator('th')).toHaveText(String(naechste));
    await expect(row).toContainText('Beschlossen');
    await expect(row.locator('td').first()).toHaveText('Beschlossen (12.06.2026)');
    // The comparison now proposes the previous and the new version.
    await expect(page.locator('#vergleich-alt')).toHaveValue(String(naechste - 1));
    await expect(page.locator('#vergleich-neu')).toHaveValue(String(naechste));
    await expect(page.getByRole('link', { name: `HTML Version ${naechste}`, exact: true })).toHaveCount(1);

    // The status form of version 1 also insists on a date for "Beschlossen".
    const v1 = await details(page, 'Status ändern: Version 1');
    await v1.getByLabel('Status').selectOption({ label: 'Beschlossen' });
    const r3 = posted(page, '/versionen/1');
    await v1.getByRole('button', { name: /^Speichern/ }).click();
    expect((await r3).status()).toBe(422);
    await expect(await fieldError(page, page.locator('#version-1-beschlossen_am'))).toHaveText('Bitte füllen Sie dieses Feld aus.');
    await open(page);

    // Compare version 1 with the new one.
    await page.locator('#vergleich-alt').selectOption('1');
    await page.locator('#vergleich-neu').selectOption(String(naechste));
    await page.getByRole('button', { name: 'Versionen vergleichen', exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/strategie/vergleich\\?alt=1&neu=${naechste}$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Versionen vergleichen');
    await expect(page.locator('main')).toContainText(`Version 1 → Version ${naechste}`);
    const kapitel = page.locator('main section').filter({ has: page.getByRole('heading', { level: 2, name: /^Leitbild/ }) });
    await expect(kapitel).toHaveCount(1);
    await expect(kapitel.locator('.badge')).toHaveText('geändert');
    await expect(kapitel.locator('ul.diff ins').filter({ hasText: neuerSatz })).toHaveCount(1);
    await expect(kapitel.locator('ul.diff ins').first()).toContainText('hinzugefügt:');
    expect(await page.locator('ul.diff del').count()).toBeGreaterThan(0);
    await expect(page.locator('ul.diff del').first()).toContainText('entfernt:');
    // Inserted and removed lines differ by more than colour: underline and strike-through.
    const deko = async (sel: string) =>
      page.locator(sel).first().evaluate((el) => getComputedStyle(el).textDecorationLine);
    expect(await deko('ul.diff ins')).toContain('underline');
    expect(await deko('ul.diff del')).toContain('line-through');
    await checkA11y(page, 'comparison of two versions');
    await page.getByRole('link', { name: 'Zurück zur Strategie' }).click();
    await expect(page).toHaveURL(new RegExp(`${strategie()}(#versionen)?$`));

    // A comparison without a choice is a plain error, not a crash.
    const bad = await page.request.get(`${strategie()}/vergleich?alt=x&neu=1`);
    expect(bad.status()).toBe(400);
  });

  test('downloads: the HTML file is accessible on its own; PDF, DOCX and ODT are real documents', async ({ page }, testInfo) => {
    // DOCX and ODT rasterise every chart: a few seconds each in a debug build.
    test.setTimeout(240_000);
    await open(page);
    const link = page.locator('#download').getByRole('link', { name: 'HTML', exact: true });
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^digitalstrategie-.+\.html$/);
    const file = testInfo.outputPath('strategie.html');
    await download.saveAs(file);
    const html = readFileSync(file, 'utf8');
    expect(html).not.toMatch(/<script/i);

    const doc = await page.context().newPage();
    await doc.goto(pathToFileURL(file).href);
    await expect(doc.locator('html')).toHaveAttribute('lang', 'de');
    await expect(doc.locator('script')).toHaveCount(0);
    await expect(doc.getByRole('heading', { level: 1 })).toHaveCount(1);
    const nav = doc.locator('nav');
    await expect(nav.first()).toBeVisible();
    expect(await nav.first().getByRole('link').count()).toBeGreaterThan(3);
    // The table of contents leads to chapters of the document.
    for (const href of await nav.first().getByRole('link').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''))) {
      expect(href.startsWith('#'), href).toBe(true);
      await expect(doc.locator(`[id="${href.slice(1)}"]`), `target of ${href}`).toHaveCount(1);
    }
    // It carries the text just written on the page.
    await expect(doc.locator('body')).toContainText('Digitalstrategie');
    await checkA11y(doc, 'exported HTML document');
    await doc.close();

    const hrefs = await page
      .locator('#download a')
      .evaluateAll((as) => Object.fromEntries(as.map((a) => [a.getAttribute('href')!.split('.').pop()!, a.getAttribute('href')!])));
    const erwartet: Record<string, { type: string; magic: string; min: number }> = {
      pdf: { type: 'application/pdf', magic: '%PDF', min: 20_000 },
      docx: { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', magic: 'PK', min: 10_000 },
      odt: { type: 'application/vnd.oasis.opendocument.text', magic: 'PK', min: 10_000 },
      md: { type: 'text/markdown', magic: '# ', min: 2_000 },
      html: { type: 'text/html', magic: '<!', min: 5_000 },
    };
    const bodies: Record<string, Buffer> = {};
    for (const [endung, e] of Object.entries(erwartet)) {
      // Stored versions too (only where it is quick: DOCX and ODT are rendered the same way).
      const urls = ['pdf', 'md', 'html'].includes(endung) ? [hrefs[endung], `${hrefs[endung]}?version=1`] : [hrefs[endung]];
      for (const url of urls) {
        expect(url, `download link for ${endung}`).toBeTruthy();
        const r = await page.request.get(url, { timeout: 150_000 });
        expect(r.status(), url).toBe(200);
        expect(r.headers()['content-type'], url).toContain(e.type);
        expect(r.headers()['content-disposition'], url).toMatch(new RegExp(`^attachment; filename="digitalstrategie-[a-z0-9-]+\\.${endung}"$`));
        const body = await r.body();
        bodies[endung] ??= body;
        expect(body.length, `${url} size`).toBeGreaterThan(e.min);
        expect(body.subarray(0, e.magic.length).toString('latin1'), `${url} starts with ${e.magic}`).toBe(e.magic);
      }
    }
    // The ODT's first entry is the uncompressed mimetype, as OpenDocument requires.
    const odt = bodies.odt;
    expect(odt.subarray(30, 38).toString('latin1')).toBe('mimetype');
    expect(odt.subarray(38, 38 + 39).toString('latin1')).toBe('application/vnd.oasis.opendocument.text');

    // Unknown formats and versions are plain errors.
    expect((await page.request.get(`${strategie()}/export.exe`)).status()).toBe(404);
    expect((await page.request.get(`${strategie()}/export.pdf?version=999`)).status()).toBe(404);
  });
});

test('a participant reads the strategy without forms and downloads it', async ({ page }) => {
  test.setTimeout(180_000);
  await join(page, unique('Paula P.'), 'Verwaltung');
  await open(page);
  // Nothing to change: no form posts anything; only the comparison of versions (a GET form) is there.
  await expect(page.locator('main form[method="post"]')).toHaveCount(0);
  await expect(page.locator('main textarea, main input')).toHaveCount(0);
  await expect(page.locator('main form')).toHaveCount(1);
  await expect(page.locator('main form')).toHaveAttribute('method', 'get');
  await expect(page.locator('main details')).toHaveCount(0);
  // The content is there, read only.
  await expect(page.getByRole('heading', { level: 3, name: 'Anlass und Zielsetzung' })).toBeVisible();
  await expect(page.locator('#organigramm svg[role="img"]')).toBeVisible();
  await expect(page.locator('#schritte table tbody tr').first()).toBeVisible();
  await checkA11y(page, 'strategy page for participants');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('#download').getByRole('link', { name: 'HTML', exact: true }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.html$/);
  for (const name of ['PDF', 'Word (DOCX)', 'Markdown']) {
    const href = await page.locator('#download').getByRole('link', { name, exact: true }).getAttribute('href');
    const r = await page.request.get(href!, { timeout: 150_000 });
    expect(r.status(), href!).toBe(200);
    expect((await r.body()).length).toBeGreaterThan(1000);
  }
  const v1 = await page.getByRole('link', { name: 'PDF Version 1', exact: true }).getAttribute('href');
  expect((await page.request.get(v1!)).status()).toBe(200);

  // The forms are not there because participants may not change anything.
  const r = await page.request.post(`${strategie()}/texte/vorwort`, { form: { text: 'Von Teilnehmenden', version: '0' } });
  expect(r.status()).toBe(403);
  const v = await page.request.post(`${strategie()}/versionen`, { form: { status: 'entwurf' } });
  expect(v.status()).toBe(403);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a text is saved through the redirect to its anchor; the downloads are plain links', async ({ page }) => {
    await login(page);
    await open(page);
    const neu = unique('Ein Vorwort ohne JavaScript');
    await page.locator('#text-vorwort-feld').fill(neu);
    await page.getByRole('button', { name: named('Speichern', 'Vorwort') }).click();
    await expect(page).toHaveURL(new RegExp(`${strategie()}#text-vorwort$`));
    await expect(page.locator('#text-vorwort-feld')).toHaveValue(neu);
    await expect(page.getByRole('heading', { level: 3, name: 'Vorwort' })).toBeInViewport();

    // An error: the page comes back with status 422 and the message at the field.
    await page.locator('#text-anlass-feld').fill('');
    const r = posted(page, '/texte/anlass');
    await page.getByRole('button', { name: named('Speichern', 'Anlass und Zielsetzung') }).click();
    expect((await r).status()).toBe(422);
    await expect(await fieldError(page, page.locator('#text-anlass-feld'))).toHaveText('Bitte füllen Sie dieses Feld aus.');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('#download').getByRole('link', { name: 'Markdown', exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^digitalstrategie-.+\.md$/);
  });
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });

  test('the strategy page and the comparison do not scroll sideways', async ({ page }) => {
    await login(page);
    await open(page);
    const breite = () =>
      page.evaluate(() => ({
        doc: document.documentElement.scrollWidth,
        body: document.body.scrollWidth,
        view: document.documentElement.clientWidth,
      }));
    let b = await breite();
    expect(b.view).toBeLessThanOrEqual(375);
    expect(b.doc, 'page width on 375 px').toBeLessThanOrEqual(b.view);
    expect(b.body, 'body width on 375 px').toBeLessThanOrEqual(b.view);

    // Nothing sticks out of the main column, not even with every form open.
    await page.locator('main details').evaluateAll((ds) => ds.forEach((d) => ((d as HTMLDetailsElement).open = true)));
    b = await breite();
    expect(b.doc, 'page width with the forms open').toBeLessThanOrEqual(b.view);
    const zuBreit = await page.locator('main *').evaluateAll((els) =>
      els
        .filter((el) => {
          // Content inside a sideways-scrolling wrapper may be wider than the screen.
          for (let p = el.parentElement; p && p.tagName !== 'MAIN'; p = p.parentElement) {
            const o = getComputedStyle(p).overflowX;
            if (o === 'auto' || o === 'scroll') return false;
          }
          return el.getBoundingClientRect().right > document.documentElement.clientWidth + 1;
        })
        .map((el) => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}.${el.className}`),
    );
    expect(zuBreit, 'elements wider than the screen').toEqual([]);
    // The organigram stays readable: it scrolls in its own box rather than shrinking away.
    const svgBreite = await page.locator('#organigramm svg[role="img"]').evaluate((s) => s.getBoundingClientRect().width);
    expect(svgBreite).toBeGreaterThan(375);
    await checkA11y(page, 'strategy page on a phone');

    await page.goto(`${strategie()}/vergleich?alt=1&neu=0`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Versionen vergleichen');
    b = await breite();
    expect(b.doc, 'comparison width on 375 px').toBeLessThanOrEqual(b.view);
    await checkA11y(page, 'comparison on a phone');
  });
});
