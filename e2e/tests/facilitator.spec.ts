import { test, expect } from '@playwright/test';
import { ADMIN_EMAIL, ADMIN_PASSWORD, JOIN_CODE, WERKSTATT_ID, checkA11y } from './helpers';

test('the facilitator logs in, opens the demo Werkstatt and the Kommunen', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('banner').getByRole('link', { name: 'Anmelden' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Anmelden');
  await checkA11y(page, 'login');

  await page.getByLabel('E-Mail-Adresse').fill(ADMIN_EMAIL());
  await page.getByLabel('Passwort').fill(ADMIN_PASSWORD());
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await expect(page).toHaveURL(/\/werkstaetten$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ihre Werkstätten');
  await checkA11y(page, 'Werkstätten');

  await page.locator(`table a[href="/w/${WERKSTATT_ID()}"]`).click();
  await expect(page).toHaveURL(new RegExp(`/w/${WERKSTATT_ID()}$`));
  await expect(page.locator('strong.code')).toHaveText(JOIN_CODE());
  const controls = page.locator('.phase-controls');
  await expect(controls.getByRole('button', { name: 'Weiter zu: Priorisierung' })).toBeVisible();
  await expect(controls.getByRole('button', { name: 'Zurück zu: Feldwahl' })).toBeVisible();
  await checkA11y(page, 'overview (facilitator)');

  await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Kommunen' }).click();
  await expect(page).toHaveURL(/\/kommunen$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kommunen');
  await expect(page.locator('table tbody tr')).not.toHaveCount(0);
  await checkA11y(page, 'Kommunen');
});
