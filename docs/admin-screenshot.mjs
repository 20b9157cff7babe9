// Opens Vigil's page in Spring Boot Admin with headless Chromium and saves a screenshot once the
// health card shows Vigil's components. Usage: node admin-screenshot.mjs URL OUTPUT.png
import { chromium } from 'playwright-core';

const [url, output] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 1600 } });
  await page.goto(url);
  // The health card lists components once the UI has fetched /actuator/health through the server.
  await page.getByText('modelQueue').first().waitFor({ timeout: 60000 });
  await page.getByText('readiness').first().waitFor({ timeout: 60000 });
  await page.waitForTimeout(1000); // let the cards finish their entry animation
  await page.screenshot({ path: output, fullPage: true });
} finally {
  await browser.close();
}
