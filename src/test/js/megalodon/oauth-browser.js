// The part of the OAuth authorization-code flow that a person does in a browser: open the authorization URL,
// sign in on Atoll's HTML form, press "approve" on the consent form, read the code Atoll shows for the
// out-of-band redirect URI. Plain fetch with a cookie jar, forms parsed from the real HTML, no shortcuts:
// every hidden input the server rendered is sent back as a browser would.
//
// The contract these pages follow:
//   sign-in:  <form method="post" action="/auth/sign_in"> with email (e-mail or username), password,
//             hidden csrf and return_to; success answers 303 to return_to with a session cookie.
//   consent:  <form method="post" action="/oauth/authorize"> with hidden client_id, redirect_uri, scope, state,
//             code_challenge, code_challenge_method, response_type, csrf and buttons name="decision"
//             value="approve" / value="deny".
//   oob code: the consent POST answers a page with <code id="oauth-code">CODE</code>.

const CONSENT_FIELDS = ['client_id', 'redirect_uri', 'scope', 'state', 'code_challenge', 'code_challenge_method', 'response_type', 'csrf']

/** An error that carries the HTTP exchange it happened in, for the failure line. */
class BrowserError extends Error {
  constructor(message, exchange) {
    super(message)
    this.exchange = exchange
  }
}

/** Cookies by name for one host, as a browser keeps them (path and domain scoping do not matter here). */
class CookieJar {
  #cookies = new Map()

  store(response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';').map(s => s.trim())
      const eq = pair.indexOf('=')
      if (eq < 1) continue
      const name = pair.slice(0, eq)
      const expired = attributes.some(a => /^max-age=\s*(0|-\d+)$/i.test(a)) ||
        attributes.some(a => /^expires=/i.test(a) && Date.parse(a.slice(8)) < Date.now())
      if (expired) this.#cookies.delete(name)
      else this.#cookies.set(name, pair.slice(eq + 1))
    }
  }

  header() {
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ')
  }

  get size() { return this.#cookies.size }
}

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'", '#x27': "'", '#x2F': '/', '#47': '/' }

function decodeEntities(text) {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10)
      return Number.isFinite(code) ? String.fromCodePoint(code) : whole
    }
    return ENTITIES[name] ?? ENTITIES[name.toLowerCase()] ?? whole
  })
}

