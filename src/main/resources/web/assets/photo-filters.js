// Photo filters and adjustments, rendered by one small WebGL fragment shader (a 2D-canvas path when WebGL is not
// available, with the same formula). Each filter is a handful of numbers: tone curves per channel, then
// brightness, contrast, saturation, warmth, fade, vignette, sepia, a colour tint and a monochrome flag. The
// person's adjustments are added to the filter's before rendering, so one pass does everything.
// The values are Atoll's own, chosen from public descriptions of how each Instagram-style filter looks.

// curves: k.r/k.g/k.b per channel, k.a on all three, as x,y pairs (0-255) joined by straight lines
// b brightness, c contrast, s saturation, w warmth (-1…1); f fade, v vignette, sp sepia (0…1);
// t tint [r, g, b, amount]; m monochrome (R = G = B in the output)
export const FILTERS = {
  '1977': { k: { r: [0, 30, 255, 255], b: [0, 20, 255, 235] }, b: 0.1, s: 0.15, f: 0.25, t: [255, 120, 170, 0.08] },
  Aden: { b: 0.15, c: -0.1, s: -0.2, w: -0.1, f: 0.3, t: [255, 180, 200, 0.06] },
  Amaro: { k: { b: [0, 30, 255, 240] }, b: 0.2, c: 0.1, s: 0.1, w: 0.1, v: 0.2 },
  Ashby: { k: { r: [0, 20, 128, 140, 255, 255] }, b: 0.05, s: -0.05, w: 0.35, f: 0.15 },
  Brannan: { k: { g: [0, 10, 255, 245] }, c: 0.35, s: -0.35, t: [210, 200, 120, 0.12] },
  Brooklyn: { k: { g: [0, 0, 180, 195, 255, 255] }, b: 0.15, c: -0.1, w: 0.1, f: 0.3 },
  Charmes: { k: { r: [0, 10, 128, 150, 255, 255] }, c: 0.3, s: 0.25, w: 0.2 },
  Clarendon: { k: { r: [0, 0, 200, 195, 255, 245], b: [0, 5, 128, 140, 255, 255] }, c: 0.3, s: 0.3 },
  Crema: { c: -0.1, s: -0.35, w: 0.15, f: 0.25 },
  Dogpatch: { k: { a: [0, 0, 128, 128, 200, 225, 255, 255] }, c: 0.45, s: -0.2, w: -0.15 },
  Earlybird: { c: -0.1, w: 0.25, f: 0.25, v: 0.35, sp: 0.25 },
  Gingham: { b: 0.05, c: -0.25, s: -0.15, f: 0.45, t: [230, 220, 180, 0.08] },
  Ginza: { b: 0.15, s: 0.1, w: 0.2, f: 0.1 },
  Hefe: { c: 0.35, s: 0.35, w: 0.15, v: 0.35 },
  Helena: { k: { r: [0, 0, 128, 145, 255, 255], b: [0, 40, 128, 128, 255, 215] }, c: 0.15, s: 0.15 },
  Hudson: { b: 0.15, c: 0.15, w: -0.4, v: 0.25, t: [160, 200, 255, 0.1] },
  Inkwell: { b: 0.05, c: 0.2, m: 1 },
  Juno: { k: { g: [0, 0, 128, 124, 255, 250] }, c: 0.1, s: 0.3, w: 0.2 },
  Kelvin: { b: 0.1, s: 0.3, w: 0.6, t: [255, 150, 50, 0.12] },
  Lark: { k: { g: [0, 10, 255, 255] }, b: 0.2, s: -0.15, w: -0.2 },
  'Lo-Fi': { c: 0.45, s: 0.5, v: 0.4 },
  Ludwig: { b: 0.1, c: 0.05, s: -0.2, w: 0.15 },
  Maven: { b: -0.1, c: 0.2, s: -0.15, t: [200, 210, 100, 0.12] },
  Mayfair: { b: 0.1, s: 0.1, w: 0.15, v: 0.25, t: [255, 190, 200, 0.08] },
  Moon: { b: 0.1, c: 0.25, f: 0.15, m: 1 },
  Nashville: { k: { b: [0, 60, 255, 225] }, b: 0.1, c: -0.15, f: 0.2, t: [247, 176, 153, 0.15] },
  Perpetua: { b: 0.05, s: -0.1, f: 0.15, t: [110, 190, 170, 0.1] },
  Poprocket: { b: 0.05, s: 0.3, w: 0.25, v: 0.3, t: [206, 39, 70, 0.08] },
  Reyes: { b: 0.15, c: -0.25, s: -0.3, w: 0.1, f: 0.5 },
  Rise: { b: 0.15, c: -0.1, w: 0.3, f: 0.15, t: [255, 200, 120, 0.08] },
  Sierra: { c: -0.15, s: -0.1, w: 0.1, f: 0.3, v: 0.25 },
  Skyline: { b: 0.15, c: 0.1, s: 0.35, w: -0.15 },
  Slumber: { b: -0.1, s: -0.35, f: 0.25, t: [255, 220, 140, 0.12] },
  Stinson: { b: 0.15, c: -0.1, s: -0.1, w: 0.05, f: 0.25 },
  Sutro: { b: -0.2, c: 0.1, s: -0.3, v: 0.5, t: [110, 60, 110, 0.12] },
  Toaster: { c: 0.15, w: 0.4, f: 0.1, v: 0.55, t: [255, 120, 40, 0.12] },
  Valencia: { b: 0.1, s: 0.05, w: 0.25, f: 0.2, t: [255, 230, 160, 0.06] },
  Vesper: { c: 0.1, s: -0.1, f: 0.15, t: [255, 225, 110, 0.1] },
  Walden: { b: 0.2, c: -0.2, f: 0.15, t: [255, 240, 120, 0.12] },
  Willow: { c: -0.05, s: -0.95, f: 0.1, t: [180, 150, 200, 0.08] },
  'X-Pro II': { k: { r: [0, 0, 64, 50, 192, 210, 255, 255], b: [0, 40, 255, 210] }, c: 0.35, s: 0.3, w: 0.1, v: 0.45 },
};

