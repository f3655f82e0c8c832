// The order of a collection's posts in its editor. Without this script each up/down button is a form that moves the
// post one place and reloads the page. With it, the buttons move the post in place (focus stays on the button, a
// live region says where it went), a post can be dragged by its handle (pointer events), and each change sends the
// whole order to the server in one POST.

const fill = (text, ...args) => args.reduce((t, a, i) => t.replace('{' + i + '}', String(a)), text || '');

export function start() {
  const list = document.querySelector('[data-collection-order]');
  if (!list || list.dataset.ready) return;
  list.dataset.ready = '1';
  const csrf = document.querySelector('input[name="csrf"]')?.value || '';
  const live = document.createElement('p');
  live.className = 'visually-hidden';
  live.setAttribute('role', 'status');
  list.after(live);
  const items = () => [...list.querySelectorAll(':scope > .collection-item')];

  const save = () => {
    const body = new URLSearchParams({ csrf, order: items().map((li) => li.dataset.status).join(',') });
    return fetch(list.dataset.collectionOrder, {
      method: 'POST', body, credentials: 'same-origin',
      headers: { 'X-CSRF-Token': csrf, 'HX-Request': 'true' },
    });
  };
  const announce = (li) => {
    const all = items();
    live.textContent = fill(list.dataset.moved, all.indexOf(li) + 1, all.length);
  };
  const move = (li, by) => {
    const all = items();
    const from = all.indexOf(li);
    const to = Math.max(0, Math.min(all.length - 1, from + by));
    if (to === from) return false;
    if (by < 0) all[to].before(li); else all[to].after(li);
    return true;
  };

  list.addEventListener('submit', (e) => {
    const button = e.submitter || e.target.querySelector('button');
    const dir = button?.dataset.move;
    if (!dir) return;
    e.preventDefault();
    const li = e.target.closest('.collection-item');
    if (move(li, dir === 'up' ? -1 : 1)) {
      save();
      announce(li);
    }
    button.focus();
  });

  // dragging by the handle: the post follows the pointer over the others, the order is sent when it is let go
  let dragged = null;
  list.addEventListener('pointerdown', (e) => {
    const handle = e.target.closest('.drag-handle');
    if (!handle) return;
    dragged = handle.closest('.collection-item');
    dragged.classList.add('moving');
    handle.setPointerCapture(e.pointerId);
    e.preventDefault();
  });
  list.addEventListener('pointermove', (e) => {
    if (!dragged) return;
    const over = document.elementsFromPoint(e.clientX, e.clientY).map((el) => el.closest?.('.collection-item'))
      .find((el) => el && el !== dragged);
    if (!over) return;
    const all = items();
    if (all.indexOf(over) < all.indexOf(dragged)) over.before(dragged); else over.after(dragged);
  });
  const drop = () => {
    if (!dragged) return;
    dragged.classList.remove('moving');
    save();
    announce(dragged);
    dragged = null;
  };
  list.addEventListener('pointerup', drop);
  list.addEventListener('pointercancel', drop);
}
