// The share of pixels that differ between two PNG screenshots of the same size, decoded in a blank
// page of the same browser (as ink-pixels.ts does): no PNG decoder needed in Node.
import type { Browser } from 'playwright-core';

export async function differingPixels(browser: Browser, a: Buffer, b: Buffer): Promise<number> {
  const page = await browser.newPage();
  try {
    return await page.evaluate(
      async ({ first, second }) => {
        const pixels = async (base64: string) => {
          const image = new Image();
          image.src = `data:image/png;base64,${base64}`;
          await image.decode();
          const canvas = new OffscreenCanvas(image.width, image.height);
          const context = canvas.getContext('2d')!;
          context.drawImage(image, 0, 0);
          return context.getImageData(0, 0, image.width, image.height).data;
        };
        const [x, y] = [await pixels(first), await pixels(second)];
        if (x.length !== y.length) return 1;
        let differing = 0;
        for (let i = 0; i < x.length; i += 4)
          if (x[i] !== y[i] || x[i + 1] !== y[i + 1] || x[i + 2] !== y[i + 2]) differing++;
        return differing / (x.length / 4);
      },
      { first: a.toString('base64'), second: b.toString('base64') },
    );
  } finally {
    await page.close();
  }
}
