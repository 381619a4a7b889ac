import { test, expect } from '@playwright/test';
import { checkA11y, eventStreamOpened, fieldLinks, join, unique } from './helpers';

test('a new Maßnahme appears on the other participant\'s page within 1 s without reload', async ({ browser }) => {
  const ctxA = await browser.newContext();
  const ctxB = await browser.newContext();
  try {
    const a = await ctxA.newPage();
    const b = await ctxB.newPage();
    await join(a, unique('Anna A.'), 'Verwaltung');
    const streamB = eventStreamOpened(b);
    await join(b, unique('Bernd B.'), 'Vereine / Ehrenamt');
    await streamB;

    // Both open the same Arbeitsgruppe through the overview's field links.
    const [feld] = await fieldLinks(a);
    for (const p of [a, b]) {
      await p.locator('#felder-live h3').getByRole('link', { name: feld.name, exact: true }).click();
      await expect(p).toHaveURL(new RegExp(`${feld.href}$`));
      await expect(p.getByRole('heading', { level: 1 })).toHaveText(feld.name);
    }
    await checkA11y(a, 'Arbeitsgruppe');

    // Mark B's document: a reload would lose the mark.
    await b.evaluate(() => ((window as any).__noReload = true));

    const title = unique('Offenes WLAN im Rathaus');
    await a.getByLabel('Titel', { exact: true }).fill(title);
    await a.getByRole('radio', { name: /^kurzfristig/ }).check();
    const created = a.waitForResponse(
      (r) => r.request().method() === 'POST' && r.url().endsWith(`${feld.href}/massnahmen`),
    );
    await a.getByRole('button', { name: 'Maßnahme hinzufügen' }).click();
    const resp = await created;
    expect(resp.status()).toBeLessThan(400);

    // Measured from the completed submit: B shows it within one second.
    const t0 = Date.now();
    await expect(b.locator('#massnahmen-live').getByRole('heading', { name: title })).toBeVisible({ timeout: 1000 });
    console.log(`live update on B after ${Date.now() - t0} ms`);
    expect(await b.evaluate(() => (window as any).__noReload)).toBe(true);

    await expect(a.locator('#massnahmen-live').getByRole('heading', { name: title })).toBeVisible();
    await expect(
      a.locator('#massnahmen-live li', { has: a.getByRole('heading', { name: title }) }),
    ).toContainText('kurzfristig');
  } finally {
    await ctxA.close();
    await ctxB.close();
  }
});
