#!/usr/bin/env node
/**
 * Draws the app and tray icons into resources/icons/ (run: `node scripts/make-icons.mjs`).
 * No image library: shapes are computed per pixel with anti-aliased edges and written as
 * RGBA PNGs with node:zlib. The icon is a vinyl record with a warm label on a rounded tile.
 *
 *   icon.png               512×512  app icon (electron-builder converts it to .icns / .ico)
 *   tray.png, tray@2x.png  16 / 32  tray icon for Windows and Linux (colour)
 *   trayTemplate.png, trayTemplate@2x.png  16 / 32  macOS menu bar template (black + alpha)
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'resources', 'icons');

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** RGBA pixels (Uint8Array, width*height*4) → PNG bytes. */
export function encodePng(width, height, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type RGBA
  const rows = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    rows[y * (width * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(rows, y * (width * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const clamp = (v) => Math.max(0, Math.min(1, v));
/** Coverage of a shape from its signed distance (negative inside), one pixel of smoothing. */
const cover = (distance, pixel) => clamp(0.5 - distance / pixel);

/** Over-composites colour [r,g,b] with alpha a onto the pixel. */
function blend(px, [r, g, b], a) {
  const outA = a + px[3] * (1 - a);
  if (outA === 0) return;
  px[0] = (r * a + px[0] * px[3] * (1 - a)) / outA;
  px[1] = (g * a + px[1] * px[3] * (1 - a)) / outA;
  px[2] = (b * a + px[2] * px[3] * (1 - a)) / outA;
  px[3] = outA;
}

function roundedBoxDistance(x, y, half, radius) {
  const qx = Math.abs(x) - half + radius;
  const qy = Math.abs(y) - half + radius;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
}

/**
 * Renders one icon. Coordinates are in a unit square centred on 0 (−0.5…0.5), supersampled
 * 4×4 for small sizes so 16 px stays crisp.
 */
function render(size, paint) {
  const rgba = new Uint8Array(size * size * 4);
  const samples = size <= 64 ? 4 : 2;
  const pixel = 1 / size;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const acc = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const u = (x + (sx + 0.5) / samples) / size - 0.5;
          const v = (y + (sy + 0.5) / samples) / size - 0.5;
          const px = [0, 0, 0, 0];
          paint(px, u, v, pixel);
          acc[0] += px[0] * px[3];
          acc[1] += px[1] * px[3];
          acc[2] += px[2] * px[3];
          acc[3] += px[3];
        }
      }
      const n = samples * samples;
      const a = acc[3] / n;
      const i = (y * size + x) * 4;
      rgba[i] = a ? Math.round(acc[0] / acc[3]) : 0;
      rgba[i + 1] = a ? Math.round(acc[1] / acc[3]) : 0;
      rgba[i + 2] = a ? Math.round(acc[2] / acc[3]) : 0;
      rgba[i + 3] = Math.round(a * 255);
    }
  }
  return encodePng(size, size, rgba);
}

const TILE_TOP = [44, 62, 110];
const TILE_BOTTOM = [24, 30, 58];
const VINYL = [18, 18, 22];
const GROOVE = [58, 58, 68];
const LABEL = [242, 153, 74];
const LABEL_DARK = [214, 96, 60];

function appIcon(px, u, v, pixel) {
  const t = clamp(v + 0.5);
  const tile = TILE_TOP.map((c, k) => c + (TILE_BOTTOM[k] - c) * t);
  blend(px, tile, cover(roundedBoxDistance(u, v, 0.45, 0.1), pixel));
  const r = Math.hypot(u, v);
  blend(px, VINYL, cover(r - 0.34, pixel));
  // Grooves: thin lighter rings on the record.
  for (const ring of [0.3, 0.265, 0.23, 0.195]) blend(px, GROOVE, 0.6 * cover(Math.abs(r - ring) - 0.004, pixel));
  // A soft highlight across the record.
  const shine = Math.max(0, Math.cos(Math.atan2(v, u) * 2 - 0.8)) ** 8;
  blend(px, [255, 255, 255], 0.1 * shine * cover(r - 0.34, pixel) * cover(0.13 - r, -pixel));
  const label = LABEL.map((c, k) => c + (LABEL_DARK[k] - c) * clamp((u + v) * 3 + 0.5));
  blend(px, label, cover(r - 0.12, pixel));
  blend(px, TILE_BOTTOM, cover(r - 0.022, pixel));
}

/** Tray: the record alone, filling the square, readable at 16 px. */
function trayIcon(colour) {
  return (px, u, v, pixel) => {
    const r = Math.hypot(u, v);
    if (colour) {
      blend(px, VINYL, cover(r - 0.47, pixel));
      blend(px, [110, 110, 125], cover(Math.abs(r - 0.35) - 0.025, pixel));
      blend(px, LABEL, cover(r - 0.2, pixel));
      blend(px, VINYL, cover(r - 0.06, pixel));
    } else {
      // Template image: opaque where drawn, the menu bar tints it. Ring, label, hole are cut out.
      const disc = cover(r - 0.47, pixel);
      const groove = cover(Math.abs(r - 0.35) - 0.03, pixel);
      const hole = cover(r - 0.07, pixel);
      const labelRing = cover(Math.abs(r - 0.2) - 0.03, pixel);
      blend(px, [0, 0, 0], clamp(disc * (1 - groove) * (1 - hole) * (r < 0.2 ? 0.55 + 0.45 * labelRing : 1)));
    }
  };
}

const files = {
  'icon.png': render(512, appIcon),
  'tray.png': render(16, trayIcon(true)),
  'tray@2x.png': render(32, trayIcon(true)),
  'trayTemplate.png': render(16, trayIcon(false)),
  'trayTemplate@2x.png': render(32, trayIcon(false)),
};

fs.mkdirSync(OUT, { recursive: true });
for (const [name, bytes] of Object.entries(files)) {
  fs.writeFileSync(path.join(OUT, name), bytes);
  console.log(`${path.join('resources', 'icons', name)} (${bytes.length} bytes)`);
}
