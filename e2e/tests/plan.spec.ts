import { test, expect, type Page } from '@playwright/test';
import { ADMIN_EMAIL, ADMIN_PASSWORD, WERKSTATT_ID, checkA11y } from './helpers';

/** Inputs of the plan forms are named like paths (`aufgaben[0].dauer`): find them by id. */
const byId = (page: Page, id: string) => page.locator(`[id="${id}"]`);

async function login(page: Page) {
  await page.goto('/login');
  await page.getByLabel('E-Mail-Adresse').fill(ADMIN_EMAIL());
  await page.getByLabel('Passwort').fill(ADMIN_PASSWORD());
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await expect(page).toHaveURL(/\/werkstaetten$/);
}

/** Moves the demo Werkstatt one phase with the overview's phase buttons. */
async function phase(page: Page, button: string, now: string) {
  await page.goto(`/w/${WERKSTATT_ID()}`);
  await page.locator('.phase-controls').getByRole('button', { name: button }).click();
  await expect(page.locator('#phase-h')).toContainText(now);
}

async function open(page: Page, section: string) {
  const details = page.locator('details', { has: page.getByText(`Abschnitt bearbeiten: ${section}`, { exact: true }) });
  if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) {
    await page.getByText(`Abschnitt bearbeiten: ${section}`, { exact: true }).click();
  }
}

async function save(page: Page, section: string) {
  await page.getByRole('button', { name: `Speichern: ${section}` }).click();
}