/** The attributes of one start tag, e.g. `<input type="hidden" name="csrf" value="x">`. */
function attributes(tag) {
  const out = {}
  const re = /([^\s"'<>\/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g
  const body = tag.replace(/^<\s*[a-z]+/i, '').replace(/\/?>$/, '')
  for (const m of body.matchAll(re)) out[m[1].toLowerCase()] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? '')
  return out
}

/** The form posting to `action` (path compared after resolving against the page URL), with its fields. */
function findForm(html, pageUrl, actionPath) {
  for (const m of html.matchAll(/<form\b[^>]*>([\s\S]*?)<\/form>/gi)) {
    const open = m[0].match(/^<form\b[^>]*>/i)[0]
    const attrs = attributes(open)
    const action = new URL(attrs.action ?? '', pageUrl)
    if (action.pathname !== actionPath) continue
    const fields = {}
    for (const input of m[1].matchAll(/<input\b[^>]*>/gi)) {
      const a = attributes(input[0])
      if (a.name && !['submit', 'button', 'image', 'reset'].includes((a.type ?? 'text').toLowerCase())) fields[a.name] = a.value ?? ''
    }
    const buttons = [...m[1].matchAll(/<button\b[^>]*>/gi)].map(b => attributes(b[0])).filter(b => b.name)
    return { method: (attrs.method ?? 'get').toLowerCase(), action: action.href, fields, buttons }
  }
  return null
}

/** One browser tab: follows redirects by hand so cookies set on a 303 are kept, like a real browser does. */
class Browser {
  jar = new CookieJar()
  pages = []

  async request(method, url, form) {
    const headers = { accept: 'text/html', 'user-agent': 'megalodon-scenario' }
    if (this.jar.size) headers.cookie = this.jar.header()
    let body
    if (form) {
      headers['content-type'] = 'application/x-www-form-urlencoded'
      body = new URLSearchParams(form).toString()
    }
    const response = await fetch(url, { method, headers, body, redirect: 'manual' })
    this.jar.store(response)
    const text = await response.text()
    this.pages.push(`${method} ${new URL(url).pathname} -> ${response.status}`)
    return { url, status: response.status, location: response.headers.get('location'), type: response.headers.get('content-type') ?? '', text }
  }

  /** GETs `url` and follows up to five redirects; answers the final page. */
  async open(url, method = 'GET', form) {
    let page = await this.request(method, url, form)
    for (let hops = 0; page.status >= 300 && page.status < 400 && page.location; hops++) {
      if (hops === 5) throw new BrowserError('too many redirects', { pages: this.pages })
      page = await this.request('GET', new URL(page.location, page.url).href)
    }
    return page
  }
}

function exchange(browser, page) {
  return { pages: browser.pages, response: { status: page.status, content_type: page.type, body: page.text.slice(0, 1500) } }
}

/**
 * Opens `authorizeUrl`, signs in with `login`/`password`, approves, and answers `{ code, pages }`.
 * A fresh browser each time: no session is shared between people.
 */
export async function signInAndApprove(authorizeUrl, login, password) {
  const browser = new Browser()
  let page = await browser.open(authorizeUrl)

  const signIn = findForm(page.text, page.url, '/auth/sign_in')
  if (signIn) {
    const missing = ['email', 'password', 'csrf', 'return_to'].filter(f => !(f in signIn.fields))
    if (signIn.method !== 'post' || missing.length) {
      throw new BrowserError(`sign-in form must POST email, password, csrf, return_to; missing: ${missing.join(', ') || '(method)'}`, exchange(browser, page))
    }
    const filled = { ...signIn.fields, email: login, password }
    const posted = await browser.request('POST', signIn.action, filled)
    if (posted.status !== 303 || !posted.location) {
      throw new BrowserError(`sign-in should answer 303 to return_to, got ${posted.status}`, exchange(browser, posted))
    }
    page = await browser.open(new URL(posted.location, posted.url).href)
  } else if (!findForm(page.text, page.url, '/oauth/authorize')) {
    throw new BrowserError('authorization URL shows neither the sign-in form nor the consent form', exchange(browser, page))
  }

  const consent = findForm(page.text, page.url, '/oauth/authorize')
  if (!consent) throw new BrowserError('after signing in, the authorization URL shows no consent form', exchange(browser, page))
  const missing = CONSENT_FIELDS.filter(f => !(f in consent.fields))
  const approve = consent.buttons.find(b => b.name === 'decision' && b.value === 'approve')
  const deny = consent.buttons.find(b => b.name === 'decision' && b.value === 'deny')
  if (consent.method !== 'post' || missing.length || !approve || !deny) {
    throw new BrowserError(`consent form must POST ${CONSENT_FIELDS.join(', ')} with approve/deny buttons; missing: ${[...missing, ...(approve ? [] : ['approve']), ...(deny ? [] : ['deny'])].join(', ') || '(method)'}`,
      exchange(browser, page))
  }
  if (!/^text\/html/i.test(page.type)) throw new BrowserError('consent page is not text/html', exchange(browser, page))

  const answer = await browser.request('POST', consent.action, { ...consent.fields, decision: 'approve' })
  const shown = answer.text.match(/<code\b[^>]*\bid\s*=\s*["']?oauth-code["']?[^>]*>\s*([^<\s]+)\s*<\/code>/i)
  if (answer.status !== 200 || !shown) {
    throw new BrowserError('approving with the out-of-band redirect URI should show <code id="oauth-code">', exchange(browser, answer))
  }
  return { code: decodeEntities(shown[1]), pages: browser.pages }
}
