import net from 'node:net';
import { test, expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { ADMIN_EMAIL, ADMIN_PASSWORD, WERKSTATT_ID, checkA11y, eventStreamOpened, fieldLinks, join, unique } from './helpers';

// The Priorisierung end to end: the facilitator opens a round of every method, two
// participants vote through the forms, the facilitator enters a paper ballot, closes the
// rounds and decides the ranking. Also the moderation console (timer, lock), the projector
// and the live stream's reconnect. Every page visited passes axe.

const W = () => WERKSTATT_ID();

async function login(page: Page) {
  await page.goto('/login');
  await page.getByLabel('E-Mail-Adresse').fill(ADMIN_EMAIL());
  await page.getByLabel('Passwort').fill(ADMIN_PASSWORD());
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await expect(page).toHaveURL(/\/werkstaetten$/);
}

/** Moves the demo Werkstatt one phase with the overview's phase buttons. */
async function phase(page: Page, button: string, now: string) {
  await page.goto(`/w/${W()}`);
  await page.locator('.phase-controls').getByRole('button', { name: button }).click();
  await expect(page.locator('#phase-h')).toContainText(now);
}

async function currentPhase(page: Page): Promise<string> {
  const r = await page.request.get(`/api/v1/werkstaetten/${W()}`);
  expect(r.ok()).toBeTruthy();
  return (await r.json()).phase as string;
}

/** A marker on the window: survives live updates, not a page load. */
const markNoReload = (p: Page) => p.evaluate(() => ((window as any).__noReload = true));
const noReload = (p: Page) => p.evaluate(() => (window as any).__noReload === true);

/**
 * A TCP proxy to the server whose connections can be cut: a real network outage for the
 * browser context that uses it (Chromium's offline emulation alone keeps an open event
 * stream alive and only fails new requests).
 */
async function outageProxy() {
  const target = new URL(process.env.WERKSTATT_URL ?? 'http://127.0.0.1:18080');
  const sockets = new Set<net.Socket>();
  let down = false;
  const server = net.createServer((c) => {
    if (down) {
      c.destroy();
      return;
    }
    const u = net.connect(Number(target.port), target.hostname);
    sockets.add(c);
    sockets.add(u);
    c.pipe(u);
    u.pipe(c);
    const end = () => {
      c.destroy();
      u.destroy();
      sockets.delete(c);
      sockets.delete(u);
    };
    for (const s of [c, u]) {
      s.on('error', end);
      s.on('close', end);
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    cut() {
      down = true;
      for (const s of sockets) s.destroy();
      sockets.clear();
    },
    restore() {
      down = false;
    },
    async close() {
      this.cut();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/** Participant A on a group page, participant B adds a Maßnahme while A is offline. */
async function offlineScenario(browser: Browser, cutConnections: boolean) {
  const px = await outageProxy();
  const ctxA = await browser.newContext({ baseURL: px.url });
  const ctxB = await browser.newContext();
  try {
    const a = await ctxA.newPage();
    const b = await ctxB.newPage();
    await join(a, unique('Olga Offline'), 'Verwaltung');
    await join(b, unique('Otto Online'), 'Bürgerschaft');
    const [feld] = await fieldLinks(a);
    const feldId = feld.href.split('/').pop()!;

    const stream = eventStreamOpened(a);
    await a.goto(feld.href);
    await stream;
    await expect(a.getByRole('heading', { level: 1 })).toHaveText(feld.name);
    await checkA11y(a, 'Arbeitsgruppe (before going offline)');
    await markNoReload(a);

    await ctxA.setOffline(true);
    if (cutConnections) px.cut();
    const title = unique('Nachgereichte Maßnahme');
    const created = await ctxB.request.post(`/api/v1/werkstaetten/${W()}/massnahmen`, {
      data: { feld_id: feldId, titel: title, umsetzung: 'mittelfristig' },
    });
    expect(created.status(), await created.text()).toBe(201);
    await a.waitForTimeout(3000);
    await expect(a.locator('#massnahmen-live').getByRole('heading', { name: title })).toHaveCount(0);

    if (cutConnections) px.restore();
    await ctxA.setOffline(false);
    const t0 = Date.now();
    await expect(a.locator('#massnahmen-live').getByRole('heading', { name: title })).toBeVisible({ timeout: 10_000 });
    console.log(`caught up ${Date.now() - t0} ms after going online`);
    expect(await noReload(a), 'no full reload').toBe(true);
    await checkA11y(a, 'Arbeitsgruppe (after reconnect)');
  } finally {
    await ctxA.close();
    await ctxB.close();
    await px.close();
  }
}

test('after a network outage the event stream reconnects and the group page shows what was missed', async ({ browser }) => {
  await offlineScenario(browser, true);
});

test('offline while the event stream stays open: the missed refresh is retried', async ({ browser }) => {
  // Chromium's offline mode keeps the open event stream: the "massnahme" event arrives, the
  // refresh fetch fails (ERR_INTERNET_DISCONNECTED); live.js retries it after a delay and on
  // the "online" event.
  await offlineScenario(browser, false);
});

test('console: the timer appears live for participants, editing is locked and unlocked; projector views', async ({ browser }) => {
  const ctxM = await browser.newContext();
  const ctxP = await browser.newContext();
  try {
    const m = await ctxM.newPage();
    const p = await ctxP.newPage();
    await login(m);
    const stream = eventStreamOpened(p);
    await join(p, unique('Tina Timer'), 'Verwaltung');
    await stream;
    await markNoReload(p);
    await expect(p.locator('#timer-live .timer')).toHaveCount(0);

    await m.goto(`/w/${W()}/moderation`);
    await expect(m.getByRole('heading', { level: 1 })).toHaveText('Moderation');
    await checkA11y(m, 'moderation console');

    // Timer: title and minutes; the participant's page shows it within a second.
    const titel = unique('Kaffeepause');
    const timerCard = m.locator('section', { has: m.getByRole('heading', { name: 'Zeit', exact: true }) });
    await timerCard.getByLabel('Wofür läuft die Zeit?').fill(titel);
    await timerCard.getByLabel('Minuten').fill('7');
    const started = m.waitForResponse(
      (r) => r.request().method() === 'POST' && r.url().endsWith(`/w/${W()}/moderation/timer`),
    );
    await timerCard.getByRole('button', { name: 'Zeit starten' }).click();
    expect((await started).status()).toBeLessThan(400);
    const t0 = Date.now();
    await expect(p.locator('#timer-live .timer-titel')).toHaveText(`${titel}:`, { timeout: 1000 });
    console.log(`timer on the participant's page after ${Date.now() - t0} ms`);
    await expect(p.locator('#timer-live .timer-rest')).toHaveText(/^0[67]:\d\d$/);
    expect(await noReload(p)).toBe(true);
    await expect(m.locator('#timer-live .timer-titel')).toHaveText(`${titel}:`);
    await checkA11y(m, 'moderation console with a running timer');
    await checkA11y(p, 'participant overview with the timer');

    // An invalid duration is refused at the field.
    await timerCard.getByLabel('Minuten').fill('abc');
    await timerCard.getByRole('button', { name: 'Zeit starten' }).click();
    await expect(m.locator('#minuten')).toHaveAttribute('aria-invalid', 'true');
    await checkA11y(m, 'moderation console with a timer error');

    // Lock editing: a participant can no longer add a Maßnahme; unlock: they can again.
    const [feld] = await fieldLinks(p);
    const feldId = feld.href.split('/').pop()!;
    await m.goto(`/w/${W()}/moderation`);
    const phaseCard = m.locator('#mod-phase-live');
    await phaseCard.getByRole('button', { name: 'Bearbeiten anhalten' }).click();
    await expect(phaseCard).toContainText('Das Bearbeiten ist für Teilnehmende angehalten.');
    await expect(phaseCard.getByRole('button', { name: 'Bearbeiten freigeben' })).toBeVisible();
    await checkA11y(m, 'moderation console, editing locked');
    const locked = await ctxP.request.post(`/api/v1/werkstaetten/${W()}/massnahmen`, {
      data: { feld_id: feldId, titel: unique('Gesperrte Idee'), umsetzung: 'kurzfristig' },
    });
    expect(locked.status()).toBe(409);
    expect((await locked.json()).error).toBe('err-gesperrt');

    await phaseCard.getByRole('button', { name: 'Bearbeiten freigeben' }).click();
    await expect(phaseCard).toContainText('Teilnehmende können in dieser Phase bearbeiten.');
    await expect(phaseCard.getByRole('button', { name: 'Bearbeiten anhalten' })).toBeVisible();
    const open = await ctxP.request.post(`/api/v1/werkstaetten/${W()}/massnahmen`, {
      data: { feld_id: feldId, titel: unique('Freigegebene Idee'), umsetzung: 'kurzfristig' },
    });
    expect(open.status(), await open.text()).toBe(201);

    // The projector: QR code, code and timer; then the Info-Stationen.
    await m.getByRole('link', { name: 'Ansicht für den Projektor' }).click();
    await expect(m).toHaveURL(new RegExp(`/w/${W()}/projektor$`));
    await expect(m.locator('.pj-join .qr-box svg')).toBeVisible();
    await expect(m.locator('#timer-live .timer-titel')).toHaveText(`${titel}:`);
    await checkA11y(m, 'projector');
    await m.goto(`/w/${W()}/projektor?modus=stationen`);
    await expect(m.locator('.pj-join .qr-box svg')).toBeVisible();
    await expect(m.locator('[data-station]:visible')).toHaveCount(1);
    await checkA11y(m, 'projector, Info-Stationen');

    // Stop the timer again for the other tests.
    await m.goto(`/w/${W()}/moderation`);
    await timerCard.getByRole('button', { name: 'Beenden' }).click();
    await expect(p.locator('#timer-live .timer')).toHaveCount(0);
  } finally {
    await ctxM.close();
    await ctxP.close();
  }
});

type Methode = 'punkte' | 'matrix' | 'nutzwert' | 'paarvergleich' | 'rangfolge';
const METHODEN: { slug: Methode; label: string }[] = [
  { slug: 'punkte', label: 'Punktabfrage' },
  { slug: 'matrix', label: 'Nutzen-Aufwand-Matrix' },
  { slug: 'nutzwert', label: 'Nutzwertanalyse' },
  { slug: 'paarvergleich', label: 'Paarvergleich' },
  { slug: 'rangfolge', label: 'Rangfolge (Borda und Schulze)' },
];

test.describe.serial('Priorisierung', () => {
  let ctxM: BrowserContext, ctx1: BrowserContext, ctx2: BrowserContext;
  let m: Page, p1: Page, p2: Page;
  const runden = new Map<Methode, { id: string; titel: string }>();
  /** The titles of the first three Maßnahmen on the dot-vote ballot. */
  let top: string[] = [];

  const zettel = (p: Page) => p.locator('section[aria-labelledby="zettel-h"]');
  const rows = (p: Page) => zettel(p).locator('tbody tr');
  const roundUrl = (s: Methode) => `/w/${W()}/runden/${runden.get(s)!.id}`;

  test.beforeAll(async ({ browser }: { browser: Browser }) => {
    ctxM = await browser.newContext();
    ctx1 = await browser.newContext();
    ctx2 = await browser.newContext();
    m = await ctxM.newPage();
    p1 = await ctx1.newPage();
    p2 = await ctx2.newPage();
    await login(m);
    await join(p1, unique('Paula Eins'), 'Verwaltung');
    await join(p2, unique('Peter Zwei'), 'Wirtschaft');
  });

  test.afterAll(async () => {
    // Leave the demo Werkstatt in the Gruppenarbeit for the other tests.
    if (m && (await currentPhase(m)) === 'priorisierung') {
      await phase(m, 'Zurück zu: Gruppenarbeit', 'Gruppenarbeit');
    }
    await ctxM?.close();
    await ctx1?.close();
    await ctx2?.close();
  });

  test('participants cannot vote before the Priorisierung; the facilitator moves the phase', async () => {
    expect(await currentPhase(m)).toBe('gruppenarbeit');
    await p1.goto(`/w/${W()}/priorisierung`);
    await expect(p1.getByRole('heading', { level: 1 })).toHaveText('Priorisierung der Maßnahmen');
    await expect(p1.getByRole('heading', { name: 'Neue Abstimmungsrunde öffnen' })).toHaveCount(0);
    await checkA11y(p1, 'Priorisierung (participant, no rounds yet)');

    await phase(m, 'Weiter zu: Priorisierung', 'Priorisierung');
    await expect(m.locator('ol.phases li[aria-current="step"]')).toHaveText('Priorisierung');
    await checkA11y(m, 'overview in the Priorisierung (facilitator)');
  });

  test('the facilitator opens a round of each method through the form', async () => {
    await m.goto(`/w/${W()}/priorisierung`);
    await expect(m.getByRole('heading', { level: 1 })).toHaveText('Priorisierung der Maßnahmen');
    await checkA11y(m, 'Priorisierung (facilitator)');

    // A broken criteria list is refused at the field.
    await m.getByRole('radio', { name: 'Nutzwertanalyse' }).check();
    await m.getByLabel('Kriterien der Nutzwertanalyse').fill('Wirkung 40\nKosten 50');
    await m.getByRole('button', { name: 'Runde öffnen' }).click();
    await expect(m.locator('#kriterien')).toHaveAttribute('aria-invalid', 'true');
    // The error is part of the field's description, next to the hint.
    const fehler = (await m.locator('#kriterien-err').innerText()).trim();
    expect(fehler.length).toBeGreaterThan(0);
    await expect(m.locator('#kriterien')).toHaveAccessibleDescription(new RegExp(fehler.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    await expect(m.locator('.error-summary')).toBeVisible();
    await checkA11y(m, 'Priorisierung with a form error');

    for (const { slug, label } of METHODEN) {
      await m.goto(`/w/${W()}/priorisierung`);
      const titel = unique(label);
      await m.getByRole('radio', { name: label, exact: true }).check();
      await m.getByLabel('Titel (freiwillig)').fill(titel);
      await m.getByLabel('Punkte pro Person (Punktabfrage, freiwillig)').fill(slug === 'punkte' ? '5' : '');
      await m.getByLabel('Höchstens Punkte pro Maßnahme (freiwillig)').fill(slug === 'punkte' ? '3' : '');
      await m.getByLabel('Kriterien der Nutzwertanalyse').fill('');
      await expect(m.getByLabel('Ergebnisse erst nach dem Schließen zeigen')).toBeChecked();
      await m.getByRole('button', { name: 'Runde öffnen' }).click();
      await expect(m).toHaveURL(new RegExp(`/w/${W()}/runden/[^/]+$`));
      await expect(m.getByRole('heading', { level: 1 })).toHaveText(titel);
      await expect(m.getByRole('button', { name: 'Runde schließen' })).toBeVisible();
      const id = new URL(m.url()).pathname.split('/').pop()!;
      runden.set(slug, { id, titel });
      await checkA11y(m, `new round: ${label} (facilitator)`);
    }

    await m.goto(`/w/${W()}/priorisierung`);
    const liste = m.locator('#runden-live');
    for (const { titel } of runden.values()) {
      await expect(liste.getByRole('link', { name: titel })).toBeVisible();
    }
  });

  /** Opens the round on the facilitator's page and checks the live count after both votes. */
  async function withLiveCount(slug: Methode, vote: () => Promise<void>) {
    await m.goto(roundUrl(slug));
    await expect(m.locator('#stand-live')).toContainText(/^\s*0 von \d+ haben abgestimmt\./);
    await markNoReload(m);
    await vote();
    const stand = await (await m.request.get(`/api/v1/werkstaetten/${W()}/runden/${runden.get(slug)!.id}`)).json();
    expect(stand.abgegeben).toBe(2);
    await expect(m.locator('#stand-live strong')).toHaveText(`2 von ${stand.teilnehmende} haben abgestimmt.`, {
      timeout: 5000,
    });
    expect(await noReload(m), 'the facilitator\'s page was not reloaded').toBe(true);
    // The facilitator sees the interim result; the participants do not.
    await expect(m.locator('#ergebnis-live table')).toBeVisible();
    for (const p of [p1, p2]) {
      await expect(p.locator('#ergebnis-live table')).toHaveCount(0);
      await expect(p.locator('#ergebnis-live')).toContainText('Das Ergebnis wird gezeigt, sobald die Runde geschlossen ist.');
    }
  }

  async function openAsParticipant(p: Page, slug: Methode, axe: boolean) {
    await p.goto(`/w/${W()}/priorisierung`);
    await p.locator('#runden-live').getByRole('link', { name: runden.get(slug)!.titel }).click();
    await expect(p).toHaveURL(new RegExp(`${roundUrl(slug)}$`));
    await expect(zettel(p).getByRole('heading', { name: 'Ihre Stimme' })).toBeVisible();
    await expect(p.locator('#ergebnis-live table')).toHaveCount(0);
    if (axe) await checkA11y(p, `ballot: ${slug}`);
  }

  /** Submits the ballot and waits until the answer replaced the page (boosted by htmx). */
  async function submit(p: Page, button = 'Stimme abgeben') {
    await zettel(p).evaluate((el) => el.setAttribute('data-vorher', ''));
    await zettel(p).getByRole('button', { name: button }).click();
    await expect(p.locator('[data-vorher]')).toHaveCount(0);
  }

  test('dot vote: within the budget, an over-budget ballot is refused', async () => {
    await withLiveCount('punkte', async () => {
      await openAsParticipant(p1, 'punkte', true);
      await expect(zettel(p1).locator('caption')).toHaveText('Sie haben 5 Punkte.');
      top = await rows(p1).locator('th label').evaluateAll((ls) =>
        ls.slice(0, 3).map((l) => (l.textContent ?? '').replace(/^\d+\.\s*/, '').trim()),
      );
      // 3 + 3 dots are over the budget of 5.
      await rows(p1).nth(0).locator('select').selectOption('3');
      await rows(p1).nth(1).locator('select').selectOption('3');
      await submit(p1);
      await expect(zettel(p1).locator('.field-error[role="alert"]')).toBeVisible();
      await checkA11y(p1, 'dot vote over the budget');
      await rows(p1).nth(0).locator('select').selectOption('3');
      await rows(p1).nth(1).locator('select').selectOption('2');
      await submit(p1);
      await expect(zettel(p1).locator('.field-error')).toHaveCount(0);
      await expect(rows(p1).nth(0).locator('select')).toHaveValue('3');
      await expect(rows(p1).nth(1).locator('select')).toHaveValue('2');

      await openAsParticipant(p2, 'punkte', false);
      await rows(p2).nth(0).locator('select').selectOption('2');
      await rows(p2).nth(2).locator('select').selectOption('3');
      await submit(p2);
      await expect(rows(p2).nth(2).locator('select')).toHaveValue('3');
    });
  });

  test('dot vote: the facilitator enters a paper ballot', async () => {
    await m.goto(roundUrl('punkte'));
    await m.getByRole('link', { name: 'Stimmen von Papier erfassen' }).click();
    await expect(m).toHaveURL(new RegExp(`${roundUrl('punkte')}/papier$`));
    await expect(m.getByRole('heading', { level: 1 })).toContainText('Papierstimme erfassen');
    await checkA11y(m, 'paper ballot form');
    await rows(m).nth(0).locator('select').selectOption('1');
    await rows(m).nth(1).locator('select').selectOption('3');
    await submit(m, 'Papierstimme speichern');
    await expect(m.locator('#stand-live')).toContainText('2 von');
    await expect(m.locator('#stand-live')).toContainText('Papierstimmen dazu: 1.');
    // The paper form is empty again for the next ballot.
    await expect(rows(m).nth(0).locator('select')).toHaveValue('0');
    const stand = await (await m.request.get(`/api/v1/werkstaetten/${W()}/runden/${runden.get('punkte')!.id}`)).json();
    expect(stand.abgegeben).toBe(2);
    expect(stand.ergebnis.rang.slice(0, 3).map((g: string[]) => g.length)).toEqual([1, 1, 1]);
  });

  test('matrix: scores for two Maßnahmen', async () => {
    await withLiveCount('matrix', async () => {
      for (const [p, werte] of [
        [p1, [['5', '1'], ['2', '4']]],
        [p2, [['4', '2'], ['3', '5']]],
      ] as const) {
        await openAsParticipant(p, 'matrix', p === p1);
        for (const [i, [n, a]] of werte.entries()) {
          const [nutzen, aufwand] = [rows(p).nth(i).locator('select').nth(0), rows(p).nth(i).locator('select').nth(1)];
          await expect(nutzen).toHaveAccessibleName(/^Nutzen \(1–5\): \S/);
          await expect(aufwand).toHaveAccessibleName(/^Aufwand \(1–5\): \S/);
          await nutzen.selectOption(n);
          await aufwand.selectOption(a);
        }
        await submit(p);
        await expect(rows(p).nth(1).locator('select').nth(1)).toHaveValue(werte[1][1]);
      }
    });
  });

  test('nutzwert: scores per criterion', async () => {
    await withLiveCount('nutzwert', async () => {
      for (const [p, werte] of [
        [p1, [['8', '8', '8', '8'], ['4', '4', '4', '4']]],
        [p2, [['9', '7', '6', '5'], ['3', '2', '6', '10']]],
      ] as const) {
        await openAsParticipant(p, 'nutzwert', p === p1);
        await expect(zettel(p).locator('thead th')).toHaveText([
          'Titel', 'Wirkung (40 %)', 'Kosten (20 %)', 'Akzeptanz (20 %)', 'Personalbedarf (20 %)',
        ]);
        for (const [i, scores] of werte.entries()) {
          for (const [k, v] of scores.entries()) {
            await rows(p).nth(i).locator('select').nth(k).selectOption(v);
          }
        }
        await submit(p);
        await expect(rows(p).nth(1).locator('select').nth(3)).toHaveValue(werte[1][3]);
      }
    });
  });

  test('pairwise comparison: the shown pairs are answered', async () => {
    await withLiveCount('paarvergleich', async () => {
      for (const [p, wahl] of [
        [p1, 'a'],
        [p2, 'b'],
      ] as const) {
        await openAsParticipant(p, 'paarvergleich', p === p1);
        const paare = zettel(p).locator('fieldset.paar');
        const n = await paare.count();
        expect(n).toBeGreaterThan(0);
        const gezeigt: string[] = [];
        for (let i = 0; i < n; i++) {
          const radio = paare.nth(i).locator(`input[type="radio"][value="${wahl}"]`);
          gezeigt.push((await radio.getAttribute('name'))!);
          await radio.check();
        }
        await submit(p);
        // New pairs are shown, none of those just answered.
        await expect(zettel(p).getByRole('heading', { name: 'Ihre Stimme' })).toBeVisible();
        const neu = await zettel(p).locator('fieldset.paar input[value="a"]').evaluateAll((xs) =>
          xs.map((x) => x.getAttribute('name')),
        );
        for (const name of gezeigt) expect(neu).not.toContain(name);
        const mein = await (await p.request.get(`/api/v1/werkstaetten/${W()}/runden/${runden.get('paarvergleich')!.id}`)).json();
        expect(mein.mein).toHaveLength(n);
      }
    });
  });

  test('ranking: places 1, 2, 3', async () => {
    await withLiveCount('rangfolge', async () => {
      for (const [p, plaetze] of [
        [p1, ['1', '2', '3']],
        [p2, ['2', '1', '3']],
      ] as const) {
        await openAsParticipant(p, 'rangfolge', p === p1);
        for (const [i, platz] of plaetze.entries()) {
          await rows(p).nth(i).locator('input').fill(platz);
        }
        await submit(p);
        await expect(rows(p).nth(1).locator('input')).toHaveValue(plaetze[1]);
      }
    });
  });

  test('the projector shows the rounds during the Priorisierung', async () => {
    await m.goto(`/w/${W()}/projektor`);
    await expect(m.locator('.pj-join .qr-box svg')).toBeVisible();
    await expect(m.locator('#pj-inhalt-h')).toHaveText('Abstimmungsrunden');
    for (const { titel } of runden.values()) {
      // Open rounds with hidden results: the progress, but no ranking for the room yet.
      const karte = m.locator('#pj-inhalt-live .pj-feld', { has: m.getByRole('heading', { name: titel }) });
      await expect(karte).toContainText(/2 von \d+ haben abgestimmt\./);
      await expect(karte.locator('ol')).toHaveCount(0);
    }
    await checkA11y(m, 'projector during the Priorisierung');
  });

  test('closing each round shows a chart and the table to everyone', async () => {
    for (const { slug, label } of METHODEN) {
      await m.goto(roundUrl(slug));
      await p1.goto(roundUrl(slug));
      await markNoReload(p1);
      await m.getByRole('button', { name: 'Runde schließen' }).click();
      await expect(m.getByRole('button', { name: 'Runde wieder öffnen' })).toBeVisible();
      await expect(m.locator('main > p').nth(1)).toContainText('geschlossen');
      const erg = m.locator('#ergebnis-live');
      await expect(erg.locator('.chart svg')).toBeVisible();
      await expect(erg.getByRole('table', { name: 'Ergebnis als Tabelle' })).toBeVisible();
      expect(await erg.locator('tbody tr').count()).toBeGreaterThanOrEqual(2);
      await checkA11y(m, `closed round: ${label} (facilitator)`);

      // The participant's open page shows the result without a reload.
      await expect(p1.locator('#ergebnis-live table')).toBeVisible({ timeout: 5000 });
      await expect(p1.locator('#ergebnis-live .chart svg')).toBeVisible();
      expect(await noReload(p1)).toBe(true);
      await p1.reload();
      await expect(zettel(p1)).toHaveCount(0);
      await checkA11y(p1, `closed round: ${label} (participant)`);
    }

    // The dot vote: 3+2+1 = 6, 2+3 = 5, 3 dots on the first three Maßnahmen.
    await m.goto(roundUrl('punkte'));
    const erg = m.locator('#ergebnis-live tbody tr');
    await expect(erg.nth(0)).toContainText(top[0]);
    await expect(erg.nth(0)).toContainText('6 Punkte');
    await expect(erg.nth(1)).toContainText(top[1]);
    await expect(erg.nth(1)).toContainText('5 Punkte');
    await expect(erg.nth(2)).toContainText(top[2]);
    await expect(erg.nth(2)).toContainText('3 Punkte');

    // A closed round takes no more ballots.
    const spaet = await ctx1.request.put(`/api/v1/werkstaetten/${W()}/runden/${runden.get('punkte')!.id}/stimmzettel`, {
      data: { inhalt: {} },
    });
    expect(spaet.status()).toBe(409);
  });

  test('the facilitator decides the ranking; the top 3 are planned in depth', async () => {
    await m.goto(`/w/${W()}/priorisierung`);
    await checkA11y(m, 'Priorisierung with closed rounds (facilitator)');
    const form = m.locator('section[aria-labelledby="ent-h"]');
    // A broken override line is refused at the field, its error read with the hint.
    await form.getByLabel('Welche Runde entscheidet?').selectOption({ label: runden.get('punkte')!.titel });
    await form.getByLabel('Korrekturen (freiwillig)').fill('erster nach oben');
    await form.getByRole('button', { name: 'Rangfolge festlegen' }).click();
    await expect(m.locator('#korrekturen')).toHaveAttribute('aria-invalid', 'true');
    const fehler = (await m.locator('#korrekturen-err').innerText()).trim();
    expect(fehler.length).toBeGreaterThan(0);
    await expect(m.locator('#korrekturen')).toHaveAccessibleDescription(new RegExp(fehler.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    await checkA11y(m, 'ranking decision with a form error');

    await form.getByLabel('Welche Runde entscheidet?').selectOption({ label: runden.get('punkte')!.titel });
    await form.getByLabel('Korrekturen (freiwillig)').fill('');
    await form.getByLabel('Wie viele Maßnahmen werden vertieft geplant?').fill('3');
    await form.getByRole('button', { name: 'Rangfolge festlegen' }).click();
    await expect(m).toHaveURL(new RegExp(`/w/${W()}/priorisierung$`));
    const end = m.locator('#endstand-live');
    await expect(end.getByRole('heading', { name: 'Festgelegte Rangfolge' })).toBeVisible();
    const items = end.locator('ol > li');
    for (let i = 0; i < 3; i++) {
      await expect(items.nth(i)).toContainText(top[i]);
      await expect(items.nth(i)).toContainText('wird vertieft geplant');
    }
    await expect(items.nth(3)).not.toContainText('wird vertieft geplant');
    await checkA11y(m, 'Priorisierung with the decided ranking (facilitator)');

    await p2.goto(`/w/${W()}/priorisierung`);
    await expect(p2.locator('#endstand-live ol > li').first()).toContainText(top[0]);
    await expect(p2.locator('#endstand-live .badge')).toHaveCount(3);
    await checkA11y(p2, 'Priorisierung with the decided ranking (participant)');
  });
});