test('a Maßnahme is selected for the Vertiefung, its plan filled, scheduled and drawn', async ({ page }) => {
  test.setTimeout(90_000);
  await login(page);
  await phase(page, 'Weiter zu: Priorisierung', 'Priorisierung');
  await phase(page, 'Weiter zu: Vertiefung', 'Vertiefung');
  try {
    await page.goto(`/w/${WERKSTATT_ID()}/plaene`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Projektpläne der Vertiefung');
    await checkA11y(page, 'plans of the Werkstatt');

    const first = page.locator('#auswahl-live li').first();
    const titel = (await first.getByRole('heading').innerText()).trim();
    await first.getByRole('button', { name: /^Für die Vertiefung auswählen/ }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Projektplan: ${titel}`);
    const planUrl = page.url().replace(/#.*$/, '');
    await checkA11y(page, 'empty plan');

    // 1. Ergebnis
    await open(page, 'Ergebnis');
    await page.getByLabel('Was gibt es, wenn das Projekt fertig ist?').fill('Das Angebot ist eingeführt und wird genutzt.');
    await byId(page, 'ergebnis.kriterien[0].indikator').fill('Nutzungen pro Monat');
    await byId(page, 'ergebnis.kriterien[0].zielwert').fill('300');
    await byId(page, 'ergebnis.kriterien[0].datum').fill('2027-06-30');
    await save(page, 'Ergebnis');
    await expect(page.locator('#ergebnis-live')).toContainText('Das Angebot ist eingeführt und wird genutzt.');
    await expect(page.locator('#ergebnis-live')).toContainText('Nutzungen pro Monat');

    // 2. Zielgruppen
    await open(page, 'Zielgruppen');
    await byId(page, 'zielgruppen[0].name').fill('Familien');
    await byId(page, 'zielgruppen[0].groesse').fill('ca. 800 Haushalte');
    await byId(page, 'zielgruppen[0].bedarf').fill('Anträge am Abend stellen');
    await save(page, 'Zielgruppen');
    await expect(page.locator('#zielgruppen-live')).toContainText('ca. 800 Haushalte');

    // 3. Stakeholder: the grid proposes the strategy.
    await open(page, 'Stakeholder-Analyse');
    await byId(page, 'stakeholder[0].name').fill('Bürgermeisterin');
    await byId(page, 'stakeholder[0].einfluss').selectOption('3');
    await byId(page, 'stakeholder[0].interesse').selectOption('3');
    await byId(page, 'stakeholder[0].haltung').selectOption('positiv');
    await byId(page, 'stakeholder[1].name').fill('Seniorenbeirat');
    await byId(page, 'stakeholder[1].art').selectOption('extern');
    await byId(page, 'stakeholder[1].einfluss').selectOption('1');
    await byId(page, 'stakeholder[1].interesse').selectOption('3');
    await byId(page, 'stakeholder[1].strategie').selectOption('beteiligen');
    await save(page, 'Stakeholder-Analyse');
    const sh = page.locator('#stakeholder-live');
    await expect(sh.locator('svg#raster')).toBeVisible();
    await expect(sh.getByRole('row', { name: /Bürgermeisterin/ })).toContainText('eng einbinden');
    await expect(sh.getByRole('row', { name: /Seniorenbeirat/ })).toContainText('Vorschlag aus dem Raster: konsultieren');

    // 4. Projektorganisation
    await open(page, 'Projektorganisation');
    await page.getByLabel('Auftraggeber').fill('Bürgermeisterin');
    await page.getByLabel('Projektleitung').fill('Hauptamt');
    await byId(page, 'organisation.team[0].rolle').fill('IT-Koordination');
    await save(page, 'Projektorganisation');
    await expect(page.locator('#organisation-live')).toContainText('IT-Koordination');

    // 5. Ressourcen: German amounts, totals.
    await open(page, 'Ressourcen');
    await byId(page, 'ressourcen.finanziell[0].bezeichnung').fill('Lizenzen');
    await byId(page, 'ressourcen.finanziell[0].einmalig').fill('12.500,50');
    await byId(page, 'ressourcen.finanziell[0].laufend').fill('1.200');
    await byId(page, 'ressourcen.finanziell[1].bezeichnung').fill('Tablets');
    await byId(page, 'ressourcen.finanziell[1].einmalig').fill('3000');
    await byId(page, 'ressourcen.finanziell[1].quelle').selectOption('foerdermittel');
    await byId(page, 'ressourcen.finanziell[1].programm').fill('LEADER');
    await byId(page, 'ressourcen.personal[0].rolle').fill('IT-Koordination');
    await byId(page, 'ressourcen.personal[0].umfang').fill('12,5');
    await save(page, 'Ressourcen');
    const res = page.locator('#ressourcen-live');
    await expect(res).toContainText('12.500,50 €');
    await expect(res).toContainText('15.500,50 €');

    // 6. Aufgaben: an error at the field first, then a schedule.
    await open(page, 'Aufgaben und Zeitplan');
    await byId(page, 'start').fill('2026-06-01');
    await byId(page, 'aufgaben[0].titel').fill('Konzept');
    await byId(page, 'aufgaben[0].dauer').fill('-1');
    await save(page, 'Aufgaben und Zeitplan');
    await expect(byId(page, 'aufgaben[0].dauer-err')).toHaveText('Bitte geben Sie eine Zahl von 0 bis 10000 ein.');
    await expect(byId(page, 'aufgaben[0].dauer')).toHaveAttribute('aria-invalid', 'true');
    await checkA11y(page, 'plan with an error');
    await byId(page, 'aufgaben[0].dauer').fill('5');
    await byId(page, 'aufgaben[1].titel').fill('Beschaffung');
    await byId(page, 'aufgaben[1].dauer').fill('10');
    await byId(page, 'aufgaben[1].vorgaenger').fill('A1');
    await byId(page, 'aufgaben[2].titel').fill('Schulung');
    await byId(page, 'aufgaben[2].dauer').fill('2');
    await byId(page, 'aufgaben[2].vorgaenger').fill('A1+2');
    await save(page, 'Aufgaben und Zeitplan');
    const auf = page.locator('#aufgaben-live');
    await expect(auf.locator('svg#gantt')).toBeVisible();
    await expect(auf.getByRole('row', { name: /A2 · Beschaffung/ })).toContainText('ja');
    await expect(auf.getByRole('row', { name: /A3 · Schulung/ })).toContainText('nein');
    await expect(page.locator('#plan-uebersicht-live')).toContainText('15 Arbeitstage');
    await expect(page.locator('#plan-uebersicht-live')).toContainText('A1 · Konzept → A2 · Beschaffung');

    // A cycle is refused naming the tasks.
    await open(page, 'Aufgaben und Zeitplan');
    await byId(page, 'aufgaben[0].vorgaenger').fill('A2');
    await save(page, 'Aufgaben und Zeitplan');
    await expect(page.locator('.error-summary')).toContainText('Die Abhängigkeiten bilden einen Kreis: Konzept → Beschaffung → Konzept');
    await page.goto(planUrl);
    await expect(page.locator('#plan-uebersicht-live')).toContainText('15 Arbeitstage');

    // 7. Meilensteine: one after a task, one dated too early.
    await open(page, 'Meilensteine');
    await byId(page, 'meilensteine[0].titel').fill('Auftrag vergeben');
    await byId(page, 'meilensteine[0].nach_aufgabe').selectOption('A2');
    await byId(page, 'meilensteine[1].titel').fill('Start');
    await byId(page, 'meilensteine[1].datum').fill('2026-06-03');
    await byId(page, 'meilensteine[1].abhaengig_von').fill('A3');
    await save(page, 'Meilensteine');
    await expect(page.locator('#meilensteine-live')).toContainText('Auftrag vergeben');
    await expect(page.locator('#meilensteine-live')).toContainText('Zu früh: A3 · Schulung');
    await expect(page.locator('#plan-uebersicht-live')).toContainText('liegt vor dem frühesten Ende von „Schulung“');

    // Every section open: the whole page passes axe.
    await page.locator('details').evaluateAll((ds) => ds.forEach((d) => ((d as HTMLDetailsElement).open = true)));
    await checkA11y(page, 'filled plan with every form open');

    // The calendar downloads.
    const ics = await page.request.get(`${planUrl}/kalender.ics`);
    expect(ics.headers()['content-type']).toContain('text/calendar');
    expect((await ics.text()).match(/BEGIN:VEVENT/g)?.length).toBe(5);

    await page.goto(`/w/${WERKSTATT_ID()}/plaene`);
    await expect(page.locator('#plaene-live').getByRole('link', { name: titel })).toBeVisible();
  } finally {
    // Leave the demo Werkstatt in the Gruppenarbeit for the other tests.
    await phase(page, 'Zurück zu: Priorisierung', 'Priorisierung');
    await phase(page, 'Zurück zu: Gruppenarbeit', 'Gruppenarbeit');
  }
});
