// "Copy link" on a post's "more" page: the address is in a read-only field anyway (select it and copy without
// script); this button copies it in one step and says so.
export function start() {
  document.querySelectorAll('button[data-copy]').forEach((button) => {
    const field = document.getElementById(button.dataset.copy);
    const status = button.closest('section')?.querySelector('[data-copy-status]');
    if (!field) return;
    button.hidden = false;
    button.addEventListener('click', async () => {
      try {
        await navigator.clipboard.writeText(field.value);
      } catch {
        field.select();
        document.execCommand('copy');
      }
      if (status) status.textContent = button.dataset.copied;
    });
  });
}
