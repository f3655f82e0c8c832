// Sends requests to Atoll signed by Fedify's own code and prints one JSON line with what was sent and how Atoll
// answered each. Run by FedifySignaturesIT.
//
// Environment: MODE, URL (the target), KEY_ID (the actor's key id), PRIVATE_KEY (PKCS#8 PEM of the actor's RSA key).
//  MODE=load: fetch URL through Fedify's authenticated document loader, i.e. its real double knock (RFC 9421
//    first, draft-cavage if refused); every attempt is reported.
//  MODE=sign (default): one request, METHOD (GET | POST) with BODY, signed by signRequest() with spec rfc9421;
//    COMPONENTS (space-separated) replaces the default covered components, as an Accept-Signature challenge does;
//    SEND_TO sends the signed request there instead, with its Host header, as a TLS-terminating proxy forwards it.
import http from "node:http";
import { getAuthenticatedDocumentLoader } from "@fedify/fedify";
import { signRequest } from "@fedify/fedify/sig";

const env = process.env;

function pkcs8(pem) {
  return Buffer.from(pem.replace(/-----[^-]+-----/g, "").replace(/\s+/g, ""), "base64");
}

const privateKey = await crypto.subtle.importKey(
  "pkcs8",
  pkcs8(env.PRIVATE_KEY),
  { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" },
  true, // Fedify refuses keys that are not extractable, as its own generateCryptoKeyPair() makes them
  ["sign"],
);
const keyId = new URL(env.KEY_ID);

// Every request Fedify sends, with Atoll's answer.
const attempts = [];
const realFetch = globalThis.fetch;
globalThis.fetch = async (input, init) => {
  const request = new Request(input, init);
  const sent = Object.fromEntries(request.headers);
  const response = await realFetch(request);
  const body = await response.clone().text();
  attempts.push({ status: response.status, sent, body });
  return response;
};

// fetch() would replace the Host header with the target's; node:http sends it as given, as a proxy does.
async function forward(request, target) {
  const body = request.body == null ? null : Buffer.from(await request.arrayBuffer());
  return await new Promise((resolve, reject) => {
    const req = http.request(target, { method: request.method, headers: Object.fromEntries(request.headers) }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString() }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

if (env.MODE === "load") {
  const loader = getAuthenticatedDocumentLoader({ keyId, privateKey }, { allowPrivateAddress: true });
  let error = null;
  try {
    await loader(env.URL);
  } catch (e) {
    error = String(e);
  }
  console.log(JSON.stringify({ attempts, error }));
} else {
  const method = env.METHOD ?? "GET";
  const headers = { Accept: "application/activity+json" };
  if (method === "POST") headers["Content-Type"] = "application/activity+json";
  const unsigned = new Request(env.URL, { method, headers, body: method === "POST" ? env.BODY : undefined });
  const rfc9421 = {};
  if (env.COMPONENTS) rfc9421.components = env.COMPONENTS.split(" ").map((value) => ({ value, params: {} }));
  const signed = await signRequest(unsigned, privateKey, keyId, { spec: "rfc9421", rfc9421 });
  if (env.SEND_TO) {
    const sent = Object.fromEntries(signed.headers);
    attempts.push({ ...(await forward(signed, env.SEND_TO)), sent });
  } else {
    await fetch(signed, { redirect: "manual" });
  }
  console.log(JSON.stringify({ attempts }));
}
