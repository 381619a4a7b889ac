import { expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

function env(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: start the tests with ./run.sh`);
  return v;
}

export const WERKSTATT_ID = () => env('WERKSTATT_ID');
export const JOIN_CODE = () => env('JOIN_CODE');
export const ADMIN_EMAIL = () => env('ADMIN_EMAIL');
export const ADMIN_PASSWORD = () => env('ADMIN_PASSWORD');

/** A name or title no other test run has used. */
export function unique(prefix: string): string {
  return `${prefix} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/**
 * Checks the page with axe (WCAG 2.0/2.1 A and AA) and fails on any serious or critical
 * violation, printing every violation for diagnosis.
 */
export async function checkA11y(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  // Guards against axe silently not running on the page.
  expect(results.passes.length, `axe ran its rules on ${label}`).toBeGreaterThan(0);
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (results.violations.length > 0) {
    const lines = results.violations.map(
      (v) =>
        `[${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n` +
        v.nodes
          .map((n) => `    ${n.target.join(' ')}\n      ${n.failureSummary?.replace(/\n/g, '\n      ')}`)
          .join('\n'),
    );
    console.log(`axe on ${label} (${page.url()}):\n${lines.join('\n')}`);
  }
  expect(bad.map((v) => `${v.id} (${v.nodes.length}×)`), `serious/critical axe violations on ${label}`).toEqual([]);
}

/** Joins the demo Werkstatt from the start page; ends on the overview. */
export async function join(page: Page, name: string, sektor = 'Verwaltung', opts: { axe?: boolean } = {}) {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  if (opts.axe) await checkA11y(page, 'start page');
  await page.getByLabel('Teilnahme-Code').fill(JOIN_CODE());
  await page.getByRole('button', { name: 'Weiter' }).click();
  await expect(page).toHaveURL(/\/j\/[^/]+$/);
  await expect(page.getByLabel('Ihr Name oder Spitzname')).toBeVisible();
  if (opts.axe) await checkA11y(page, 'join form');
  await page.getByLabel('Ihr Name oder Spitzname').fill(name);
  await page.getByLabel('Bereich').selectOption({ label: sektor });
  await page.getByRole('button', { name: 'Teilnehmen' }).click();
  await expect(page).toHaveURL(new RegExp(`/w/${WERKSTATT_ID()}$`));
}

/** Links to the chosen fields on the overview: their names and paths. */
export async function fieldLinks(page: Page): Promise<{ name: string; href: string }[]> {
  const links = page.locator('#felder-live h3 a');
  await expect(links.first()).toBeVisible();
  return links.evaluateAll((as) =>
    as.map((a) => ({ name: (a.textContent ?? '').trim(), href: a.getAttribute('href') ?? '' })),
  );
}

/** Waits until the page's live script has its event stream open. */
export function eventStreamOpened(page: Page) {
  return page.waitForResponse((r) => /\/w\/[^/]+\/events$/.test(r.url()) && r.status() === 200);
}
