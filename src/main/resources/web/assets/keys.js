// Keyboard shortcuts as in Mastodon's web app: n new post, j/k next/previous post, f favourite, b boost, r reply
// on the focused post, / search, ? this list (a dialog; Escape closes it). Never while typing in a field.
const ITEMS = '.feed > article, article.status.detailed';

function typing(target) {
  return target instanceof HTMLElement && (target.isContentEditable || target.closest('input, textarea, select, [contenteditable]') !== null);
}

function current() {
  return document.activeElement?.closest?.(ITEMS) ?? null;
}

function move(step) {
  const items = [...document.querySelectorAll(ITEMS)];
  if (items.length === 0) return;
  const at = items.indexOf(current());
  const next = items[at < 0 ? (step > 0 ? 0 : items.length - 1) : Math.min(items.length - 1, Math.max(0, at + step))];
  next.focus({ preventScroll: true });
  const calm = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  next.scrollIntoView({ block: 'nearest', behavior: calm ? 'auto' : 'smooth' });
}

function act(key) {
  const item = current() ?? (document.querySelectorAll(ITEMS).length === 1 ? document.querySelector(ITEMS) : null);
  item?.querySelector('[data-key="' + key + '"]:not([disabled])')?.click();
}

let dialog = null;

async function help() {
  if (!dialog) {
    const response = await fetch('/web/keys', { credentials: 'same-origin' });
    if (!response.ok) return;
    document.body.insertAdjacentHTML('beforeend', await response.text());
    dialog = document.getElementById('keys-help');
  }
  if (!dialog.open) dialog.showModal();
}

export function start() {
  document.addEventListener('keydown', (event) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    if (dialog?.open) return;
    switch (event.key) {
      case 'j': move(1); break;
      case 'k': move(-1); break;
      case 'f': case 'b': case 'r': act(event.key); break;
      case 'n': window.location.assign('/compose'); break;
      case '/': {
        const field = document.querySelector('input[data-search], input[type=search]');
        if (field) field.focus(); else window.location.assign('/search');
        break;
      }
      case '?': help(); break;
      default: return;
    }
    event.preventDefault();
  });
}
