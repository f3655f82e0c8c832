// Drives Atoll's status extras through megalodon, as an app built on it would: polls (post, vote, expiry),
// edits with history and source, bookmarks, the favourites list, pins, scheduled statuses and direct-message
// conversations. Two signed-in people are given as tokens (the sign-in flow itself is scenario.js's subject).
//
// Usage (MegalodonStatusExtrasIT runs it): ATOLL_URL=… ALICE_TOKEN=… BOB_TOKEN=… node status-extras.js
// The poll step waits until the poll has ended: the test ends it once it sees the "bob_votes" line.
// Output: one JSON line per step, {"step": "...", "ok": true, ...facts}; the first failure prints ok=false and exits 1.

import generator from 'megalodon'
import { Expectation, expect, clip, describe, step, waitFor } from './steps.js'

const url = (process.env.ATOLL_URL ?? '').replace(/\/+$/, '')


async function main() {
  const alice = generator('mastodon', url, process.env.ALICE_TOKEN)
  const bob = generator('mastodon', url, process.env.BOB_TOKEN)
  const { data: aliceMe } = await alice.verifyAccountCredentials()
  const { data: bobMe } = await bob.verifyAccountCredentials()

  const pollStatus = await step('alice_posts_poll', async () => {
    const { data } = await alice.postStatus('Tea or coffee?', { poll: { options: ['tea', 'coffee'], expires_in: 600, multiple: false } })
    expect(data.poll && data.poll.options.length === 2, 'the status should carry a two-option poll', { got: clip(data.poll) })
    expect(data.poll.expired === false && typeof data.poll.expires_at === 'string', 'a new poll is open with an end', { got: clip(data.poll) })
    return { facts: { poll: data.poll.id }, value: data }
  })

  await step('bob_votes', async () => {
    const { data } = await bob.votePoll(pollStatus.poll.id, [1])
    expect(data.voted === true && data.votes_count === 1, 'the vote should count', { got: clip(data) })
    expect(Array.isArray(data.own_votes) && data.own_votes[0] === 1, 'own_votes should be [1]', { got: clip(data.own_votes) })
    expect(data.options[1].votes_count === 1, 'coffee should have one vote', { got: clip(data.options) })
    return { facts: { votes_count: data.votes_count } }
  })

  await step('poll_ends', async () => {
    const ended = await waitFor('the poll has ended', async () => {
      const { data } = await bob.getPoll(pollStatus.poll.id)
      return { found: data.expired ? data : null, seen: data }
    })
    const notification = await waitFor('bob is told the poll ended', async () => {
      const { data } = await bob.getNotifications({ limit: 30 })
      return { found: data.find(n => n.status?.id === pollStatus.id && /poll/.test(n.type)), seen: data.map(n => n.type) }
    })
    return { facts: { expired: ended.expired, notification: notification.type } }
  })

  const edited = await step('alice_edits', async () => {
    const { data: posted } = await alice.postStatus('first draft', { visibility: 'public' })
    const { data } = await alice.editStatus(posted.id, { status: 'second draft' })
    expect(data.id === posted.id && data.content.includes('second draft'), 'the edit should answer the new version', { got: clip(data) })
    expect(typeof data.edited_at === 'string', 'edited_at should be set', { got: data.edited_at })
    const { data: source } = await alice.getStatusSource(posted.id)
    expect(source.text === 'second draft', 'source should be the new text', { got: clip(source) })
    const { data: history } = await alice.client.get(`/api/v1/statuses/${posted.id}/history`)
    expect(history.length === 2 && history[0].content.includes('first draft') && history[1].content.includes('second draft'),
      'history should list both versions, oldest first', { got: clip(history) })
    return { facts: { versions: history.length }, value: data }
  })

  await step('bookmarks_and_favourites', async () => {
    const { data: marked } = await bob.bookmarkStatus(edited.id)
    expect(marked.bookmarked === true, 'bookmark should answer bookmarked=true', { got: clip(marked) })
    await bob.favouriteStatus(pollStatus.id)
    const { data: bookmarks } = await bob.getBookmarks({ limit: 1, get_all: true })
    expect(bookmarks.some(s => s.id === edited.id), 'the bookmark should be listed', { got: bookmarks.map(s => s.id) })
    const { data: favourites } = await bob.getFavourites({ limit: 10 })
    expect(favourites.some(s => s.id === pollStatus.id), 'the favourite should be listed', { got: favourites.map(s => s.id) })
    const { data: unmarked } = await bob.unbookmarkStatus(edited.id)
    expect(unmarked.bookmarked === false, 'unbookmark should answer bookmarked=false', { got: clip(unmarked) })
    return { facts: { bookmarks: bookmarks.length, favourites: favourites.length } }
  })

  await step('pin', async () => {
    const { data } = await alice.pinStatus(edited.id)
    expect(data.pinned === true, 'pin should answer pinned=true', { got: clip(data) })
    const { data: pinned } = await alice.getAccountStatuses(aliceMe.id, { pinned: true })
    expect(pinned.some(s => s.id === edited.id), 'the pinned status should be listed', { got: pinned.map(s => s.id) })
    const { data: after } = await alice.unpinStatus(edited.id)
    expect(after.pinned === false, 'unpin should answer pinned=false', { got: clip(after) })
    return { facts: { pinned: pinned.length } }
  })

  await step('scheduled', async () => {
    const at = new Date(Date.now() + 3600_000).toISOString()
    const { data } = await alice.postStatus('later', { scheduled_at: at })
    expect(data.id && data.params?.text === 'later', 'a ScheduledStatus should come back', { got: clip(data) })
    const { data: list } = await alice.getScheduledStatuses({ limit: 20 })
    expect(list.some(s => s.id === data.id), 'the scheduled status should be listed', { got: clip(list) })
    const later = new Date(Date.now() + 7200_000).toISOString()
    const { data: moved } = await alice.scheduleStatus(data.id, later)
    expect(Date.parse(moved.scheduled_at) === Date.parse(later), 'the new time should be kept', { got: moved.scheduled_at, want: later })
    await alice.cancelScheduledStatus(data.id)
    const { data: after } = await alice.getScheduledStatuses({ limit: 20 })
    expect(!after.some(s => s.id === data.id), 'a cancelled status should be gone', { got: clip(after) })
    return { facts: { id: data.id } }
  })

  await step('conversations', async () => {
    const { data: dm } = await alice.postStatus(`@${bobMe.username} just between us`, { visibility: 'direct' })
    const { data: list } = await bob.getConversationTimeline({ limit: 20 })
    const c = list.find(x => x.last_status?.id === dm.id)
    expect(c && c.unread === true, 'bob should have an unread conversation ending with the message', { got: clip(list) })
    expect(c.accounts.some(a => a.id === aliceMe.id), 'alice should be a participant', { got: clip(c.accounts) })
    const { data: read } = await bob.readConversation(c.id)
    expect(read.unread === false, 'the conversation should be read now', { got: clip(read) })
    await bob.deleteConversation(c.id)
    const { data: after } = await bob.getConversationTimeline({ limit: 20 })
    expect(!after.some(x => x.id === c.id), 'a removed conversation should be gone', { got: clip(after) })
    return { facts: { conversation: c.id } }
  })

  console.log(JSON.stringify({ step: 'done', ok: true }))
}

main().catch(error => {
  console.log(JSON.stringify({ step: 'scenario', ok: false, ...describe(error) }))
  process.exit(1)
})
