// Reading the Overview in a real browser: named chart states, canvas pixels, and where to click
// or drag on a chart (from the grid margins the chart options set).
import type { Locator, Page } from 'playwright-core';

export const CHARTS = [
  'chart-timeseries',
  'chart-type-country',
  'chart-hist-bytesIn',
  'chart-hist-bytesOut',
  'chart-hist-durationMs',
  'chart-protocols',
  'chart-ports',
  'chart-correlation',
  'chart-world',
];

/** Waits until every chart has answered and each drawable one has finished drawing. */
export async function waitForCharts(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const charts = [...document.querySelectorAll<HTMLElement>('.chart')];
    return (
      charts.length > 0 &&
      charts.every(
        (c) =>
          c.dataset.loading === 'false' &&
          c.dataset.state !== 'loading' &&
          (c.dataset.state !== 'ready' || c.querySelector('[data-drawn="true"]') !== null),
      )
    );
  });
}

/** Painted (non-transparent) pixels of a chart's canvas. */
export function paintedPixels(chart: Locator): Promise<number> {
  return chart
    .locator('canvas')
    .first()
    .evaluate((canvas: HTMLCanvasElement) => {
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let painted = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) painted++;
      return painted;
    });
}

/** A screenshot of the whole Overview: the page scrolls inside .content, so the window grows to fit it. */
export async function fullShot(page: Page, file: string): Promise<void> {
  const viewport = page.viewportSize()!;
  const height = await page.locator('.content').evaluate((el) => el.scrollHeight);
  await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, height) });
  await waitForCharts(page);
  await page.screenshot({ path: file });
  await page.setViewportSize(viewport);
}

export async function kpi(page: Page, id: string): Promise<number> {
  return Number(await page.getByTestId(`kpi-${id}`).getAttribute('data-value'));
}

/** Waits for the sessions tile to show a value other than `before`, and returns it. */
export async function sessionsChangedFrom(page: Page, before: number): Promise<number> {
  await page.waitForFunction((b) => {
    const tile = document.querySelector<HTMLElement>('[data-testid="kpi-sessions"]');
    const kpis = document.querySelector<HTMLElement>('[data-testid="kpis"]');
    return tile && kpis?.dataset.loading === 'false' && Number(tile.dataset.value) !== b;
  }, before);
  return kpi(page, 'sessions');
}

/** Clicks the bottom segment of the first (busiest) bar of a stacked bar chart (grid: left 54, right 16, bottom 30). */
export async function clickFirstBar(page: Page, testId: string, categories: number): Promise<void> {
  const box = (await page.getByTestId(testId).boundingBox())!;
  const plotWidth = box.width - 54 - 16;
  await page.mouse.click(box.x + 54 + plotWidth / categories / 2, box.y + box.height - 30 - 4);
}

/** Drags across the time series between two fractions of its plot width (grid: left 60, right 70). */
export async function brushTimeSeries(page: Page, from: number, to: number): Promise<void> {
  const box = (await page.getByTestId('chart-timeseries').boundingBox())!;
  const left = box.x + 60;
  const width = box.width - 60 - 70;
  const y = box.y + box.height / 2;
  await page.mouse.move(left + width * from, y);
  await page.mouse.down();
  await page.mouse.move(left + width * ((from + to) / 2), y, { steps: 5 });
  await page.mouse.move(left + width * to, y, { steps: 5 });
  await page.mouse.up();
}
