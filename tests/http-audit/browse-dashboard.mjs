// Opens the dashboard in headless Chromium and reports what every view showed:
//   node browse-dashboard.mjs <url of /dashboard/> <screenshot folder> [api key]
// The key, when given, is put in the page's session storage as a person would enter it. Prints one JSON line: each
// view's state (ready, empty, error, refused), its charts (drawn, with how many data points), the console errors, the
// requests refused for going to another host, and whether the key form is showing. One PNG per view goes to the
// folder (dashboard-VIEW.png) and the whole page as dashboard.png. Exits 1 when the page did not finish loading.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const [url, folder, apiKey] = process.argv.slice(2);
if (!url || !folder) {
  console.error('usage: node browse-dashboard.mjs <url of /dashboard/> <screenshot folder> [api key]');
  process.exit(2);
}
mkdirSync(folder, { recursive: true });
const serverHost = new URL(url).host;
const report = { finalUrl: null, ready: false, views: {}, consoleErrors: [], externalRequests: [], keyFormShown: false, keyReason: null, error: null };

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  chromiumSandbox: false,
  args: ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, deviceScaleFactor: 1 });
  await context.route('**/*', route => {
    const request = route.request();
    if (new URL(request.url()).host === serverHost) return route.continue();
    report.externalRequests.push(request.url());
    return route.abort('blockedbyclient');
  });
  if (apiKey) await context.addInitScript(key => sessionStorage.setItem('personalize.dashboard.apiKey', key), apiKey);
  const page = await context.newPage();
  page.on('console', message => { if (message.type() === 'error') report.consoleErrors.push(message.text()); });
  page.on('pageerror', error => report.consoleErrors.push(String(error.message ?? error)));

  await page.goto(url);
  report.finalUrl = page.url();
  await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 120_000 });
  report.ready = true;
  report.keyFormShown = await page.locator('#key-form').isVisible();
  report.keyReason = report.keyFormShown ? await page.locator('#key-reason').innerText() : null;
  report.views = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll('section.view')].map(section => [section.dataset.view, {
    state: section.dataset.state ?? null,
    text: section.querySelector('.body').innerText.slice(0, 300),
    charts: [...section.querySelectorAll('.chart, .spark')].map(el => {
      const chart = echarts.getInstanceByDom(el);
      const series = chart ? chart.getOption().series : [];
      const canvas = el.querySelector('canvas');
      return {
        drawn: !!chart && !!canvas && canvas.width > 0 && canvas.height > 0,
        points: series.reduce((n, s) => n + (s.data ?? []).filter(d => d != null && !(typeof d === 'object' && !Array.isArray(d) && d.value == null && !d.name)).length
          + (s.links ?? []).length, 0),
      };
    }),
  }])));
  for (const view of Object.keys(report.views)) {
    await page.locator(`section[data-view="${view}"]`).screenshot({ path: join(folder, `dashboard-${view}.png`) });
  }
  await page.screenshot({ path: join(folder, 'dashboard.png'), fullPage: true });
} catch (e) {
  report.error = String(e.message ?? e).split('\n')[0];
} finally {
  await browser.close();
}

console.log(JSON.stringify(report));
process.exit(report.ready ? 0 : 1);
