// Passkeys (WebAuthn): adding one in settings, and signing in with one — as the second step after the password, or
// on its own. The server hands out the options (a one-time challenge) and checks the answer; this module only
// moves bytes between it and navigator.credentials. Without WebAuthn support the controls stay hidden or disabled.

const b64 = {
  decode(s) {
    const base = s.replace(/-/g, '+').replace(/_/g, '/');
    const bin = atob(base + '='.repeat((4 - (base.length % 4)) % 4));
    return Uint8Array.from(bin, (c) => c.charCodeAt(0)).buffer;
  },
  encode(buffer) {
    let bin = '';
    for (const byte of new Uint8Array(buffer)) bin += String.fromCharCode(byte);
    return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  },
};

async function post(url, csrf, fields) {
  const body = new URLSearchParams({ csrf, ...fields });
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'X-CSRF-Token': csrf, Accept: 'application/json' },
    body,
    credentials: 'same-origin',
  });
  const data = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(data.error || response.statusText);
  return data;
}

function credentialJson(credential) {
  const r = credential.response;
  const response = { clientDataJSON: b64.encode(r.clientDataJSON) };
  if (r.attestationObject) {
    response.attestationObject = b64.encode(r.attestationObject);
    response.transports = r.getTransports ? r.getTransports() : [];
  } else {
    response.authenticatorData = b64.encode(r.authenticatorData);
    response.signature = b64.encode(r.signature);
    if (r.userHandle) response.userHandle = b64.encode(r.userHandle);
  }
  return JSON.stringify({
    id: credential.id,
    rawId: b64.encode(credential.rawId),
    type: credential.type,
    authenticatorAttachment: credential.authenticatorAttachment ?? null,
    clientExtensionResults: credential.getClientExtensionResults(),
    response,
  });
}

function say(box, message) {
  const status = box.querySelector('[data-passkey-status]');
  if (!status) return;
  status.textContent = message;
  status.hidden = !message;
}

async function register(form) {
  const csrf = form.dataset.csrf;
  const name = form.querySelector('input[name=name]').value.trim();
  const o = await post(form.dataset.options, csrf, {});
  const credential = await navigator.credentials.create({
    publicKey: {
      challenge: b64.decode(o.challenge),
      rp: { id: o.rp_id, name: o.rp_name },
      user: { id: b64.decode(o.user_id), name: o.user_name, displayName: o.user_display_name },
      pubKeyCredParams: [{ type: 'public-key', alg: -7 }, { type: 'public-key', alg: -8 }, { type: 'public-key', alg: -257 }],
      excludeCredentials: o.credential_ids.map((id) => ({ type: 'public-key', id: b64.decode(id) })),
      authenticatorSelection: { residentKey: 'required', requireResidentKey: true, userVerification: 'preferred' },
      attestation: 'none',
      timeout: o.timeout,
    },
  });
  const done = await post(form.dataset.finish, csrf, { name, credential: credentialJson(credential) });
  window.location.assign(done.redirect);
}

async function signIn(box) {
  const csrf = box.dataset.csrf;
  const o = await post(box.dataset.options, csrf, {});
  const credential = await navigator.credentials.get({
    publicKey: {
      challenge: b64.decode(o.challenge),
      rpId: o.rp_id,
      allowCredentials: o.credential_ids.map((id) => ({ type: 'public-key', id: b64.decode(id) })),
      userVerification: o.credential_ids.length ? 'preferred' : 'required',
      timeout: o.timeout,
    },
  });
  const done = await post(box.dataset.finish, csrf, { credential: credentialJson(credential), return_to: box.dataset.returnTo || '/' });
  window.location.assign(done.redirect);
}

function failed(box, e) {
  // NotAllowedError: the person cancelled, or no passkey answered in time
  say(box, e && e.name === 'NotAllowedError' ? box.dataset.cancelled : (e && e.message) || box.dataset.cancelled);
}

export function start() {
  if (!window.PublicKeyCredential || !navigator.credentials) return;
  document.querySelectorAll('form[data-passkey=register]').forEach((form) => {
    form.querySelector('[data-passkey-unsupported]')?.setAttribute('hidden', '');
    const button = form.querySelector('button[type=submit]');
    button.disabled = false;
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      say(form, '');
      button.disabled = true;
      try {
        await register(form);
      } catch (e) {
        failed(form, e);
      } finally {
        button.disabled = false;
      }
    });
  });
  document.querySelectorAll('[data-passkey=second], [data-passkey=passwordless]').forEach((box) => {
    box.hidden = false;
    const button = box.querySelector('button');
    button.addEventListener('click', async () => {
      say(box, '');
      button.disabled = true;
      try {
        await signIn(box);
      } catch (e) {
        failed(box, e);
      } finally {
        button.disabled = false;
      }
    });
  });
}
