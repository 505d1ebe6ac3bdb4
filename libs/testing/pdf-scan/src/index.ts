import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';

/** Which page to read and how finely: `region` in points from the page's top-left corner. */
export interface ScanOptions {
  readonly dpi: number;
  readonly page?: number;
  readonly region?: { readonly x: number; readonly y: number; readonly width: number; readonly height: number };
}

/**
 * For tests: reads a PDF page as a person's phone would, from its pixels. The page is rasterised
 * by poppler's `pdftoppm` (`apt-get install -y poppler-utils`) at `dpi`, whole or cropped to
 * `region` (points from the page's top-left corner), and searched by jsQR, a QR decoder
 * independent of the `qrcode` encoder that drew it. Returns the text of the QR code found, or
 * null when none can be read.
 */
export function scanQrCode(pdf: Buffer, options: ScanOptions): string | null {
  const { width, height, gray } = rasterise(pdf, options);
  const rgba = new Uint8ClampedArray(width * height * 4);
  gray.forEach((level, i) => {
    rgba[4 * i] = rgba[4 * i + 1] = rgba[4 * i + 2] = level;
    rgba[4 * i + 3] = 255;
  });
  return jsQR(rgba, width, height)?.data ?? null;
}

/** A page as 8-bit gray pixels, row by row. */
export function rasterise(pdf: Buffer, options: ScanOptions): { width: number; height: number; gray: Buffer } {
  const { dpi, page = 1, region } = options;
  const px = (pt: number) => String(Math.round((pt * dpi) / 72));
  const crop = region ? ['-x', px(region.x), '-y', px(region.y), '-W', px(region.width), '-H', px(region.height)] : [];
  const dir = mkdtempSync(join(tmpdir(), 'pdf-scan-'));
  let image: Buffer;
  try {
    const file = join(dir, 'page.pdf');
    writeFileSync(file, pdf);
    image = execFileSync('pdftoppm', ['-gray', '-r', String(dpi), '-f', String(page), '-l', String(page), ...crop, file], { maxBuffer: 256 * 1024 * 1024 });
  } catch (e) {
    throw new Error(`pdftoppm (poppler-utils, which these tests need) could not rasterise the PDF: ${(e as Error).message}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  // binary PGM: "P5\n<width> <height>\n255\n" then one byte per pixel
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(image.subarray(0, 40).toString('latin1'));
  if (!header) throw new Error('pdftoppm did not write a binary PGM image');
  return { width: Number(header[1]), height: Number(header[2]), gray: image.subarray(header[0].length) };
}
