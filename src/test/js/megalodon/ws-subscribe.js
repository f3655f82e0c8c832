// A WebSocket client as browsers and Node 22 have it built in: the token as Sec-WebSocket-Protocol, a subscribe
// message as soon as the socket opens, and a post about a second later, without waiting for any answer. Each try
// must see its post's update; streams and tries are given by STREAMS (JSON: [{stream, tag?}]) and TRIES.
//
// With GO=stdin the script posts as soon as it reads a line on standard input instead of a second later: it prints
// {"subscribing": n, "stream": ...} after sending the subscribe frame, and the test answers once the server has read
// it (the earliest moment the server promises delivery; Mastodon acknowledges no subscription).
//
// Usage (NodeWebSocketSubscribeIT runs it): STREAMING_URL=ws://… ATOLL_URL=… READER_TOKEN=… AUTHOR_TOKEN=… node ws-subscribe.js
// Output: one JSON line per try, {"stream": "...", "try": n, "ok": true|false, ...}; exits 1 after the first miss.

import readline from 'node:readline'

const api = (process.env.ATOLL_URL ?? '').replace(/\/+$/, '')
const streaming = (process.env.STREAMING_URL ?? '').replace(/\/+$/, '') + '/api/v1/streaming'
const streams = JSON.parse(process.env.STREAMS ?? '[{"stream":"user"}]')
const tries = Number(process.env.TRIES ?? 20)
const waitMillis = Number(process.env.WAIT_SECONDS ?? 20) * 1000

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))
const goInput = process.env.GO === 'stdin' ? readline.createInterface({ input: process.stdin }) : null
const goLines = goInput?.[Symbol.asyncIterator]() ?? null

async function go(sub, n) {
  if (goLines === null) return sleep(1000)
  console.log(JSON.stringify({ subscribing: n, ...sub }))
  const line = await goLines.next()
  if (line.done) throw new Error('standard input closed')
}

async function post(text) {
  const r = await fetch(api + '/api/v1/statuses', {
    method: 'POST',
    headers: { Authorization: 'Bearer ' + process.env.AUTHOR_TOKEN, 'Content-Type': 'application/json' },
    body: JSON.stringify({ status: text, visibility: 'public' }),
  })
  if (r.status !== 200) throw new Error('posting answered ' + r.status + ': ' + (await r.text()))
  return (await r.json()).id
}

async function attempt(sub, n) {
  const ws = new WebSocket(streaming, process.env.READER_TOKEN)
  const updates = []
  let wake = () => {}
  ws.addEventListener('message', (m) => {
    const event = JSON.parse(m.data)
    if (event.event === 'update') updates.push(JSON.parse(event.payload).id)
    wake()
  })
  await new Promise((resolve, reject) => {
    ws.addEventListener('open', resolve, { once: true })
    ws.addEventListener('error', () => reject(new Error('the socket failed to open')), { once: true })
  })
  ws.send(JSON.stringify({ type: 'subscribe', ...sub }))
  await go(sub, n)
  const id = await post('try ' + n + (sub.tag ? ' #' + sub.tag : ''))
  const deadline = Date.now() + waitMillis
  while (!updates.includes(id) && Date.now() < deadline) {
    await new Promise((resolve) => {
      wake = resolve
      setTimeout(resolve, 200)
    })
  }
  ws.close()
  return { id, ok: updates.includes(id), updates }
}

for (const sub of streams) {
  for (let n = 0; n < tries; n++) {
    let result
    try {
      result = await attempt(sub, n)
    } catch (error) {
      result = { ok: false, error: error?.message ?? String(error) }
    }
    console.log(JSON.stringify({ stream: sub.stream, try: n, ...result }))
    if (!result.ok) process.exit(1)
  }
}
goInput?.close() // an open standard input would keep Node running
