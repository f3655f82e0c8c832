// The composer: a live character count (the server's rule, mirrored from the form's data attributes; the server
// stays the judge), uploads as soon as files are picked, dropped or pasted (each through POST /web/media, which
// answers the attachment's fields), a focal point picker, the browser's time zone for scheduled posts, and
// autocomplete for @mentions, #tags and :emoji: from /web/compose/suggest (signed in by the page's cookie).
// Without this module the form still works: files go up with the form, and "Attach and describe" shows them back.

// twitter-text's URL rule is larger; this catches what people type, and the server's count decides
const URL_PATTERN = /https?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]'’”]/giu;
// a remote mention counts as its @username only (TextFormatter.MENTION on the server)
const MENTION_PATTERN = /(^|[^=/\w])@([a-z0-9_]+(?:[a-z0-9_.-]+[a-z0-9_]+)?)@[\w.-]+\w(?::\d{1,5})?/giu;
const segmenter = typeof Intl !== 'undefined' && Intl.Segmenter ? new Intl.Segmenter(undefined, { granularity: 'grapheme' }) : null;

export function start() {
  document.querySelectorAll('form[data-compose]').forEach(init);
  // the compact composer of the home timeline arrives through htmx after the page loaded
  document.addEventListener('htmx:load', (event) => {
    const elt = event.detail?.elt;
    if (!(elt instanceof Element)) return;
    if (elt.matches('form[data-compose]')) init(elt);
    elt.querySelectorAll?.('form[data-compose]').forEach(init);
  });
}

function graphemes(s) {
  if (segmenter) { let n = 0; for (const _ of segmenter.segment(s)) n++; return n; }
  return [...s].length;
}

export function count(text, spoiler, urlWeight) {
  const countable = text
    .replace(URL_PATTERN, 'x'.repeat(urlWeight))
    .replace(MENTION_PATTERN, (_, before, user) => before + '@' + user);
  return graphemes(spoiler.trim() + countable);
}

function plural(one, many, n) { return n === 1 ? one : many.replace('#', String(n)); }

function init(form) {
  if (form.dataset.composeReady) return;
  form.dataset.composeReady = '1';
  const text = form.querySelector('[data-text]');
  const cw = form.querySelector('[data-cw]');
  const counter = form.querySelector('[data-counter]');
  const submit = form.querySelector('[data-submit]');
  const max = Number(form.dataset.max);
  const urlWeight = Number(form.dataset.urlWeight);
  const zone = form.querySelector('[data-timezone]');
  try { zone.value = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'; } catch { /* UTC */ }

  const recount = () => {
    const left = max - count(text.value, cw ? cw.value : '', urlWeight);
    const d = form.dataset;
    counter.textContent = left >= 0 ? plural(d.leftOne, d.leftMany, left) : plural(d.overOne, d.overMany, -left);
    counter.classList.toggle('over', left < 0);
  };
  text.addEventListener('input', recount);
  cw?.addEventListener('input', recount);
  recount();

  media(form, submit);
  autocomplete(form, text);
  // Ctrl/Cmd+Enter posts, as in Mastodon's composer
  text.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); form.requestSubmit(submit); }
  });
}

function media(form, submit) {
  const input = form.querySelector('[data-files]');
  const list = form.querySelector('[data-attachments]');
  const status = form.querySelector('[data-upload-status]');
  const zone = form.querySelector('[data-dropzone]');
  const attach = form.querySelector('[data-attach]');
  if (!input || !list) return;
  if (attach) attach.hidden = true;
  const csrf = form.querySelector('input[name=csrf]').value;
  const maxMedia = Number(form.dataset.maxMedia);
  let queue = Promise.resolve();
  let pending = 0;
  // the photo composer (photo-editor.js, album.js): filters baked in before upload, album order, alt text reminder
  const editor = form.querySelector('template[data-photo-editor]');
  if (editor) import('./album.js').then((m) => m.album(form, list, editor.dataset)).catch((e) => console.warn('atoll: album.js', e));

  list.querySelectorAll('.attachment').forEach(bindAttachment);

  const send = (file) => {
    pending++;
    submit.disabled = true;
    queue = queue.then(async () => {
      if (list.querySelectorAll('.attachment').length >= maxMedia) {
        // the album is full: say so, rather than leave the person counting what was dropped
        status.classList.add('failed');
        status.textContent = (form.dataset.tooMany || '') + ' ' + file.name;
        return;
      }
      status.classList.remove('failed');
      let filter = '';
      try {
        if (editor && /^image\/(jpeg|png|webp)$/.test(file.type)) {
          const edited = await (await import('./photo-editor.js')).edit(file, editor);
          if (!edited) { input.focus(); return; }
          ({ file, filter } = edited);
        }
      } catch (e) {
        console.warn('atoll: photo editor', e); // the photo goes up as it is
      }
      status.textContent = form.dataset.uploading + ' ' + file.name;
      const body = new FormData();
      body.append('file', file, file.name);
      if (filter) body.append('filter_name', filter);
      try {
        const r = await fetch(form.dataset.upload, { method: 'POST', body, credentials: 'same-origin', headers: { 'X-CSRF-Token': csrf } });
        const answer = await r.text();
        if (!r.ok) throw new Error(answer || String(r.status));
        list.insertAdjacentHTML('beforeend', answer);
        const added = list.lastElementChild;
        if (filter) added.dataset.filter = filter;
        bindAttachment(added);
        status.textContent = '';
        added.querySelector('textarea')?.focus();
      } catch (e) {
        status.classList.add('failed');
        status.textContent = form.dataset.uploadFailed + ' ' + (e.message || e);
      }
    }).finally(() => { if (--pending === 0) submit.disabled = false; });
  };
  const sendAll = (files) => { for (const f of files) send(f); };

  input.addEventListener('change', () => { sendAll([...input.files]); input.value = ''; });
  form.addEventListener('paste', (e) => {
    const files = [...(e.clipboardData?.files || [])];
    if (files.length) { e.preventDefault(); sendAll(files); }
  });
  for (const type of ['dragenter', 'dragover']) {
    form.addEventListener(type, (e) => { if (e.dataTransfer?.types?.includes('Files')) { e.preventDefault(); zone?.classList.add('dragging'); } });
  }
  form.addEventListener('dragleave', (e) => { if (!form.contains(e.relatedTarget)) zone?.classList.remove('dragging'); });
  form.addEventListener('drop', (e) => {
    if (!e.dataTransfer?.files?.length) return;
    e.preventDefault();
    zone?.classList.remove('dragging');
    sendAll([...e.dataTransfer.files]);
  });
}

