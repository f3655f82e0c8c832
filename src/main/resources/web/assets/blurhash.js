// Blurhash placeholders: while a picture loads, a small canvas painted from its blurhash (the colours of the photo,
// blurred; Mastodon's `blurhash` of every attachment) shows in its place, then goes once the picture is there.
// The decoder follows the published algorithm (base-83 digits, DC + AC cosine components).

const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz#$%*+,-.:;=?@[]^_{|}~';

const decode83 = (s) => { let v = 0; for (const c of s) v = v * 83 + DIGITS.indexOf(c); return v; };
const toLinear = (v) => { const x = v / 255; return x <= 0.04045 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); };
const toSrgb = (v) => {
  const x = Math.max(0, Math.min(1, v));
  return Math.round(x <= 0.0031308 ? x * 12.92 * 255 + 0.5 : (1.055 * Math.pow(x, 1 / 2.4) - 0.055) * 255 + 0.5);
};
const signPow = (v, e) => Math.sign(v) * Math.pow(Math.abs(v), e);

/** The pixels (RGBA) of a blurhash at width × height, or null when it is not a valid blurhash. */
export function decode(hash, width, height) {
  if (!hash || hash.length < 6) return null;
  const size = decode83(hash[0]);
  const ny = Math.floor(size / 9) + 1, nx = (size % 9) + 1;
  if (hash.length !== 4 + 2 * nx * ny) return null;
  const max = (decode83(hash[1]) + 1) / 166;
  const colors = [];
  const dc = decode83(hash.substring(2, 6));
  colors.push([toLinear(dc >> 16), toLinear((dc >> 8) & 255), toLinear(dc & 255)]);
  for (let i = 1; i < nx * ny; i++) {
    const v = decode83(hash.substring(4 + i * 2, 6 + i * 2));
    const q = (x) => signPow((x - 9) / 9, 2) * max;
    colors.push([q(Math.floor(v / 361)), q(Math.floor(v / 19) % 19), q(v % 19)]);
  }
  const px = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let r = 0, g = 0, b = 0;
      for (let j = 0; j < ny; j++) {
        for (let i = 0; i < nx; i++) {
          const basis = Math.cos((Math.PI * x * i) / width) * Math.cos((Math.PI * y * j) / height);
          const c = colors[i + j * nx];
          r += c[0] * basis; g += c[1] * basis; b += c[2] * basis;
        }
      }
      const o = 4 * (x + y * width);
      px[o] = toSrgb(r); px[o + 1] = toSrgb(g); px[o + 2] = toSrgb(b); px[o + 3] = 255;
    }
  }
  return px;
}

export function start() {
  for (const img of document.querySelectorAll('img[data-blurhash]')) {
    if (img.dataset.bh || img.complete && img.naturalWidth > 0) continue;
    img.dataset.bh = '1';
    const px = decode(img.dataset.blurhash, 32, 32);
    if (!px) continue;
    const canvas = document.createElement('canvas');
    canvas.width = 32; canvas.height = 32;
    canvas.className = 'blurhash';
    canvas.setAttribute('aria-hidden', 'true');
    canvas.getContext('2d').putImageData(new ImageData(px, 32, 32), 0, 0);
    img.before(canvas);
    img.classList.add('bh-loading');
    const done = () => { canvas.remove(); img.classList.remove('bh-loading'); };
    img.addEventListener('load', done, { once: true });
  }
}
