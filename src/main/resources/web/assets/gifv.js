// GIFs (gifv videos) for readers who keep them still: they play while the pointer is over them or while they have
// the keyboard focus, and a click, Enter or Space starts or stops them. Readers who chose autoplay get the
// autoplay attribute from the server instead, and this module never loads for them.
function toggle(video) {
  if (video.paused) video.play().catch(() => {});
  else video.pause();
}

export function start() {
  document.addEventListener('mouseover', (e) => {
    const v = e.target.closest?.('video[data-gifv]');
    if (v && v.paused) v.play().catch(() => {});
  });
  document.addEventListener('mouseout', (e) => {
    const v = e.target.closest?.('video[data-gifv]');
    if (v && !v.contains(e.relatedTarget)) v.pause();
  });
  document.addEventListener('focusin', (e) => {
    if (e.target.matches?.('video[data-gifv]')) e.target.play().catch(() => {});
  });
  document.addEventListener('focusout', (e) => {
    if (e.target.matches?.('video[data-gifv]')) e.target.pause();
  });
  document.addEventListener('click', (e) => {
    const v = e.target.closest?.('video[data-gifv]');
    if (v) toggle(v);
  });
  document.addEventListener('keydown', (e) => {
    if ((e.key === 'Enter' || e.key === ' ') && e.target.matches?.('video[data-gifv]')) {
      e.preventDefault();
      toggle(e.target);
    }
  });
}
