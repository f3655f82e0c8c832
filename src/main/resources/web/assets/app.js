// Atoll's web app: the pages work without JavaScript; this module adds what needs it, page by page.
// Each feature lives in its own module and is loaded only where the page has its element.
const features = [
  ['.live[data-stream]', './live.js'],
  ['[data-compose]', './compose.js'],
  ['button[data-copy]', './copy.js'],
  // shortcuts everywhere in the app ('n', '?', '/'); j/k/f/b/r act where there are posts
  ['.shell', './keys.js'],
  ['video[data-gifv]', './gifv.js'],
  ['input[data-preview]', './preview.js'],
  // passkeys: adding one in settings, and signing in with one (second step or without password)
  ['[data-passkey]', './passkeys.js'],
  ['[data-album]', './carousel.js'],
  ['img[data-blurhash]', './blurhash.js'],
  ['[data-collection-order]', './collection-order.js'],
];

for (const [selector, module] of features) {
  if (document.querySelector(selector)) {
    import(module).then((m) => m.start?.()).catch((e) => console.warn('atoll: ' + module, e));
  }
}
