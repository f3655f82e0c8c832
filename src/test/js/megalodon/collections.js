// Drives Atoll's collections through megalodon, as an app built on it would: lists (create, add a member, the list
// timeline, rename, delete), filters v2 (keywords, `filtered` on a matching home status, delete), paging a timeline
// in both directions (max_id, min_id, since_id), follow requests on a locked account, mutes and blocks.
// Three signed-in people are given as tokens (the sign-in flow itself is scenario.js's subject).
//
// Usage (MegalodonCollectionsIT runs it): ATOLL_URL=… ALICE_TOKEN=… BOB_TOKEN=… CAROL_TOKEN=… node collections.js
// Output: one JSON line per step, {"step": "...", "ok": true, ...facts}; the first failure prints ok=false and exits 1.

import generator from 'megalodon'
import { Expectation, expect, clip, describe, step, waitFor } from './steps.js'

const url = (process.env.ATOLL_URL ?? '').replace(/\/+$/, '')


async function expectNotFound(what, call) {
  try {
    const res = await call()
    throw new Expectation(`${what} should answer 404`, { status: res.status, got: clip(res.data) })
  } catch (error) {
    if (error instanceof Expectation) throw error
    if (error?.response?.status !== 404) throw error
  }
}

const ids = list => list.map(s => s.id)

