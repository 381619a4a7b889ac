import { test, expect } from '@playwright/test';
import { checkA11y, fieldLinks, join, unique, JOIN_CODE, WERKSTATT_ID } from './helpers';

test('joining with the code from the start page shows the overview with my name', async ({ page }) => {
  // The demo prints the code grouped like "ABCD-EFGH".
  expect(JOIN_CODE()).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
  const name = unique('Erika M.');
  await join(page, name, 'Bürgerschaft', { axe: true });

  const main = page.getByRole('main');
  await expect(main.getByText(`Sie nehmen teil als`)).toContainText(name);
  await expect(page.locator('header .who')).toHaveText(name);
  // The demo Werkstatt is in the phase Gruppenarbeit with five chosen fields.
  await expect(page.locator('#phase-h')).toHaveText(/Phase: Gruppenarbeit/);
  await expect(page.locator('ol.phases li[aria-current="step"]')).toHaveText('Gruppenarbeit');
  expect(await fieldLinks(page)).toHaveLength(5);
  await checkA11y(page, 'overview (participant)');
});

test('a participant sees the Feldwahl and the list of all Maßnahmen', async ({ page }) => {
  await join(page, unique('Jonas K.'), 'Wirtschaft');
  const nav = page.getByRole('navigation', { name: 'Hauptnavigation' });

  await nav.getByRole('link', { name: 'Feldwahl' }).click();
  await expect(page).toHaveURL(new RegExp(`/w/${WERKSTATT_ID()}/feldwahl$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Feldwahl/);
  await expect(page.locator('table.feldwahl tbody tr')).not.toHaveCount(0);
  await checkA11y(page, 'Feldwahl');

  await nav.getByRole('link', { name: 'Maßnahmen' }).click();
  await expect(page).toHaveURL(new RegExp(`/w/${WERKSTATT_ID()}/massnahmen$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Alle Maßnahmen');
  await expect(page.locator('#alle-live h2')).toHaveCount(5);
  await checkA11y(page, 'Maßnahmen list');
});
