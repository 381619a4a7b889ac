import { test, expect } from '@playwright/test';
import { JOIN_CODE } from './helpers';

test('keyboard: the skip link comes first and the join code can be entered', async ({ page }) => {
  await page.goto('/');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Zum Inhalt springen' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await expect(skip).toHaveAttribute('href', '#main');

  const code = page.getByLabel('Teilnahme-Code');
  let reached = false;
  for (let i = 0; i < 25 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await code.evaluate((el) => el === document.activeElement);
  }
  expect(reached, 'the join-code input is reachable with Tab').toBe(true);

  await page.keyboard.type(JOIN_CODE());
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/j\/[^/]+$/);
  await expect(page.getByLabel('Ihr Name oder Spitzname')).toBeVisible();
});