export const NAMES = Object.keys(FILTERS).sort((a, b) => (a === '1977' ? -1 : b === '1977' ? 1 : a.localeCompare(b)));

// Rec. 601 luma, as JPEG's Y: a monochrome photo stays grey through the encoder
const LUMA = [0.299, 0.587, 0.114];

function curve(points) {
  const out = new Float32Array(256);
  for (let x = 0; x < 256; x++) {
    if (!points) { out[x] = x; continue; }
    let i = 0;
    while (i + 3 < points.length && points[i + 2] < x) i += 2;
    const x0 = points[i], y0 = points[i + 1], x1 = points[i + 2] ?? 255, y1 = points[i + 3] ?? 255;
    out[x] = x1 === x0 ? y1 : y0 + (y1 - y0) * (x - x0) / (x1 - x0);
  }
  return out;
}

/** The filter's curves as a 256×1 RGBA table (the shader's texture and the 2D path's lookup). */
export function lut(name) {
  const k = FILTERS[name]?.k || {};
  const all = curve(k.a), r = curve(k.r), g = curve(k.g), b = curve(k.b);
  const out = new Uint8Array(256 * 4);
  const through = (c, x) => Math.round(all[Math.round(Math.max(0, Math.min(255, c[x])))]);
  for (let x = 0; x < 256; x++) {
    out[x * 4] = through(r, x);
    out[x * 4 + 1] = through(g, x);
    out[x * 4 + 2] = through(b, x);
    out[x * 4 + 3] = 255;
  }
  return out;
}

/**
 * The numbers of one rendering: the filter's, plus the person's adjustments (sliders, -100…100; fade and
 * vignette 0…100).
 */
