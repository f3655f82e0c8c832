// Shared by the megalodon scenarios that take ready-made tokens: one JSON line per step, the first failure
// printed with the request and response megalodon saw, then exit 1; polling for asynchronous effects.

const pollMillis = Number(process.env.POLL_SECONDS ?? 30) * 1000

export class Expectation extends Error {
  constructor(message, details = {}) {
    super(message)
    this.details = details
  }
}

export function expect(condition, message, details) {
  if (!condition) throw new Expectation(message, details)
}

export const clip = value => {
  const text = typeof value === 'string' ? value : JSON.stringify(value)
  return text !== undefined && text.length > 2000 ? text.slice(0, 2000) + '…' : text
}

export function describe(error) {
  const out = { error: error?.message ?? String(error) }
  if (error instanceof Expectation) Object.assign(out, error.details)
  if (error?.isAxiosError) {
    out.request = { method: error.config?.method?.toUpperCase(), url: error.config?.url, body: clip(error.config?.data) }
    if (error.response) out.response = { status: error.response.status, body: clip(error.response.data) }
  }
  return out
}

export async function step(name, body) {
  try {
    const { facts = {}, value } = (await body()) ?? {}
    console.log(JSON.stringify({ step: name, ok: true, ...facts }))
    return value
  } catch (error) {
    console.log(JSON.stringify({ step: name, ok: false, ...describe(error) }))
    process.exit(1)
  }
}

export async function waitFor(what, probe) {
  const deadline = Date.now() + pollMillis
  for (;;) {
    const last = await probe()
    if (last.found) return last.found
    if (Date.now() > deadline) throw new Expectation(`timed out waiting until ${what}`, { last: clip(last.seen) })
    await new Promise(resolve => setTimeout(resolve, 250))
  }
}