async function main() {
  const alice = generator('mastodon', url, process.env.ALICE_TOKEN)
  const bob = generator('mastodon', url, process.env.BOB_TOKEN)
  const carol = generator('mastodon', url, process.env.CAROL_TOKEN)
  const { data: aliceMe } = await alice.verifyAccountCredentials()
  const { data: bobMe } = await bob.verifyAccountCredentials()
  const { data: carolMe } = await carol.verifyAccountCredentials()
  const nonce = Date.now().toString(36)

  const homeHas = (client, statusId) => waitFor(`status ${statusId} is in the home timeline`, async () => {
    const { data } = await client.getHomeTimeline({ limit: 40 })
    return { found: data.find(s => s.id === statusId), seen: ids(data) }
  })

  await step('lists', async () => {
    const { data: rel } = await alice.followAccount(bobMe.id)
    expect(rel.following === true, 'alice should follow bob', { got: clip(rel) })
    const { data: list } = await alice.createList('friends')
    expect(list.id && list.title === 'friends', 'the new list should come back', { got: clip(list) })
    await alice.addAccountsToList(list.id, [bobMe.id])
    const { data: members } = await alice.getAccountsInList(list.id, { limit: 40 })
    expect(members.some(a => a.id === bobMe.id), 'bob should be a member', { got: clip(members) })
    const { data: post } = await bob.postStatus(`for my listeners ${nonce}`)
    await waitFor('bob’s post is in the list timeline', async () => {
      const { data } = await alice.getListTimeline(list.id, { limit: 20 })
      return { found: data.find(s => s.id === post.id), seen: ids(data) }
    })
    const { data: renamed } = await alice.updateList(list.id, 'close friends')
    expect(renamed.title === 'close friends', 'the rename should answer the new title', { got: clip(renamed) })
    const { data: lists } = await alice.getLists()
    expect(lists.some(l => l.id === list.id && l.title === 'close friends'), 'the renamed list should be listed', { got: clip(lists) })
    await alice.deleteList(list.id)
    await expectNotFound('a deleted list', () => alice.getList(list.id))
    return { facts: { list: list.id, members: members.length } }
  })

  await step('filters_v2', async () => {
    const { data: filter } = await alice.client.post('/api/v2/filters', {
      title: 'spoilers', context: ['home'], filter_action: 'warn',
      keywords_attributes: [{ keyword: `twist${nonce}`, whole_word: true }]
    })
    expect(filter.id && filter.keywords?.length === 1 && filter.filter_action === 'warn', 'the filter should come back with its keyword', { got: clip(filter) })
    const { data: post } = await bob.postStatus(`the twist${nonce} at the end`)
    await homeHas(alice, post.id)
    const { data: home } = await alice.client.get('/api/v1/timelines/home', { limit: 40 })
    const seen = home.find(s => s.id === post.id)
    const result = seen?.filtered?.find(r => r.filter?.id === filter.id)
    expect(result && result.keyword_matches?.includes(`twist${nonce}`), 'the status should carry the filter result', { got: clip(seen?.filtered) })
    const { data: other } = await bob.postStatus(`nothing to hide ${nonce}`)
    await homeHas(alice, other.id)
    const { data: home2 } = await alice.client.get('/api/v1/timelines/home', { limit: 40 })
    const plain = home2.find(s => s.id === other.id)
    expect(Array.isArray(plain.filtered) && plain.filtered.length === 0, 'a status matching nothing has filtered=[]', { got: clip(plain.filtered) })
    await alice.client.del(`/api/v2/filters/${filter.id}`)
    const { data: after } = await alice.client.get(`/api/v1/statuses/${post.id}`)
    expect(Array.isArray(after.filtered) && after.filtered.length === 0, 'after the delete nothing is filtered', { got: clip(after.filtered) })
    await expectNotFound('a deleted filter', () => alice.client.get(`/api/v2/filters/${filter.id}`))
    return { facts: { filter: filter.id } }
  })

  await step('paging_both_ways', async () => {
    const posted = []
    for (let i = 1; i <= 5; i++) posted.push((await bob.postStatus(`page ${i} ${nonce}`)).data.id)
    await homeHas(alice, posted[4])
    await homeHas(alice, posted[0])
    const older = (await alice.getHomeTimeline({ limit: 2, max_id: posted[4] })).data
    expect(JSON.stringify(ids(older)) === JSON.stringify([posted[3], posted[2]]), 'max_id pages back, newest first', { got: ids(older), posted })
    const res = await alice.getHomeTimeline({ limit: 2, min_id: posted[0] })
    expect(JSON.stringify(ids(res.data)) === JSON.stringify([posted[2], posted[1]]),
      'min_id gives the statuses right after it, newest first', { got: ids(res.data), posted })
    expect(/<[^>]*min_id=\d+[^>]*>;\s*rel="prev"/.test(res.headers.link ?? ''), 'a min_id page links rel="prev" with min_id', { link: res.headers.link })
    const next = (await alice.getHomeTimeline({ limit: 2, min_id: posted[2] })).data
    expect(JSON.stringify(ids(next)) === JSON.stringify([posted[4], posted[3]]), 'walking min_id forward reaches the newest', { got: ids(next), posted })
    const since = (await alice.getHomeTimeline({ limit: 2, since_id: posted[0] })).data
    expect(JSON.stringify(ids(since)) === JSON.stringify([posted[4], posted[3]]), 'since_id gives the newest statuses after it', { got: ids(since), posted })
    const none = (await alice.getHomeTimeline({ limit: 2, since_id: posted[4] })).data
    expect(none.length === 0, 'nothing is newer than the newest', { got: ids(none) })
    return { facts: { posted: posted.length } }
  })

  await step('follow_request_on_locked_account', async () => {
    const { data: locked } = await carol.updateCredentials({ locked: true })
    expect(locked.locked === true, 'carol should be locked', { got: clip(locked) })
    const { data: secret } = await carol.postStatus(`followers only ${nonce}`, { visibility: 'private' })
    await expectNotFound('a followers-only post before the follow', () => alice.getStatus(secret.id))
    const { data: rel } = await alice.followAccount(carolMe.id)
    expect(rel.requested === true && rel.following === false, 'a follow of a locked account is a request', { got: clip(rel) })
    const { data: requests } = await carol.getFollowRequests(40)
    expect(requests.some(a => a.id === aliceMe.id), 'carol should see alice’s request', { got: clip(requests) })
    const { data: accepted } = await carol.acceptFollowRequest(aliceMe.id)
    expect(accepted.followed_by === true, 'after authorizing, alice follows carol', { got: clip(accepted) })
    const { data: mine } = await alice.getRelationship(carolMe.id)
    expect(mine.following === true && mine.requested === false, 'alice’s side shows following', { got: clip(mine) })
    const { data: seen } = await alice.getStatus(secret.id)
    expect(seen.id === secret.id, 'alice now sees the followers-only post', { got: clip(seen) })
    const { data: later } = await carol.postStatus(`for my followers ${nonce}`, { visibility: 'private' })
    await homeHas(alice, later.id)
    const { data: left } = await carol.getFollowRequests(40)
    expect(!left.some(a => a.id === aliceMe.id), 'an authorized request is gone', { got: clip(left) })
    return { facts: { requests: requests.length } }
  })

  await step('mutes', async () => {
    const { data: rel } = await alice.muteAccount(carolMe.id, true)
    expect(rel.muting === true && rel.muting_notifications === true, 'alice should mute carol', { got: clip(rel) })
    const { data: mutes } = await alice.getMutes({ limit: 40 })
    expect(mutes.some(a => a.id === carolMe.id), 'carol should be listed as muted', { got: clip(mutes) })
    const { data: muted } = await carol.postStatus(`you will not hear this ${nonce}`, { visibility: 'private' })
    const { data: mine } = await alice.postStatus(`my own marker ${nonce}`)
    await homeHas(alice, mine.id)
    const { data: home } = await alice.getHomeTimeline({ limit: 40 })
    expect(!home.some(s => s.id === muted.id), 'a muted account’s post is not in the home timeline', { got: ids(home) })
    const { data: unmuted } = await alice.unmuteAccount(carolMe.id)
    expect(unmuted.muting === false, 'unmute should answer muting=false', { got: clip(unmuted) })
    return { facts: { mutes: mutes.length } }
  })

  await step('blocks', async () => {
    const { data: post } = await alice.postStatus(`before the block ${nonce}`)
    const { data: rel } = await alice.blockAccount(bobMe.id)
    expect(rel.blocking === true && rel.following === false, 'blocking ends the follow', { got: clip(rel) })
    const { data: blocks } = await alice.getBlocks({ limit: 40 })
    expect(blocks.some(a => a.id === bobMe.id), 'bob should be listed as blocked', { got: clip(blocks) })
    await expectNotFound('the blocker’s post for the blocked', () => bob.getStatus(post.id))
    const { data: unblocked } = await alice.unblockAccount(bobMe.id)
    expect(unblocked.blocking === false, 'unblock should answer blocking=false', { got: clip(unblocked) })
    const { data: again } = await bob.getStatus(post.id)
    expect(again.id === post.id, 'after the unblock bob sees the post again', { got: clip(again) })
    return { facts: { blocks: blocks.length } }
  })

  console.log(JSON.stringify({ step: 'done', ok: true }))
}

main().catch(error => {
  console.log(JSON.stringify({ step: 'scenario', ok: false, ...describe(error) }))
  process.exit(1)
})