export function uniforms(name, adjust = {}) {
  const f = FILTERS[name] || {};
  const a = (k) => (adjust[k] || 0) / 100;
  const t = f.t || [0, 0, 0, 0];
  return {
    brightness: (f.b || 0) + a('brightness') * 0.8,
    contrast: (f.c || 0) + a('contrast') * 0.6,
    saturation: (f.s || 0) + a('saturation'),
    warmth: (f.w || 0) + a('warmth'),
    fade: Math.min(1, (f.f || 0) + a('fade')),
    vignette: Math.min(1, (f.v || 0) + a('vignette')),
    sepia: f.sp || 0,
    tint: [t[0] / 255, t[1] / 255, t[2] / 255, t[3]],
    mono: f.m ? 1 : 0,
  };
}

/**
 * Where the output's pixels come from. {@code rotation} is in quarter turns clockwise; {@code crop} is x, y, w, h
 * in 0…1 of the rotated photo. With {@code preview} the whole rotated photo is drawn and what the crop leaves out
 * is dimmed; otherwise only the crop is drawn.
 */
export function geometry(rotation, crop, preview) {
  const [cx, cy, cw, ch] = crop;
  // output uv → p (rotated photo, 0…1)
  const toP = preview ? [1, 0, 0, 0, 1, 0, 0, 0, 1] : [cw, 0, 0, 0, ch, 0, cx, cy, 1];
  // p → source texture coordinates (column-major 3×3, as GLSL's mat3)
  const rot = [[1, 0, 0, 0, 1, 0, 0, 0, 1], [0, -1, 0, 1, 0, 0, 0, 1, 1], [-1, 0, 0, 0, -1, 0, 1, 1, 1], [0, 1, 0, -1, 0, 0, 1, 0, 1]];
  return { toP, toSrc: rot[((rotation % 4) + 4) % 4], crop, preview: preview ? 1 : 0 };
}

const VERTEX = `attribute vec2 a_pos; varying vec2 v_uv;
void main() { v_uv = vec2((a_pos.x + 1.0) * 0.5, (1.0 - a_pos.y) * 0.5); gl_Position = vec4(a_pos, 0.0, 1.0); }`;

// the same steps as pixel() below, in the same order
const FRAGMENT = `precision highp float;
varying vec2 v_uv;
uniform sampler2D u_image, u_lut;
uniform mat3 u_toP, u_toSrc;
uniform vec4 u_crop, u_tint;
uniform float u_preview, u_brightness, u_contrast, u_saturation, u_warmth, u_fade, u_vignette, u_sepia, u_mono;
const vec3 LUMA = vec3(0.299, 0.587, 0.114);
float curve(float v, int ch) {
  vec4 t = texture2D(u_lut, vec2((floor(clamp(v, 0.0, 1.0) * 255.0 + 0.5) + 0.5) / 256.0, 0.5));
  return ch == 0 ? t.r : ch == 1 ? t.g : t.b;
}
void main() {
  vec3 p = u_toP * vec3(v_uv, 1.0);
  vec3 s = u_toSrc * vec3(p.xy, 1.0);
  vec3 c = texture2D(u_image, s.xy).rgb;
  c = vec3(curve(c.r, 0), curve(c.g, 1), curve(c.b, 2));
  c = pow(max(c, 0.0), vec3(exp2(-u_brightness)));
  c = (c - 0.5) * (1.0 + u_contrast) + 0.5;
  c = mix(vec3(dot(c, LUMA)), c, 1.0 + u_saturation);
  vec3 sep = vec3(dot(c, vec3(0.393, 0.769, 0.189)), dot(c, vec3(0.349, 0.686, 0.168)), dot(c, vec3(0.272, 0.534, 0.131)));
  c = mix(c, sep, u_sepia);
  c += vec3(0.1, 0.02, -0.1) * u_warmth;
  c = mix(c, u_tint.rgb, u_tint.a);
  c = c * (1.0 - 0.25 * u_fade) + 0.18 * u_fade;
  vec2 q = (p.xy - u_crop.xy) / u_crop.zw - 0.5;
  c *= 1.0 - u_vignette * 0.8 * smoothstep(0.25, 0.75, length(q) * 1.2);
  if (u_mono > 0.5) c = vec3(dot(c, LUMA));
  c = clamp(c, 0.0, 1.0);
  if (u_preview > 0.5 && (q.x < -0.5 || q.x > 0.5 || q.y < -0.5 || q.y > 0.5)) c *= 0.35;
  gl_FragColor = vec4(c, 1.0);
}`;

