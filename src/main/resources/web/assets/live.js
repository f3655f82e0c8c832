// Live timelines: new posts arrive over the streaming API (Server-Sent Events, signed in by the page's cookie) and
// wait behind a "N new posts" button, so nothing moves under the reader; the button shows them at the top.
export function start() {
  const bar = document.querySelector('.live[data-stream]');
  const feed = document.querySelector('.feed');
  if (!bar || !feed || typeof EventSource === 'undefined') return;
  const button = bar.querySelector('button');
  const pending = [];
  const seen = new Set([...feed.querySelectorAll('article.status')].map((a) => a.dataset.id));

  const label = () => {
    const n = pending.length;
    button.textContent = n === 1 ? button.dataset.one : button.dataset.many.replace('#', String(n));
    bar.hidden = n === 0;
  };

  const stream = new EventSource('/api/v1/streaming?stream=' + encodeURIComponent(bar.dataset.stream));
  stream.addEventListener('update', async (event) => {
    let status;
    try { status = JSON.parse(event.data); } catch { return; }
    const id = status.reblog ? status.reblog.id : status.id;
    if (seen.has(id)) return;
    seen.add(id);
    const response = await fetch('/web/statuses/' + encodeURIComponent(status.id) + '/card', { credentials: 'same-origin' });
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
    window.htmx?.process(feed);
    feed.querySelector('article.status')?.focus();
  });
}
