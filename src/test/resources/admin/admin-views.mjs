// Opens Vigil's views in Spring Boot Admin with headless Chromium, as a user would, and leaves what
// each showed for the Java test to judge: VIEW.txt (the page's text) and VIEW.png.
// Usage: node admin-views.mjs ADMIN_URL INSTANCE_ID OUTPUT_DIR
// In the Loggers view it sets dev.vigil.hosts to DEBUG, as a user clicking the level would.
import { chromium } from 'playwright-core';
import { writeFileSync } from 'node:fs';

const [admin, id, out] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});

async function view(page, name, path, markers, act) {
  await page.goto(`${admin}/instances/${id}/${path}`);
  try {
    for (const marker of markers) {
      await page.getByText(marker).first().waitFor({ timeout: 60000 });
    }
    if (act) {
      await act(page);
    }
    await page.waitForTimeout(1500); // the panels fill in and finish their entry animation
  } finally {
    // Also when the view never showed its marker: what it showed instead is the diagnosis.
    writeFileSync(`${out}/${name}.txt`, await page.evaluate(() => document.body.innerText));
    await page.screenshot({ path: `${out}/${name}.png`, fullPage: true });
  }
}

try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 1600 } });
  await view(page, 'details', 'details',
    ['sinks', 'Process CPU Usage', 'Garbage Collection Pauses', 'Threads', 'Memory: Heap', 'Memory: Non heap']);
  await view(page, 'threaddump', 'threaddump', ['vigil-health']);
  await view(page, 'scheduledtasks', 'scheduledtasks', ['vigil-health-check-db', 'vigil-health-sweep', 'vigil-hosts-feed']);
  await view(page, 'loggers', 'loggers', ['ROOT'], async (loggers) => {
    await loggers.getByPlaceholder(/filter|name/i).first().fill('dev.vigil.hosts');
    const row = loggers.locator('tr', { hasText: /^\s*dev\.vigil\.hosts\s/ }).first();
    await row.getByRole('button', { name: 'DEBUG', exact: true }).click();
  });
} finally {
  await browser.close();
}