/** One pixel through the same steps as the shader, for the 2D path (r, g, b 0…255 in, 0…1 out). */
function pixel(r, g, b, lutTable, u, qx, qy, out) {
  let cr = lutTable[r * 4] / 255, cg = lutTable[g * 4 + 1] / 255, cb = lutTable[b * 4 + 2] / 255;
  const gamma = Math.pow(2, -u.brightness);
  cr = Math.pow(cr, gamma); cg = Math.pow(cg, gamma); cb = Math.pow(cb, gamma);
  const k = 1 + u.contrast;
  cr = (cr - 0.5) * k + 0.5; cg = (cg - 0.5) * k + 0.5; cb = (cb - 0.5) * k + 0.5;
  let l = cr * LUMA[0] + cg * LUMA[1] + cb * LUMA[2];
  const s = 1 + u.saturation;
  cr = l + (cr - l) * s; cg = l + (cg - l) * s; cb = l + (cb - l) * s;
  if (u.sepia) {
    const sr = 0.393 * cr + 0.769 * cg + 0.189 * cb, sg = 0.349 * cr + 0.686 * cg + 0.168 * cb, sb = 0.272 * cr + 0.534 * cg + 0.131 * cb;
    cr += (sr - cr) * u.sepia; cg += (sg - cg) * u.sepia; cb += (sb - cb) * u.sepia;
  }
  cr += 0.1 * u.warmth; cg += 0.02 * u.warmth; cb -= 0.1 * u.warmth;
  const t = u.tint;
  cr += (t[0] - cr) * t[3]; cg += (t[1] - cg) * t[3]; cb += (t[2] - cb) * t[3];
  const fa = 1 - 0.25 * u.fade, fb = 0.18 * u.fade;
  cr = cr * fa + fb; cg = cg * fa + fb; cb = cb * fa + fb;
  if (u.vignette) {
    const x = Math.min(1, Math.max(0, (Math.hypot(qx, qy) * 1.2 - 0.25) / 0.5));
    const v = 1 - u.vignette * 0.8 * x * x * (3 - 2 * x);
    cr *= v; cg *= v; cb *= v;
  }
  if (u.mono) { l = cr * LUMA[0] + cg * LUMA[1] + cb * LUMA[2]; cr = cg = cb = l; }
  out[0] = Math.min(1, Math.max(0, cr)); out[1] = Math.min(1, Math.max(0, cg)); out[2] = Math.min(1, Math.max(0, cb));
}

/**
 * A renderer: {@code draw(source, name, adjust, geom, width, height)} draws into its canvas (a new one, or the one
 * given, e.g. the editor's preview, shown as it is: copying a WebGL canvas into another costs far more than
 * drawing) and returns it. WebGL when the browser has it, else the 2D canvas.
 */
export function renderer(forceCanvas2d = false, canvas = document.createElement('canvas')) {
  const gl = forceCanvas2d ? null
    : canvas.getContext('webgl', { preserveDrawingBuffer: true, premultipliedAlpha: false, antialias: false })
      || canvas.getContext('experimental-webgl', { preserveDrawingBuffer: true });
  return gl ? glRenderer(canvas, gl) : canvasRenderer(canvas);
}

