import { defineConfig } from '@playwright/test';

// The server is started by run.sh, which exports WERKSTATT_URL and the demo's data.
export default defineConfig({
  testDir: './tests',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 30_000,
  reporter: 'list',
  forbidOnly: !!process.env.CI,
  use: {
    baseURL: process.env.WERKSTATT_URL ?? 'http://127.0.0.1:18080',
    locale: 'de-DE',
    headless: true,
    trace: 'off',
    launchOptions: {
      // Debian's chromium; Playwright never downloads a browser here.
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [{ name: 'chromium' }],
});
