// Counts the pixels of a PNG screenshot that differ from its dominant (background) colour, by
// decoding it in a blank page of the same browser: no PNG decoder needed in Node.
import type { Browser } from 'playwright-core';

export async function countInkPixels(
  browser: Browser,
  png: Buffer,
): Promise<{ ink: number; fraction: number }> {
  const page = await browser.newPage();
  try {
    return await page.evaluate(async (base64) => {
      const image = new Image();
      image.src = `data:image/png;base64,${base64}`;
      await image.decode();
      const canvas = new OffscreenCanvas(image.width, image.height);
      const context = canvas.getContext('2d')!;
      context.drawImage(image, 0, 0);
      const { data } = context.getImageData(0, 0, image.width, image.height);
      const counts = new Map<number, number>();
      for (let i = 0; i < data.length; i += 4) {
        const key = (data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      const background = Math.max(...counts.values());
      const total = data.length / 4;
      return { ink: total - background, fraction: (total - background) / total };
    }, png.toString('base64'));
  } finally {
    await page.close();
  }
}
