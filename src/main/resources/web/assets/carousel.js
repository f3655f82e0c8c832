// The album of a post's page: one photo at a time with previous/next buttons, a "2 / 5" count, the arrow keys and a
// swipe (pointer events), and a full-screen viewer (a <dialog>) that shows the photo whole with its alt text. Without
// this script the album is a plain list of the photos, one under the other.

const fill = (text, ...args) => args.reduce((t, a, i) => t.replace('{' + i + '}', String(a)), text || '');

const sprite = () => {
  const use = document.querySelector('use[href*="icons.svg"]');
  return use ? use.getAttribute('href').split('#')[0] : '';
};

const button = (cls, label, icon) => {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = cls;
  b.setAttribute('aria-label', label);
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('class', 'icon');
  svg.setAttribute('aria-hidden', 'true');
  const use = document.createElementNS('http://www.w3.org/2000/svg', 'use');
  use.setAttribute('href', sprite() + '#' + icon);
  svg.append(use);
  b.append(svg);
  return b;
};

function setup(root) {
  if (root.dataset.ready) return;
  root.dataset.ready = '1';
  const t = root.dataset;
  const slides = [...root.querySelectorAll('.album-slide')];
  const n = slides.length;
  if (n < 2) return;
  let at = 0;
  root.classList.add('album-live');

  const bar = document.createElement('div');
  bar.className = 'album-bar';
  const prev = button('album-nav secondary album-prev', t.prev, 'chevron-left');
  const next = button('album-nav secondary album-next', t.next, 'chevron-right');
  const full = button('album-nav secondary album-full', t.view, 'expand');
  const count = document.createElement('p');
  count.className = 'album-count';
  count.setAttribute('aria-live', 'polite');
  bar.append(prev, count, next, full);
  root.append(bar);

  const show = (i) => {
    at = Math.max(0, Math.min(n - 1, i));
    slides.forEach((s, j) => {
      s.hidden = j !== at;
      if (j !== at) s.querySelector('video')?.pause();
    });
    count.textContent = fill(t.of, at + 1, n);
    // a button that becomes disabled under the keyboard would drop focus to the page: it goes to the other one
    const focused = document.activeElement;
    prev.disabled = at === 0;
    next.disabled = at === n - 1;
    if (focused === next && next.disabled) prev.focus();
    if (focused === prev && prev.disabled) next.focus();
    if (viewer.open) paint();
  };

  // the full-screen viewer
  const viewer = document.createElement('dialog');
  viewer.className = 'album-viewer';
  viewer.setAttribute('aria-label', root.getAttribute('aria-label'));
  const figure = document.createElement('figure');
  const big = document.createElement('img');
  const caption = document.createElement('figcaption');
  figure.append(big, caption);
  const vbar = document.createElement('div');
  vbar.className = 'album-bar';
  const vprev = button('album-nav album-prev', t.prev, 'chevron-left');
  const vnext = button('album-nav album-next', t.next, 'chevron-right');
  const vcount = document.createElement('p');
  vcount.className = 'album-count';
  vcount.setAttribute('aria-live', 'polite');
  const close = button('album-nav album-close', t.close, 'close');
  vbar.append(vprev, vcount, vnext, close);
  viewer.append(figure, vbar);
  document.body.append(viewer);
  const paint = () => {
    const slide = slides[at];
    const img = slide.querySelector('img');
    const video = slide.querySelector('video');
    big.hidden = !img;
    if (img) {
      big.src = slide.querySelector('[data-full]')?.dataset.full || img.src;
      big.alt = img.alt;
    }
    caption.textContent = (img ? img.alt : video?.getAttribute('aria-label')) || t.noAlt;
    vcount.textContent = fill(t.of, at + 1, n);
    const focused = document.activeElement;
    vprev.disabled = at === 0;
    vnext.disabled = at === n - 1;
    if ((focused === vnext && vnext.disabled) || (focused === vprev && vprev.disabled)) close.focus();
  };
  let opener = null;
  const open = (from) => {
    opener = from;
    paint();
    viewer.showModal();
    close.focus();
  };
  viewer.addEventListener('close', () => opener?.focus());
  close.addEventListener('click', () => viewer.close());
  vprev.addEventListener('click', () => show(at - 1));
  vnext.addEventListener('click', () => show(at + 1));
  viewer.addEventListener('click', (e) => { if (e.target === viewer) viewer.close(); });
  viewer.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowLeft') { show(at - 1); e.preventDefault(); }
    else if (e.key === 'ArrowRight') { show(at + 1); e.preventDefault(); }
  });

  prev.addEventListener('click', () => show(at - 1));
  next.addEventListener('click', () => show(at + 1));
  full.addEventListener('click', () => open(full));
  for (const a of root.querySelectorAll('.album-open')) {
    a.addEventListener('click', (e) => { e.preventDefault(); open(a); });
  }
  root.addEventListener('keydown', (e) => {
    if (e.target.closest('video')) return;
    if (e.key === 'ArrowLeft') { show(at - 1); e.preventDefault(); e.stopPropagation(); }
    else if (e.key === 'ArrowRight') { show(at + 1); e.preventDefault(); e.stopPropagation(); }
  });

  // a swipe: a horizontal drag of more than 40 px (vertical ones scroll the page: touch-action: pan-y)
  const track = root.querySelector('.album-track');
  let x0 = null;
  track.addEventListener('pointerdown', (e) => { x0 = e.clientX; });
  track.addEventListener('pointercancel', () => { x0 = null; });
  track.addEventListener('pointerup', (e) => {
    if (x0 === null) return;
    const dx = e.clientX - x0;
    x0 = null;
    if (Math.abs(dx) > 40) {
      track.dataset.swiped = '1';
      show(at + (dx < 0 ? 1 : -1));
    }
  });
  // a mouse drag would start the browser's own drag of the photo or its link (and cancel the pointer): not here
  track.addEventListener('dragstart', (e) => e.preventDefault());
  // a swipe ends in a click on the photo's link: that click must not open the viewer
  track.addEventListener('click', (e) => {
    if (!track.dataset.swiped) return;
    e.preventDefault();
    e.stopImmediatePropagation();
    delete track.dataset.swiped;
  }, true);
  track.addEventListener('pointerdown', () => { delete track.dataset.swiped; });

  show(0);
}

export function start() { document.querySelectorAll('[data-album]').forEach(setup); }
