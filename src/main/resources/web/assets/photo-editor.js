// The photo editor of the composer: a filter (each with a live thumbnail of the photo), adjustments, crop and
// rotation, shown in a dialog before a photo is uploaded. What it shows is baked into the pixels of the file sent
// (a new JPEG at full resolution; the photo's EXIF orientation applied, none of its metadata kept), so every app
// and server sees the filtered photo and the original never leaves the device. With no change at all, the file
// picked is sent as it is (the server strips its metadata, as for every upload).
import { NAMES, geometry, renderer } from './photo-filters.js';

const ADJUSTMENTS = ['brightness', 'contrast', 'saturation', 'warmth', 'fade', 'vignette'];
const RATIOS = { '1:1': 1, '4:5': 4 / 5, '16:9': 16 / 9 };
const PREVIEW_EDGE = 1280;
const THUMB = 72;

// ?canvas2d on the page's address tries the path of browsers without WebGL
const without = () => new URLSearchParams(location.search).has('canvas2d');
// thumbnails and the full-size bake share one context; each dialog's preview has its own, drawn where it is shown
let shared = null;
const render = () => (shared ||= renderer(without()));

/**
 * Opens the editor for {@code file}; resolves with {file, filter} to upload (filter '' for none), or null when
 * the person cancelled.
 */
export async function edit(file, template) {
  let bitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    return { file, filter: '' }; // a format this browser cannot read: the server will say what it thinks of it
  }
  const r = render();
  const dialog = template.content.firstElementChild.cloneNode(true);
  document.body.append(dialog);
  try {
    return await run(dialog, template.dataset, file, bitmap, r);
  } finally {
    r.forget(bitmap);
    bitmap.close?.();
    dialog.remove();
  }
}

