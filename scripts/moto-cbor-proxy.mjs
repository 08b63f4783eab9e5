#!/usr/bin/env node
// A pass-through HTTP proxy in front of moto that serves the Smithy RPC v2 CBOR protocol.
//
// Why: the AWS provider (6.x built from main) and AWS SDKs released since late 2025 call CloudWatch
// with Smithy RPC v2 CBOR (POST /service/GraniteServiceVersion20100801/operation/<Operation>,
// header `smithy-protocol: rpc-v2-cbor`). moto 5.2.5 answers CloudWatch in its JSON and query
// protocols only, so PutMetricAlarm got a 404 and every aws_cloudwatch_metric_alarm failed.
// This proxy re-sends such a call to moto in the awsJson1_0 protocol (same operation, same
// signature headers) and encodes moto's answer back into CBOR; moto still does all the work.
// Every other request is piped to moto byte for byte.
//
// Usage: node scripts/moto-cbor-proxy.mjs --listen <port> --moto <http://127.0.0.1:port>
// Prints "listening on http://127.0.0.1:<port>" once it accepts connections. Binds 127.0.0.1 only.
//
// Spec followed: https://smithy.io/2.0/additional-specs/protocols/smithy-rpc-v2.html (request
// path, headers, `__type`/`message` errors, timestamps as CBOR tag 1 epoch seconds).
import http from 'node:http';
import { decode, encode, Tag } from 'cbor2';

/**
 * Member names whose values are timestamps in CloudWatch's model (botocore's
 * cloudwatch/2010-08-01/service-2.json: every structure member of type timestamp or list of
 * timestamp). JSON carries them as epoch seconds; CBOR must wrap them in tag 1.
 */
const TIMESTAMP_MEMBERS = new Set([
  'AlarmConfigurationUpdatedTimestamp', 'CreationDate', 'EndDate', 'EndTime', 'ExpireDate',
  'LastModified', 'LastUpdateDate', 'LastUpdatedTimestamp', 'StartDate', 'StartTime',
  'StateTransitionedTimestamp', 'StateUpdatedTimestamp', 'Timestamp', 'Timestamps',
]);

function arg(name) {
  const i = process.argv.indexOf(`--${name}`);
  const value = i > 0 ? process.argv[i + 1] : undefined;
  if (!value) {
    console.error(`moto-cbor-proxy: --${name} is required (usage: --listen <port> --moto <url>)`);
    process.exit(2);
  }
  return value;
}

const listenPort = Number(arg('listen'));
const moto = new URL(arg('moto'));

/** CBOR request values to JSON: tag-1 times (decoded as Date) become epoch seconds. */
function toJson(value) {
  if (value instanceof Date) return value.getTime() / 1000;
  if (value instanceof Tag) return toJson(value.contents);
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map(toJson);
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [k, toJson(v)]));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJson(v)]));
  }
  return value;
}

function epochTag(value) {
  const seconds = typeof value === 'number' ? value : Date.parse(String(value)) / 1000;
  return new Tag(1, seconds);
}

/** JSON answer values to CBOR: timestamp members become tag 1 epoch seconds. */
function toCbor(value, key) {
  if (Array.isArray(value)) {
    return key === 'Timestamps' ? value.map(epochTag) : value.map(v => toCbor(v));
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toCbor(v, k)]));
  }
  if (key && TIMESTAMP_MEMBERS.has(key) && value !== null) return epochTag(value);
  return value;
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', c => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function sendCbor(res, status, body, extraHeaders = {}) {
  const payload = Buffer.from(encode(body));
  res.writeHead(status, {
    'smithy-protocol': 'rpc-v2-cbor',
    'content-type': 'application/cbor',
    'content-length': payload.length,
    ...extraHeaders,
  });
  res.end(payload);
}

async function translate(req, res, service, operation) {
  const raw = await readBody(req);
  let input = {};
  try {
    input = raw.length ? toJson(decode(raw)) : {};
  } catch (e) {
    sendCbor(res, 400, { __type: 'SerializationException', message: `CBOR body: ${e.message}` });
    return;
  }
  const body = Buffer.from(JSON.stringify(input ?? {}));
  const headers = {
    authorization: req.headers.authorization ?? '',
    'x-amz-date': req.headers['x-amz-date'] ?? '',
    'x-amz-target': `${service}.${operation}`,
    'content-type': 'application/x-amz-json-1.0',
    'content-length': String(body.length),
  };
  const answer = await fetch(new URL('/', moto), { method: 'POST', headers, body });
  const text = await answer.text();
  let parsed = {};
  try {
    parsed = text ? JSON.parse(text) : {};
  } catch {
    parsed = { __type: 'InternalFailure', message: `moto answered ${answer.status}: ${text.slice(0, 300)}` };
  }
  const passHeaders = {};
  for (const h of ['x-amzn-requestid', 'x-amzn-query-error']) {
    const v = answer.headers.get(h);
    if (v) passHeaders[h] = v;
  }
  if (!answer.ok && typeof parsed.__type === 'string') {
    // awsJson errors may carry "Message"; RPC v2 CBOR reads "message"
    parsed = { __type: parsed.__type, message: parsed.message ?? parsed.Message ?? '' };
  }
  sendCbor(res, answer.status, toCbor(parsed), passHeaders);
}

function pipeThrough(req, res) {
  const upstream = http.request(
    { host: moto.hostname, port: moto.port, method: req.method, path: req.url, headers: req.headers },
    answer => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on('error', e => {
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
    res.end(`moto-cbor-proxy: moto at ${moto.origin} did not answer: ${e.message}`);
  });
  req.pipe(upstream);
}

const RPC_PATH = /^\/service\/([^/]+)\/operation\/([^/?]+)$/;

const server = http.createServer((req, res) => {
  const match = req.method === 'POST' && req.headers['smithy-protocol'] === 'rpc-v2-cbor'
    ? RPC_PATH.exec(req.url ?? '')
    : null;
  if (!match) {
    pipeThrough(req, res);
    return;
  }
  translate(req, res, match[1], match[2]).catch(e => {
    if (!res.headersSent) sendCbor(res, 500, { __type: 'InternalFailure', message: String(e?.message ?? e) });
    else res.end();
  });
});
server.keepAliveTimeout = 65_000;
server.listen(listenPort, '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${server.address().port}`);
});
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.close(() => process.exit(0)));
