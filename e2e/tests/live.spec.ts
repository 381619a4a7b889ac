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

test('a live update keeps what the other person is typing, the focus and the reading position', async ({ browser }) => {
  const phone = { viewport: { width: 390, height: 844 } };
  const ctxA = await browser.newContext(phone);
  const ctxB = await browser.newContext(phone);
  try {
    const a = await ctxA.newPage();
    const b = await ctxB.newPage();
    await join(a, unique('Anna L.'), 'Verwaltung');
    const streamB = eventStreamOpened(b);
    await join(b, unique('Bernd L.'), 'Vereine / Ehrenamt');
    await streamB;
    const [feld] = await fieldLinks(a);
    for (const p of [a, b]) {
      await p.locator('#felder-live h3').getByRole('link', { name: feld.name, exact: true }).click();
      await expect(p.getByRole('heading', { level: 1 })).toHaveText(feld.name);
    }
    // B's live requests: only fragments, never the whole page.
    const live: string[] = [];
    b.on('request', (r) => {
      if (r.headers()['x-werkstatt-live']) live.push(r.url());
    });
    await b.evaluate(() => ((window as any).__noReload = true));

    // B starts a new Maßnahme far down the page and has not sent it.
    const titel = b.getByLabel('Titel', { exact: true });
    await titel.scrollIntoViewIfNeeded();
    await titel.click();
    await titel.pressSequentially('Entwurf von Bernd');
    const before = (await titel.boundingBox())!.y;

    const neu = unique('Mitfahrbank mit App');
    await a.getByLabel('Titel', { exact: true }).fill(neu);
    await a.getByRole('radio', { name: /^kurzfristig/ }).check();
    await a.getByRole('button', { name: 'Maßnahme hinzufügen' }).click();

    await expect(b.locator('#massnahmen-live').getByRole('heading', { name: neu })).toBeAttached({ timeout: 2000 });
    expect(await b.evaluate(() => (window as any).__noReload)).toBe(true);
    await expect(titel).toBeFocused();
    await expect(titel).toHaveValue('Entwurf von Bernd');
    // The list above grew; the field stays where B is looking (within a few pixels).
    const after = (await titel.boundingBox())!.y;
    expect(Math.abs(after - before)).toBeLessThan(4);
    expect(live.length).toBeGreaterThan(0);
    for (const u of live) expect(u).toContain('/teile/');
    await b.screenshot({ path: test.info().outputPath('live-tippen-390.png'), fullPage: false });
  } finally {
    await ctxA.close();
    await ctxB.close();
  }
});
