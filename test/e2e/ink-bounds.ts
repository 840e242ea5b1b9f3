// Where a PNG screenshot has ink: the box around every pixel that differs from its dominant
// (background) colour, as fractions of the image's width and height. Decoded in a blank page of
// the same browser, as ink-pixels.ts does, so no PNG decoder is needed in Node.
import type { Browser } from 'playwright-core';

export interface InkBounds {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export async function inkBounds(browser: Browser, png: Buffer): Promise<InkBounds> {
  const page = await browser.newPage();
  try {
    return await page.evaluate(async (base64) => {
      const image = new Image();
      image.src = `data:image/png;base64,${base64}`;
      await image.decode();
      const { width, height } = image;
      const canvas = new OffscreenCanvas(width, height);
      const context = canvas.getContext('2d')!;
      context.drawImage(image, 0, 0);
      const { data } = context.getImageData(0, 0, width, height);
      const key = (i: number) => (data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!;
      const counts = new Map<number, number>();
      for (let i = 0; i < data.length; i += 4) counts.set(key(i), (counts.get(key(i)) ?? 0) + 1);
      const background = [...counts].reduce((a, b) => (b[1] > a[1] ? b : a))[0];
      let [left, top, right, bottom] = [width, height, -1, -1];
      // An 8 px inset skips the panel's own border and its rounded corners.
      for (let y = 8; y < height - 8; y++)
        for (let x = 8; x < width - 8; x++)
          if (key(4 * (y * width + x)) !== background) {
            left = Math.min(left, x);
            right = Math.max(right, x);
            top = Math.min(top, y);
            bottom = Math.max(bottom, y);
          }
      return { left: left / width, top: top / height, right: right / width, bottom: bottom / height };
    }, png.toString('base64'));
  } finally {
    await page.close();
  }
}
