// Profile images: shows a chosen avatar or header in place of the current one before the form is saved.
// The file stays local (a blob: URL, which the page's CSP allows for images) until the person saves.
export function start() {
  for (const input of document.querySelectorAll('input[type=file][data-preview]')) {
    const img = document.querySelector(input.dataset.preview);
    if (!img) continue;
    const original = img.src;
    let shown = null;
    const show = () => {
      if (shown) URL.revokeObjectURL(shown);
      const file = input.files && input.files[0];
      shown = file && file.type.startsWith('image/') ? URL.createObjectURL(file) : null;
      img.src = shown || original;
    };
    input.addEventListener('change', show);
    if (input.files && input.files.length) show(); // chosen before this module loaded

  }
}
