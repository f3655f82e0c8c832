// The composer's album: the order of the photos (a handle on each, dragged with a pointer or moved with the arrow
// keys; the order of the form's media_ids is the post's), and a reminder when a photo has no alt text (once per
// post: posting again posts without it, as Mastodon's reminder does).

const fill = (text, ...args) => args.reduce((t, a, i) => t.replace('{' + i + '}', String(a)), text || '');

export function album(form, list, texts) {
  const live = document.createElement('p');
  live.className = 'visually-hidden';
  live.setAttribute('role', 'status');
  list.after(live);
  const items = () => [...list.querySelectorAll(':scope > .attachment')];

  const label = () => {
    const all = items();
    all.forEach((el, i) => {
      const handle = el.querySelector('[data-move]');
      if (!handle) return;
      const shown = (i + 1) + '/' + all.length;
      // the name starts with the visible "1/2", so voice control users can say what they see (WCAG 2.5.3)
      handle.setAttribute('aria-label', shown + ' – ' + fill(texts.move, i + 1) + ', ' + fill(texts.of, i + 1, all.length));
      handle.querySelector('span:last-child').textContent = shown;
      handle.hidden = all.length < 2;
    });
  };
  const moveTo = (el, index, announce) => {
    const all = items();
    const from = all.indexOf(el);
    const to = Math.max(0, Math.min(all.length - 1, index));
    if (from === to || from < 0) return;
    const others = all.filter((x) => x !== el);
    if (to >= others.length) others[others.length - 1].after(el);
    else others[to].before(el);
    label();
    if (announce) live.textContent = fill(texts.moved, to + 1, all.length);
  };

  const bind = (el) => {
    if (el.dataset.albumReady) return;
    el.dataset.albumReady = '1';
    const handle = document.createElement('button');
    handle.type = 'button';
    handle.className = 'secondary move-handle';
    handle.dataset.move = '';
    // the grip (⠿) is drawn by the stylesheet: as text it would be part of what the button visibly says
    handle.append(document.createElement('span'));
    el.prepend(handle);
    handle.addEventListener('keydown', (e) => {
      const i = items().indexOf(el);
      const to = { ArrowUp: i - 1, ArrowLeft: i - 1, ArrowDown: i + 1, ArrowRight: i + 1, Home: 0, End: items().length - 1 }[e.key];
      if (to === undefined) return;
      e.preventDefault();
      moveTo(el, to, true);
      handle.focus();
    });
    // a pointer drag (mouse, pen or finger): the photo goes where the pointer is over another one
    handle.addEventListener('pointerdown', (e) => {
      handle.setPointerCapture(e.pointerId);
      el.classList.add('moving');
    });
    handle.addEventListener('pointermove', (e) => {
      if (!el.classList.contains('moving')) return;
      const over = items().find((x) => {
        if (x === el) return false;
        const b = x.getBoundingClientRect();
        return e.clientY >= b.top && e.clientY <= b.bottom && e.clientX >= b.left && e.clientX <= b.right;
      });
      if (over) moveTo(el, items().indexOf(over), false);
    });
    const drop = () => {
      if (!el.classList.contains('moving')) return;
      el.classList.remove('moving');
      const all = items();
      live.textContent = fill(texts.moved, all.indexOf(el) + 1, all.length);
    };
    handle.addEventListener('pointerup', drop);
    handle.addEventListener('pointercancel', drop);

    // the alt text reminder beside the field, while it is empty
    const alt = el.querySelector('textarea[name^=description_]');
    if (alt && el.querySelector('[data-focus-picker]')) {
      const note = document.createElement('p');
      note.className = 'alt-missing';
      note.id = alt.id + '-missing';
      note.textContent = texts.altMissing;
      alt.after(note);
      alt.setAttribute('aria-describedby', note.id);
      const check = () => { note.hidden = alt.value.trim() !== ''; };
      alt.addEventListener('input', check);
      check();
    }
    if (el.dataset.filter) {
      const applied = document.createElement('p');
      applied.className = 'hint filter-applied';
      applied.textContent = fill(texts.filterApplied, el.dataset.filter);
      el.querySelector('.attachment-fields')?.prepend(applied);
    }
  };

  items().forEach(bind);
  label();
  new MutationObserver(() => { items().forEach(bind); label(); }).observe(list, { childList: true });

  let reminded = false;
  const reminder = document.createElement('p');
  reminder.className = 'error';
  reminder.setAttribute('role', 'alert');
  reminder.hidden = true;
  form.querySelector('.actions')?.before(reminder);
  form.addEventListener('submit', (e) => {
    if (e.submitter?.name === 'attach') return;
    const missing = items().map((el) => el.querySelector('.alt-missing:not([hidden])')).filter(Boolean);
    if (!missing.length || reminded) return;
    e.preventDefault();
    reminded = true;
    reminder.textContent = texts.altReminder;
    reminder.hidden = false;
    missing[0].previousElementSibling.focus();
  });
}