function glRenderer(canvas, gl) {
  const shader = (type, src) => {
    const s = gl.createShader(type);
    gl.shaderSource(s, src);
    gl.compileShader(s);
    if (!gl.getShaderParameter(s, gl.COMPILE_STATUS)) throw new Error(gl.getShaderInfoLog(s));
    return s;
  };
  const program = gl.createProgram();
  gl.attachShader(program, shader(gl.VERTEX_SHADER, VERTEX));
  gl.attachShader(program, shader(gl.FRAGMENT_SHADER, FRAGMENT));
  gl.linkProgram(program);
  if (!gl.getProgramParameter(program, gl.LINK_STATUS)) throw new Error(gl.getProgramInfoLog(program));
  gl.useProgram(program);
  const buffer = gl.createBuffer();
  gl.bindBuffer(gl.ARRAY_BUFFER, buffer);
  gl.bufferData(gl.ARRAY_BUFFER, new Float32Array([-1, -1, 1, -1, -1, 1, 1, 1]), gl.STATIC_DRAW);
  const pos = gl.getAttribLocation(program, 'a_pos');
  gl.enableVertexAttribArray(pos);
  gl.vertexAttribPointer(pos, 2, gl.FLOAT, false, 0, 0);
  const loc = {};
  for (const n of ['u_image', 'u_lut', 'u_toP', 'u_toSrc', 'u_crop', 'u_tint', 'u_preview', 'u_brightness', 'u_contrast',
    'u_saturation', 'u_warmth', 'u_fade', 'u_vignette', 'u_sepia', 'u_mono']) loc[n] = gl.getUniformLocation(program, n);
  const texture = (filter) => {
    const t = gl.createTexture();
    gl.bindTexture(gl.TEXTURE_2D, t);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_S, gl.CLAMP_TO_EDGE);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_T, gl.CLAMP_TO_EDGE);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, filter);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, filter);
    return t;
  };
  const images = new WeakMap();
  const luts = new Map();
  gl.pixelStorei(gl.UNPACK_COLORSPACE_CONVERSION_WEBGL, gl.NONE);
  return {
    kind: 'webgl',
    maxSize: gl.getParameter(gl.MAX_TEXTURE_SIZE),
    draw(source, name, adjust, geom, width, height) {
      // (setting a size, even the same one, reallocates the drawing buffer)
      if (canvas.width !== width) canvas.width = width;
      if (canvas.height !== height) canvas.height = height;
      gl.viewport(0, 0, width, height);
      gl.activeTexture(gl.TEXTURE0);
      let img = images.get(source);
      if (!img) {
        img = texture(gl.LINEAR);
        gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, gl.RGBA, gl.UNSIGNED_BYTE, source);
        images.set(source, img);
      }
      gl.bindTexture(gl.TEXTURE_2D, img);
      gl.activeTexture(gl.TEXTURE1);
      let table = luts.get(name);
      if (!table) {
        table = texture(gl.NEAREST);
        gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, 256, 1, 0, gl.RGBA, gl.UNSIGNED_BYTE, lut(name));
        luts.set(name, table);
      }
      gl.bindTexture(gl.TEXTURE_2D, table);
      gl.uniform1i(loc.u_image, 0);
      gl.uniform1i(loc.u_lut, 1);
      const u = uniforms(name, adjust);
      gl.uniformMatrix3fv(loc.u_toP, false, geom.toP);
      gl.uniformMatrix3fv(loc.u_toSrc, false, geom.toSrc);
      gl.uniform4fv(loc.u_crop, geom.crop);
      gl.uniform4fv(loc.u_tint, u.tint);
      gl.uniform1f(loc.u_preview, geom.preview);
      for (const k of ['brightness', 'contrast', 'saturation', 'warmth', 'fade', 'vignette', 'sepia', 'mono']) gl.uniform1f(loc['u_' + k], u[k]);
      gl.drawArrays(gl.TRIANGLE_STRIP, 0, 4);
      return canvas;
    },
    /** Drops the texture of a source no longer shown (a 12 MP photo is 48 MB of GPU memory). */
    forget(source) {
      const t = images.get(source);
      if (t) { gl.deleteTexture(t); images.delete(source); }
    },
    /** Gives the context back now rather than at garbage collection (browsers keep only a few). */
    dispose() { gl.getExtension('WEBGL_lose_context')?.loseContext(); },
  };
}

