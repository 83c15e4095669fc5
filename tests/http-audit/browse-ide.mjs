// Opens Banana Cake Pop in headless Chromium and checks that it loads our schema:
//   node browse-ide.mjs http://127.0.0.1:5000/graphql screenshot.png [type name to find in the SDL, default Customer]
// Prints one JSON line (what the page did and showed); exits 1 when the IDE did not show the type.
// Requests to any other host are refused and reported: the IDE must work offline.
import { chromium } from 'playwright-core';

const [url, screenshot, typeName = 'Customer'] = process.argv.slice(2);
if (!url || !screenshot) {
  console.error('usage: node browse-ide.mjs <url of /graphql> <screenshot.png> [type name]');
  process.exit(2);
}
const serverHost = new URL(url).host;
const report = { finalUrl: null, introspectionRequests: 0, externalRequests: [], sdlShowsType: false, visibleSdl: '', error: null };

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  chromiumSandbox: false,
  args: ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  await context.route('**/*', route => {
    const request = route.request();
    if (new URL(request.url()).host === serverHost) return route.continue();
    report.externalRequests.push(request.url());
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  page.on('request', request => {
    if (request.method() === 'POST' && (request.postData() ?? '').includes('__schema')) report.introspectionRequests++;
  });

  await page.goto(url);
  report.finalUrl = page.url();
  await page.getByText('Browse Schema').click({ timeout: 30_000 });
  await page.getByText('Schema available').waitFor({ timeout: 30_000 });
  await page.getByText('Schema Definition', { exact: true }).click();

  // The SDL editor (Monaco) renders only the lines in view: find the type to bring it into view.
  const editor = page.locator('.monaco-editor').first();
  await editor.click();
  await page.keyboard.press('Control+F');
  // Type into the find box only once it is open: on a loaded machine keys typed earlier go to the editor and are lost.
  const findBox = editor.locator('.find-widget textarea, .find-widget input').first();
  await findBox.waitFor({ state: 'visible', timeout: 30_000 });
  await findBox.fill(`type ${typeName} {`);
  await findBox.press('Enter');
  // The editor may take a while to scroll and render: look again (asking the find box to reveal the match again
  // every few seconds) until the type shows or 40 s pass.
  const deadline = Date.now() + 40_000;
  let looks = 0;
  do {
    await page.waitForTimeout(250);
    if (++looks % 12 === 0) await findBox.press('Enter');
    report.visibleSdl = (await editor.locator('.view-lines').innerText()).replace(/\u00a0/g, ' '); // Monaco renders spaces as nbsp
    report.sdlShowsType = report.visibleSdl.includes(`type ${typeName} {`);
  } while (!report.sdlShowsType && Date.now() < deadline);
  await page.screenshot({ path: screenshot });
} catch (e) {
  report.error = String(e.message ?? e).split('\n')[0];
} finally {
  await browser.close();
}

report.visibleSdl = report.visibleSdl.slice(0, 1_000);
console.log(JSON.stringify(report));
process.exit(report.sdlShowsType ? 0 : 1);
