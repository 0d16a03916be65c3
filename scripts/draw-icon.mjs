// Draws media/icon.png (128 × 128, the Marketplace's size): two clouds (the tenants) and an arrow
// from one to the other, anti-aliased, on the OneDrive blue. No image library: a tiny PNG encoder.
// Run: node scripts/draw-icon.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const N = 128;
const SS = 4; // samples per pixel side, for anti-aliasing
const BLUE = [15, 108, 189];
const WHITE = [255, 255, 255];
const PALE = [199, 224, 244];

const circle = (cx, cy, r) => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const rect = (x0, y0, x1, y1) => (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
const any =
  (...shapes) =>
  (x, y) =>
    shapes.some((s) => s(x, y));
const roundedSquare = (x, y) => {
  const r = 24;
  const cx = Math.min(Math.max(x, r), N - r);
  const cy = Math.min(Math.max(y, r), N - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
const cloud = (ox, oy, s) =>
  any(
    circle(ox + 10 * s, oy + 4 * s, 9 * s),
    circle(ox + 22 * s, oy - 2 * s, 12 * s),
    circle(ox + 33 * s, oy + 5 * s, 8 * s),
    rect(ox + 10 * s, oy + 4 * s, ox + 33 * s, oy + 13 * s),
  );
const source = cloud(8, 34, 1.35);
const target = cloud(64, 84, 1.35);
// The arrow: a shaft from the source cloud down to the target cloud, and its head.
const shaft = (x, y) => {
  const [ax, ay, bx, by] = [44, 56, 66, 68];
  const t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
  return (x - (ax + t * (bx - ax))) ** 2 + (y - (ay + t * (by - ay))) ** 2 <= 5 * 5;
};
const head = (x, y) => {
  // A triangle pointing along the shaft, tip at (80, 76).
  const p = [
    [80, 76],
    [60, 76],
    [70, 58],
  ];
  const sign = (a, b, c) => (a[0] - c[0]) * (b[1] - c[1]) - (b[0] - c[0]) * (a[1] - c[1]);
  const q = [x, y];
  const d1 = sign(q, p[0], p[1]);
  const d2 = sign(q, p[1], p[2]);
  const d3 = sign(q, p[2], p[0]);
  return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
};

function colourAt(x, y) {
  if (!roundedSquare(x, y)) return undefined;
  if (source(x, y)) return PALE;
  if (target(x, y) || shaft(x, y) || head(x, y)) return WHITE;
  return BLUE;
}

const raw = Buffer.alloc(N * (N * 4 + 1));
for (let y = 0; y < N; y++) {
  raw[y * (N * 4 + 1)] = 0; // filter: none
  for (let x = 0; x < N; x++) {
    const sum = [0, 0, 0, 0];
    for (let sy = 0; sy < SS; sy++)
      for (let sx = 0; sx < SS; sx++) {
        const c = colourAt(x + (sx + 0.5) / SS, y + (sy + 0.5) / SS);
        if (!c) continue;
        sum[0] += c[0];
        sum[1] += c[1];
        sum[2] += c[2];
        sum[3] += 1;
      }
    const o = y * (N * 4 + 1) + 1 + x * 4;
    const n = sum[3];
    raw[o] = n ? Math.round(sum[0] / n) : 0;
    raw[o + 1] = n ? Math.round(sum[1] / n) : 0;
    raw[o + 2] = n ? Math.round(sum[2] / n) : 0;
    raw[o + 3] = Math.round((255 * n) / (SS * SS));
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(N, 0);
ihdr.writeUInt32BE(N, 4);
ihdr[8] = 8; // bit depth
ihdr[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(new URL('../media/icon.png', import.meta.url), png);
console.log(`media/icon.png: ${png.length} bytes`);