function canvasRenderer(canvas) {
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  const tables = new Map();
  // the source's pixels placed as the output wants them (rotated, cropped, scaled): the same for every filter and
  // adjustment, so a filter change only runs the per-pixel steps again, without drawing or reading the canvas
  let placed = null;
  return {
    kind: '2d',
    maxSize: 16384,
    draw(source, name, adjust, geom, width, height) {
      // (setting a size, even the same one, reallocates the canvas)
      if (canvas.width !== width) canvas.width = width;
      if (canvas.height !== height) canvas.height = height;
      const [a, b, , c, d, , e, f] = geom.toP; // uv → p (scale and offset only)
      const key = width + 'x' + height + ' ' + geom.toP.join() + ' ' + geom.toSrc.join();
      if (!placed || placed.source !== source || placed.key !== key) {
        // the geometry by the canvas's transform: output → p → source, inverted
        const [ra, rb, , rc, rd, , re, rf] = geom.toSrc; // p → source
        // source pixel = S * R * P * (output pixel / size): invert it for setTransform (source → output)
        const sw = source.width, sh = source.height;
        // m = S·R·P·D where D = diag(1/width, 1/height), S = diag(sw, sh)
        const m = mul(mul(mul([sw, 0, 0, sh, 0, 0], [ra, rb, rc, rd, re, rf]), [a, b, c, d, e, f]), [1 / width, 0, 0, 1 / height, 0, 0]);
        const inv = invert(m);
        ctx.setTransform(1, 0, 0, 1, 0, 0);
        ctx.clearRect(0, 0, width, height);
        ctx.setTransform(inv[0], inv[1], inv[2], inv[3], inv[4], inv[5]);
        ctx.imageSmoothingQuality = 'high';
        ctx.drawImage(source, 0, 0);
        ctx.setTransform(1, 0, 0, 1, 0, 0);
        placed = { source, key, px: ctx.getImageData(0, 0, width, height).data, out: ctx.createImageData(width, height) };
      }
      const src = placed.px;
      const data = placed.out;
      const px = data.data;
      let table = tables.get(name);
      if (!table) tables.set(name, table = lut(name));
      const u = uniforms(name, adjust);
      const out = [0, 0, 0];
      const [cx, cy, cw, ch] = geom.crop;
      // uv → p is a scale and an offset (b = c = 0), so p.y is the same along a row
      for (let y = 0; y < height; y++) {
        const qy = (d * ((y + 0.5) / height) + f - cy) / ch - 0.5;
        for (let x = 0; x < width; x++) {
          const i = (y * width + x) * 4;
          const qx = (a * ((x + 0.5) / width) + e - cx) / cw - 0.5;
          pixel(src[i], src[i + 1], src[i + 2], table, u, qx, qy, out);
          const dim = geom.preview && (qx < -0.5 || qx > 0.5 || qy < -0.5 || qy > 0.5) ? 0.35 : 1;
          px[i] = Math.round(out[0] * dim * 255);
          px[i + 1] = Math.round(out[1] * dim * 255);
          px[i + 2] = Math.round(out[2] * dim * 255);
          px[i + 3] = 255;
        }
      }
      ctx.putImageData(data, 0, 0);
      return canvas;
    },
    /** Drops the placed pixels of a source no longer shown (a 12 MP photo's are 96 MB). */
    forget(source) { if (placed?.source === source) placed = null; },
    dispose() { placed = null; },
  };
}

// 2D affine matrices as [a, b, c, d, e, f] (x' = a·x + c·y + e, y' = b·x + d·y + f)
function mul(m, n) {
  return [m[0] * n[0] + m[2] * n[1], m[1] * n[0] + m[3] * n[1], m[0] * n[2] + m[2] * n[3], m[1] * n[2] + m[3] * n[3],
    m[0] * n[4] + m[2] * n[5] + m[4], m[1] * n[4] + m[3] * n[5] + m[5]];
}

function invert(m) {
  const det = m[0] * m[3] - m[1] * m[2];
  return [m[3] / det, -m[1] / det, -m[2] / det, m[0] / det, (m[2] * m[5] - m[3] * m[4]) / det, (m[1] * m[4] - m[0] * m[5]) / det];
}
