// Writes public/icons/icon-192.png and icon-512.png: the mlpad diamond (public/icons/icon.svg) drawn in code and
// encoded as PNG with node:zlib, so the icons need no image tool. Run: npx tsx scripts/make-icons.ts
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const ACCENT = [0x0b, 0x5f, 0xff]; // --accent in src/app.css
const WHITE = [0xff, 0xff, 0xff];

const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

/** A size×size RGB PNG: accent background (full bleed, so it also works as a maskable icon), white diamond. */
export function iconPng(size: number): Buffer {
  const SS = 4; // supersamples per axis for anti-aliased edges
  const raw = Buffer.alloc(size * (size * 3 + 1));
  const c = size / 2;
  const r = size * 0.3; // the diamond stays inside the maskable safe zone (radius 0.4)
  for (let y = 0; y < size; y++) {
    raw[y * (size * 3 + 1)] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      let inside = 0;
      for (let sy = 0; sy < SS; sy++) for (let sx = 0; sx < SS; sx++) if (Math.abs(x + (sx + 0.5) / SS - c) + Math.abs(y + (sy + 0.5) / SS - c) <= r) inside++;
      const a = inside / (SS * SS);
      for (let k = 0; k < 3; k++) raw[y * (size * 3 + 1) + 1 + x * 3 + k] = Math.round(ACCENT[k] * (1 - a) + WHITE[k] * a);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: RGB
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', new Uint8Array())]);
}

for (const size of [192, 512]) writeFileSync(new URL(`../public/icons/icon-${size}.png`, import.meta.url), iconPng(size));