async function run(dialog, texts, file, bitmap, r) {
  const side = Math.min(bitmap.width, bitmap.height);
  const thumbSource = await createImageBitmap(bitmap, (bitmap.width - side) / 2, (bitmap.height - side) / 2, side, side,
    { resizeWidth: THUMB * 2, resizeHeight: THUMB * 2, resizeQuality: 'medium' });

  const state = { filter: '', adjust: Object.fromEntries(ADJUSTMENTS.map((a) => [a, 0])), rotation: 0, ratio: 'none', crop: [0, 0, 1, 1] };
  const canvas = dialog.querySelector('[data-pe-canvas]');
  const stage = canvas.parentElement;
  const view = renderer(without(), canvas);
  const status = dialog.querySelector('[data-pe-status]');
  const strip = dialog.querySelector('[data-pe-strip]');
  if (view.kind !== 'webgl') dialog.querySelector('[data-pe-nogl]').hidden = false;
  const rotated = () => (state.rotation % 2 ? [bitmap.height, bitmap.width] : [bitmap.width, bitmap.height]);

  // The preview is drawn at the size it is shown (the space the stage gives it × devicePixelRatio), never larger
  // than the photo, from a copy of the photo of exactly that size: each redraw shades only the pixels on screen,
  // one texel each. That copy is made again when the shown size changes (resize, rotation), never on a filter or
  // an adjustment change, which only sets the shader's numbers and draws.
  let target = [1, 1]; // the canvas's size, rotated as shown
  let preview = null, previewKey = '', making = '', closed = false;
  let measure = true; // the shown size may have changed
  const shownSize = () => {
    const [pw, ph] = rotated();
    const cs = getComputedStyle(stage);
    const boxW = stage.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
    const boxH = parseFloat(getComputedStyle(canvas).maxHeight) || Infinity;
    // not laid out (yet): the old fixed size
    const fitCss = boxW > 0 ? Math.min(1, boxW / pw, boxH / ph) : Math.min(1, PREVIEW_EDGE / Math.max(pw, ph));
    const s = Math.min(1, fitCss * (boxW > 0 ? window.devicePixelRatio || 1 : 1));
    // floor: a canvas a fraction wider than its box would be scaled down, blurring every pixel
    return [Math.max(1, Math.floor(pw * s)), Math.max(1, Math.floor(ph * s))];
  };
  const resize = () => {
    target = shownSize();
    const [uw, uh] = state.rotation % 2 ? [target[1], target[0]] : target;
    const key = uw + 'x' + uh;
    if (key === previewKey) { making = ''; return; } // back to the size there is a copy of: drop one on its way
    if (key === making) return;
    making = key;
    const copy = uw >= bitmap.width && uh >= bitmap.height ? Promise.resolve(bitmap)
      : createImageBitmap(bitmap, { resizeWidth: uw, resizeHeight: uh, resizeQuality: 'high' });
    copy.then((b) => {
      if (closed || making !== key) { if (b !== bitmap) b.close?.(); return; } // given up, or a newer size asked for
      making = '';
      const old = preview;
      preview = b;
      previewKey = key;
      if (old && old !== b) { view.forget(old); if (old !== bitmap) old.close?.(); }
      redraw();
    });
  };

  let frame = 0;
  const draw = () => {
    frame = 0;
    if (measure) { measure = false; resize(); }
    if (!preview) return; // its first copy is on its way and draws when it comes
    view.draw(preview, state.filter, state.adjust, geometry(state.rotation, state.crop, true), target[0], target[1]);
    canvas.dataset.filter = state.filter;
  };
  const redraw = () => { if (!frame) frame = requestAnimationFrame(draw); };
  const remeasure = () => { measure = true; redraw(); };
  // the stage's own height follows the canvas: only a new size is worth a redraw
  const resized = () => {
    const [w, h] = shownSize();
    if (w !== target[0] || h !== target[1]) remeasure();
  };
  const watch = new ResizeObserver(resized);
  window.addEventListener('resize', resized); // the stage's height follows the window's (vh), its width may not
  // a new pixel density (zoom, a window moved to another screen) may leave every CSS size as it was
  let density = null;
  const densityChanged = () => { watchDensity(); resized(); };
  const watchDensity = () => {
    density?.removeEventListener('change', densityChanged);
    density = matchMedia(`(resolution: ${window.devicePixelRatio || 1}dppx)`);
    density.addEventListener('change', densityChanged);
  };
  watchDensity();

  // the strip: "Normal" and every filter, as radio buttons (arrow keys move between them), each with its thumbnail
  const thumbs = [];
  for (const name of ['', ...NAMES]) {
    const label = document.createElement('label');
    label.className = 'pe-filter';
    const input = document.createElement('input');
    input.type = 'radio';
    input.name = 'pe-filter';
    input.value = name;
    input.checked = name === '';
    input.className = 'visually-hidden';
    const thumb = document.createElement('canvas');
    thumb.width = thumb.height = THUMB * 2;
    thumb.setAttribute('aria-hidden', 'true');
    const text = document.createElement('span');
    text.textContent = name || texts.normal;
    label.append(input, thumb, text);
    strip.append(label);
    thumbs.push([name, thumb]);
    input.addEventListener('change', () => {
      if (!input.checked) return;
      state.filter = name;
      redraw();
    });
  }
  const drawThumbs = () => {
    for (const [name, thumb] of thumbs) {
      const out = r.draw(thumbSource, name, state.adjust, geometry(0, [0, 0, 1, 1], false), THUMB * 2, THUMB * 2);
      thumb.getContext('2d').drawImage(out, 0, 0);
    }
  };
  let thumbTimer = 0;
  const redrawThumbs = () => { clearTimeout(thumbTimer); thumbTimer = setTimeout(drawThumbs, 200); };

  for (const input of dialog.querySelectorAll('[data-adjust]')) {
    const output = input.nextElementSibling;
    input.addEventListener('input', () => {
      state.adjust[input.dataset.adjust] = Number(input.value);
      output.textContent = input.value;
      redraw();
      redrawThumbs();
    });
  }

  // crop: a fixed ratio is the largest centred frame of that shape, moved by dragging or the arrow keys; a free one
  // is drawn by dragging and resized with Shift and the arrow keys
  const fit = () => {
    const [w, h] = rotated();
    const want = RATIOS[state.ratio];
    if (!want) { state.crop = [0, 0, 1, 1]; return; }
    const aspect = w / h;
    const cw = want > aspect ? 1 : want / aspect, ch = want > aspect ? aspect / want : 1;
    state.crop = [(1 - cw) / 2, (1 - ch) / 2, cw, ch];
  };
  const clampCrop = () => {
    let [x, y, w, h] = state.crop;
    w = Math.max(0.05, Math.min(1, w));
    h = Math.max(0.05, Math.min(1, h));
    x = Math.max(0, Math.min(1 - w, x));
    y = Math.max(0, Math.min(1 - h, y));
    state.crop = [x, y, w, h];
  };
  for (const input of dialog.querySelectorAll('[data-ratio]')) {
    input.addEventListener('change', () => {
      if (!input.checked) return;
      state.ratio = input.value;
      fit();
      redraw();
    });
  }
  for (const button of dialog.querySelectorAll('[data-pe-rotate]')) {
    button.addEventListener('click', () => {
      state.rotation = (state.rotation + Number(button.dataset.peRotate) + 4) % 4;
      fit();
      remeasure();
    });
  }
  const at = (e) => {
    const box = canvas.getBoundingClientRect();
    return [Math.max(0, Math.min(1, (e.clientX - box.left) / box.width)), Math.max(0, Math.min(1, (e.clientY - box.top) / box.height))];
  };
  let dragFrom = null;
  canvas.addEventListener('pointerdown', (e) => {
    if (state.ratio === 'none') return;
    canvas.setPointerCapture(e.pointerId);
    dragFrom = { p: at(e), crop: state.crop.slice() };
  });
  canvas.addEventListener('pointermove', (e) => {
    if (!dragFrom) return;
    const [px, py] = at(e);
    const [sx, sy] = dragFrom.p;
    if (state.ratio === 'free' && !dragFrom.moving) {
      state.crop = [Math.min(sx, px), Math.min(sy, py), Math.abs(px - sx), Math.abs(py - sy)];
    } else {
      const [x, y, w, h] = dragFrom.crop;
      state.crop = [x + px - sx, y + py - sy, w, h];
    }
    clampCrop();
    redraw();
  });
  const endDrag = () => { dragFrom = null; };
  canvas.addEventListener('pointerup', endDrag);
  canvas.addEventListener('pointercancel', endDrag);
  canvas.addEventListener('keydown', (e) => {
    const step = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] }[e.key];
    if (!step || state.ratio === 'none') return;
    e.preventDefault();
    const [x, y, w, h] = state.crop;
    const d = 0.02;
    state.crop = e.shiftKey && state.ratio === 'free' ? [x, y, w + step[0] * d, h + step[1] * d] : [x + step[0] * d, y + step[1] * d, w, h];
    clampCrop();
    redraw();
  });

  const reset = () => {
    state.filter = '';
    state.rotation = 0;
    measure = true;
    state.ratio = 'none';
    for (const a of ADJUSTMENTS) state.adjust[a] = 0;
    dialog.querySelector('input[name=pe-filter][value=""]').checked = true;
    for (const input of dialog.querySelectorAll('[data-adjust]')) { input.value = '0'; input.nextElementSibling.textContent = '0'; }
    for (const input of dialog.querySelectorAll('[data-ratio]')) input.checked = input.value === 'none';
    fit();
    redraw();
    drawThumbs();
  };
  dialog.querySelector('[data-pe-reset]').addEventListener('click', reset);

  // shown first: the preview's size is the one the open dialog gives it
  dialog.showModal();
  watch.observe(stage);
  draw();
  drawThumbs();
  dialog.querySelector('input[name=pe-filter]:checked').focus();

  const answer = await new Promise((resolve) => {
    dialog.addEventListener('cancel', (e) => { e.preventDefault(); resolve(null); });
    dialog.querySelector('[data-pe-cancel]').addEventListener('click', () => resolve(null));
    dialog.querySelector('[data-pe-done]').addEventListener('click', () => resolve('done'));
  });
  closed = true;
  cancelAnimationFrame(frame);
  watch.disconnect();
  window.removeEventListener('resize', resized);
  density.removeEventListener('change', densityChanged);
  if (preview) { view.forget(preview); if (preview !== bitmap) preview.close?.(); }
  view.dispose();
  thumbSource.close?.();
  if (!answer) { dialog.close(); return null; }
  const untouched = !state.filter && state.rotation === 0 && state.ratio === 'none' && ADJUSTMENTS.every((a) => state.adjust[a] === 0);
  if (untouched) { dialog.close(); return { file, filter: '' }; }

  status.textContent = texts.working;
  for (const b of dialog.querySelectorAll('button')) b.disabled = true;
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
  const blob = await bake(bitmap, state, r);
  dialog.close();
  const name = (file.name || 'photo').replace(/\.[^.]*$/, '') + '.jpg';
  return { file: new File([blob], name, { type: 'image/jpeg' }), filter: state.filter };
}

/** The full-resolution photo with everything applied, as a JPEG. */
export async function bake(bitmap, state, r = render()) {
  let source = bitmap;
  const limit = r.maxSize;
  if (Math.max(bitmap.width, bitmap.height) > limit) {
    // larger than the GPU takes in one texture: the largest size it does take
    const s = limit / Math.max(bitmap.width, bitmap.height);
    source = await createImageBitmap(bitmap, { resizeWidth: Math.floor(bitmap.width * s), resizeHeight: Math.floor(bitmap.height * s), resizeQuality: 'high' });
  }
  const [w, h] = state.rotation % 2 ? [source.height, source.width] : [source.width, source.height];
  const [, , cw, ch] = state.crop;
  const out = r.draw(source, state.filter, state.adjust, geometry(state.rotation, state.crop, false),
    Math.max(1, Math.round(w * cw)), Math.max(1, Math.round(h * ch)));
  const blob = await new Promise((resolve, reject) => out.toBlob((b) => (b ? resolve(b) : reject(new Error('encoding failed'))), 'image/jpeg', 0.92));
  r.forget(source);
  if (source !== bitmap) source.close?.();
  return blob;
}
