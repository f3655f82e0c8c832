// Live feeds: new items arrive over the streaming API (Server-Sent Events, signed in by the page's cookie) and wait
// behind a "N new" button, so nothing moves under the reader; the button shows them at the top.
// The bar names what to listen to: data-stream (and data-list for a list), data-event (default "update": a post;
// "notification": a notification) and data-card, the fragment URL with {id} for the item's id.
export function start() {
  const bar = document.querySelector('.live[data-stream]');
  const feed = document.querySelector('.feed');
  if (!bar || !feed || typeof EventSource === 'undefined') return;
  const button = bar.querySelector('button');
  const kind = bar.dataset.event || 'update';
  const card = bar.dataset.card || '/web/statuses/{id}/card';
  const pending = [];
  const seen = new Set([...feed.querySelectorAll(':scope > article')].map((a) => a.dataset.id));

  const label = () => {
    const n = pending.length;
    button.textContent = n === 1 ? button.dataset.one : button.dataset.many.replace('#', String(n));
    bar.hidden = n === 0;
  };

  let query = 'stream=' + encodeURIComponent(bar.dataset.stream);
  if (bar.dataset.list) query += '&list=' + encodeURIComponent(bar.dataset.list);
  const stream = new EventSource('/api/v1/streaming?' + query);
  stream.addEventListener(kind, async (event) => {
    let item;
    try { item = JSON.parse(event.data); } catch { return; }
    // a post is known by the post it shows (a boost shows the boosted one); a notification by its own id
    const key = kind === 'update' && item.reblog ? item.reblog.id : item.id;
    if (seen.has(key)) return;
    seen.add(key);
    const response = await fetch(card.replace('{id}', encodeURIComponent(item.id)), { credentials: 'same-origin' });
    if (!response.ok) return;
    pending.unshift(await response.text());
    label();
  });
  stream.addEventListener('delete', (event) => {
    document.getElementById('status-' + event.data)?.remove();
  });

  button.addEventListener('click', () => {
    const html = pending.splice(0).join('');
    feed.insertAdjacentHTML('afterbegin', html);
    label();
    document.querySelector('.feed-empty')?.remove();
    window.htmx?.process(feed);
    feed.querySelector(':scope > article')?.focus();
  });
}