/** The focal point picker (click on the preview) and the remove button of one attachment. */
function bindAttachment(el) {
  const picker = el.querySelector('[data-focus-picker]');
  const field = el.querySelector('[data-focus]');
  const mark = el.querySelector('[data-focus-mark]');
  const place = (x, y) => {
    const fx = Math.round((x + 1) / 2 * 10), fy = Math.round((1 - y) / 2 * 10);
    mark.className = mark.className.replace(/\bf[xy]\d+\b/g, '').trim() + ' fx' + fx + ' fy' + fy;
  };
  if (picker && field && mark) {
    picker.addEventListener('click', (e) => {
      const box = picker.getBoundingClientRect();
      const x = Math.max(-1, Math.min(1, ((e.clientX - box.left) / box.width) * 2 - 1));
      const y = Math.max(-1, Math.min(1, 1 - ((e.clientY - box.top) / box.height) * 2));
      field.value = x.toFixed(2) + ',' + y.toFixed(2);
      place(x, y);
    });
    field.addEventListener('change', () => {
      const [x, y] = field.value.split(',').map(Number);
      if (Number.isFinite(x) && Number.isFinite(y)) place(Math.max(-1, Math.min(1, x)), Math.max(-1, Math.min(1, y)));
    });
  }
  const remove = el.querySelector('[data-remove]');
  if (remove) {
    remove.hidden = false;
    remove.addEventListener('click', () => {
      const form = el.closest('form');
      el.remove();
      form?.querySelector('[data-files]')?.focus();
    });
  }
}

function autocomplete(form, text) {
  const list = document.getElementById(text.getAttribute('aria-controls'));
  if (!list || !form.dataset.suggest) return;
  let items = [];
  let active = -1;
  let token = null;
  let timer = 0;
  let asked = 0;

  const close = () => {
    list.hidden = true;
    list.replaceChildren();
    items = [];
    active = -1;
    text.setAttribute('aria-expanded', 'false');
    text.removeAttribute('aria-activedescendant');
  };
  const highlight = (i) => {
    active = i;
    [...list.children].forEach((li, j) => li.setAttribute('aria-selected', String(j === i)));
    if (i >= 0) text.setAttribute('aria-activedescendant', list.children[i].id);
  };
  const pick = (i) => {
    const item = items[i];
    if (!item || !token) return;
    const before = text.value.slice(0, token.start);
    const after = text.value.slice(token.end);
    text.value = before + item.value + ' ' + after;
    const caret = (before + item.value + ' ').length;
    text.setSelectionRange(caret, caret);
    close();
    text.dispatchEvent(new Event('input'));
    text.focus();
  };
  const current = () => {
    const caret = text.selectionStart;
    const head = text.value.slice(0, caret);
    const m = /(^|[\s(])([@#:][\p{L}\p{N}_.@-]*)$/u.exec(head);
    if (!m || m[2].length < 2) return null;
    return { q: m[2], start: caret - m[2].length, end: caret };
  };

  text.addEventListener('input', () => {
    clearTimeout(timer);
    token = current();
    if (!token) { close(); return; }
    const t = token;
    timer = setTimeout(async () => {
      const n = ++asked;
      try {
        const r = await fetch(form.dataset.suggest + '?q=' + encodeURIComponent(t.q), { credentials: 'same-origin' });
        if (!r.ok || n !== asked) return;
        items = await r.json();
      } catch { return; }
      if (!items.length) { close(); return; }
      list.replaceChildren(...items.map((s, i) => {
        const li = document.createElement('li');
        li.id = text.id + '-suggestion-' + i;
        li.setAttribute('role', 'option');
        li.textContent = s.label;
        li.addEventListener('mousedown', (e) => { e.preventDefault(); pick(i); });
        return li;
      }));
      list.hidden = false;
      text.setAttribute('aria-expanded', 'true');
      highlight(0);
    }, 150);
  });
  text.addEventListener('keydown', (e) => {
    if (list.hidden || !items.length) return;
    if (e.key === 'ArrowDown') { e.preventDefault(); highlight((active + 1) % items.length); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); highlight((active - 1 + items.length) % items.length); }
    else if ((e.key === 'Enter' || e.key === 'Tab') && active >= 0 && !e.ctrlKey && !e.metaKey) { e.preventDefault(); pick(active); }
    else if (e.key === 'Escape') { e.preventDefault(); close(); }
  });
  text.addEventListener('blur', () => setTimeout(close, 100));
}
