/**
 * What a respondent's browser downloads: Chromium (accepting br and gzip, as every current browser
 * does) opens a survey link on a cold cache, then again with its cache; bytes are those the network
 * carried (DevTools' encodedDataLength), headers included.
 */
import { chromium } from 'playwright-core';

export interface PageWeight {
  firstVisitKb: number;
  repeatVisitKb: number;
  /** Assets fetched from the network on the repeat visit (0 when the cache serves them all). */
  assetsFetchedAgain: number;
}

export async function measurePageWeight(pageUrl: string): Promise<PageWeight> {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'] });
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    let bytes = 0;
    cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => (bytes += e.encodedDataLength));
    await page.goto(pageUrl, { waitUntil: 'load' });
    await page.locator('.sd-question').first().waitFor();
    const firstVisitKb = bytes / 1024;
    bytes = 0;
    await page.goto(pageUrl, { waitUntil: 'load' });
    await page.locator('.sd-question').first().waitFor();
    const assetsFetchedAgain = await page.evaluate(() =>
      performance.getEntriesByType('resource').filter((e) => (e as PerformanceResourceTiming).transferSize > 0 && e.name.includes('/static/')).length);
    return { firstVisitKb, repeatVisitKb: bytes / 1024, assetsFetchedAgain };
  } finally {
    await browser.close();
  }
}
