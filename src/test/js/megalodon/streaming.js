// Drives Atoll's streaming API through megalodon, as Whalebird does: one WebSocket per stream, found through
// urls.streaming_api of /api/v1/instance, token in the query. bob follows alice and listens on his user stream and
// on public:local; alice listens on her user stream. alice posts, bob favourites, alice deletes.
//
// Usage (MegalodonStreamingIT runs it): ATOLL_URL=… ALICE_TOKEN=… BOB_TOKEN=… node streaming.js
// Output: one JSON line per step, {"step": "...", "ok": true, ...facts}; the first failure prints ok=false and exits 1.

import generator from 'megalodon'

const url = (process.env.ATOLL_URL ?? '').replace(/\/+$/, '')
const waitMillis = Number(process.env.WAIT_SECONDS ?? 20) * 1000

class Expectation extends Error {
  constructor(message, details = {}) {
    super(message)
    this.details = details
  }
}

function expect(condition, message, details) {
  if (!condition) throw new Expectation(message, details)
}

async function step(name, body) {
  try {
    const { facts = {}, value } = (await body()) ?? {}
    console.log(JSON.stringify({ step: name, ok: true, ...facts }))
    return value
  } catch (error) {
    const out = { error: error?.message ?? String(error) }
    if (error instanceof Expectation) Object.assign(out, error.details)
    if (error?.response) out.response = { status: error.response.status, body: JSON.stringify(error.response.data)?.slice(0, 2000) }
    console.log(JSON.stringify({ step: name, ok: false, ...out }))
    process.exit(1)
  }
}

/** Collects a stream's events so that a step can wait for the one it expects, whenever it came. */
function record(stream) {
  const seen = []
  const waiters = []
  for (const event of ['update', 'delete', 'notification', 'status_update']) {
    stream.on(event, payload => {
      seen.push({ event, payload })
      for (const w of [...waiters]) w()
    })
  }
  const opened = new Promise((resolve, reject) => {
    stream.on('connect', resolve)
    stream.on('error', reject)
  })
  return {
    opened,
    seen,
    next(what, match) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = seen.find(e => match(e))
          if (found) {
            waiters.splice(waiters.indexOf(check), 1)
            clearTimeout(timer)
            resolve(found.payload)
          }
        }
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(check), 1)
          reject(new Expectation(`no ${what} event arrived`, { seen: seen.map(e => e.event) }))
        }, waitMillis)
        waiters.push(check)
        check()
      })
    },
  }
}

async function main() {
  const alice = generator('mastodon', url, process.env.ALICE_TOKEN)
  const bob = generator('mastodon', url, process.env.BOB_TOKEN)
  const { data: aliceMe } = await alice.verifyAccountCredentials()

  const streams = await step('open_streams', async () => {
    await bob.followAccount(aliceMe.id)
    const bobUser = record(await bob.userStreaming())
    const bobLocal = record(await bob.localStreaming())
    const aliceUser = record(await alice.userStreaming())
    await Promise.all([bobUser.opened, bobLocal.opened, aliceUser.opened])
    // the server files a subscription as the socket opens; a first post shows all three are listening
    for (let i = 0; ; i++) {
      const { data } = await alice.postStatus(`warming up ${i}`, { visibility: 'public' })
      try {
        await bobLocal.next('warm-up update', e => e.event === 'update' && e.payload.id === data.id)
        await bobUser.next('warm-up update', e => e.event === 'update' && e.payload.id === data.id)
        break
      } catch (e) {
        if (i >= 3) throw e
      }
    }
    return { value: { bobUser, bobLocal, aliceUser } }
  })

  const post = await step('update_on_user_and_local', async () => {
    const { data } = await alice.postStatus('hello streaming world', { visibility: 'public' })
    const home = await streams.bobUser.next('update on bob\'s user stream', e => e.event === 'update' && e.payload.id === data.id)
    const local = await streams.bobLocal.next('update on public:local', e => e.event === 'update' && e.payload.id === data.id)
    expect(home.content.includes('hello streaming world'), 'the payload is the Status', { got: home.content })
    expect(home.account.id === aliceMe.id && local.account.id === aliceMe.id, 'posted by alice')
    expect(home.favourited === false, 'rendered for bob (favourited false)', { got: home.favourited })
    return { facts: { id: data.id }, value: data }
  })

  await step('notification_on_alice_user_stream', async () => {
    await bob.favouriteStatus(post.id)
    const n = await streams.aliceUser.next('notification', e => e.event === 'notification' && e.payload.status?.id === post.id)
    expect(n.type === 'favourite', 'a favourite notification', { got: n.type })
    return { facts: { type: n.type } }
  })

  await step('private_post_not_on_public_stream', async () => {
    const { data: priv } = await alice.postStatus('for followers', { visibility: 'private' })
    await streams.bobUser.next('private update for the follower', e => e.event === 'update' && e.payload.id === priv.id)
    const { data: pub } = await alice.postStatus('after the private one', { visibility: 'public' })
    await streams.bobLocal.next('the next public update', e => e.event === 'update' && e.payload.id === pub.id)
    expect(!streams.bobLocal.seen.some(e => e.event === 'update' && e.payload.id === priv.id), 'no private post on public:local')
    return {}
  })

  await step('delete_on_user_stream', async () => {
    await alice.deleteStatus(post.id)
    const id = await streams.bobUser.next('delete', e => e.event === 'delete' && String(e.payload) === post.id)
    return { facts: { id: String(id) } }
  })

  console.log(JSON.stringify({ step: 'done', ok: true }))
  process.exit(0)
}

main().catch(error => {
  console.log(JSON.stringify({ step: 'unexpected', ok: false, error: error?.message ?? String(error) }))
  process.exit(1)
})
