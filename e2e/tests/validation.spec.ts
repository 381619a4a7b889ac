import { test, expect } from '@playwright/test';
import { checkA11y, fieldLinks, join, unique } from './helpers';

test('a Maßnahme without title shows the error at the field and adds nothing', async ({ page }) => {
  await join(page, unique('Clara C.'), 'Bildung');
  const [, feld] = await fieldLinks(page);
  await page.locator('#felder-live h3').getByRole('link', { name: feld.name, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(feld.name);

  const items = page.locator('#massnahmen-live li.massnahme');
  const before = await items.count();
  const marker = unique('Beschreibung ohne Titel');

  // Bypass the browser's own check to reach the server's validation.
  await page.locator('#titel').evaluate((el) => el.removeAttribute('required'));
  await page.getByLabel('Titel', { exact: true }).fill('');
  await page.getByLabel('Beschreibung', { exact: true }).fill(marker);
  await page.getByRole('radio', { name: /^kurzfristig/ }).check();
  await page.getByRole('button', { name: 'Maßnahme hinzufügen' }).click();

  const titel = page.locator('#titel');
  await expect(titel).toHaveAttribute('aria-invalid', 'true');
  await expect(titel).toHaveAttribute('aria-describedby', 'titel-err');
  await expect(page.locator('#titel-err')).toHaveText('Bitte füllen Sie dieses Feld aus.');
  // The message stands right after the field.
  expect(await titel.evaluate((el) => el.nextElementSibling?.id)).toBe('titel-err');
  await expect(page.locator('.error-summary')).toContainText('Bitte prüfen Sie Ihre Eingaben');
  // What was typed is kept.
  await expect(page.getByLabel('Beschreibung', { exact: true })).toHaveValue(marker);
  await expect(items).toHaveCount(before);
  await checkA11y(page, 'Arbeitsgruppe with errors');

  // Nothing was stored either. (Open the group afresh: after the boosted POST the
  // address bar shows the POST-only …/massnahmen URL.)
  await page.goto(feld.href);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(feld.name);
  await expect(items).toHaveCount(before);
  await expect(page.getByText(marker)).toHaveCount(0);
});

test('the edit form of a Maßnahme', async ({ page }) => {
  await join(page, unique('Dieter D.'), 'Politik / Rat');
  const [feld] = await fieldLinks(page);
  await page.locator('#felder-live h3').getByRole('link', { name: feld.name, exact: true }).click();
  const first = page.locator('#massnahmen-live li.massnahme').first();
  const title = (await first.getByRole('heading').first().innerText()).trim();
  await first.getByRole('link', { name: /^Bearbeiten/ }).click();
  await expect(page).toHaveURL(/\/massnahmen\/[^/]+\/bearbeiten$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Maßnahme bearbeiten');
  await expect(page.getByLabel('Titel', { exact: true })).toHaveValue(title);
  await checkA11y(page, 'edit form');
});
