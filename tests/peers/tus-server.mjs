// tus-server.mjs — a real tus 1.0 endpoint for the upload tests: @tus/server + @tus/file-store over HTTPS.
//
// SPDX-License-Identifier: GPL-3.0-or-later
//
//   node tus-server.mjs --cert CERT.pem --key KEY.pem --store DIR [--port N] [--max-size N]
//                       [--fail-every N] [--retry-after S] [--log FILE] [--conflict-at N]
//                       [--hide-max-size] [--expire-ms MS] [--hide-expires] [--head-status S]
//                       [--stuck-offset] [--patch-status S] [--location-origin ORIGIN] [--redirect URL]
//                       [--post-status S] [--body TEXT] [--lose-on-fail]
//
// Listens on 127.0.0.1 only (port 0: any free port) and prints one JSON line {"port": N} when ready.
// Every request must carry "Authorization: Bearer <token>" with the token of $TUS_TOKEN (never printed);
// others get 401. --fail-every N answers every Nth PATCH with 503 (and Retry-After when --retry-after is
// given) without storing anything. --log appends one JSON line per request: method, url, the Upload-Offset
// sent and the status.
// Other ways to misbehave, for the client's less common paths:
//   --conflict-at N    answers the Nth PATCH (only that one) with 409, as if the offset did not match;
//   --hide-max-size    leaves Tus-Max-Size out of OPTIONS, so an upload too large is refused at POST (413);
//   --expire-ms MS     unfinished uploads expire MS after creation (@tus/file-store expiration: then 410);
//   --hide-expires     leaves Upload-Expires out of every answer, so the client cannot see the expiry coming;
//   --head-status S    answers every HEAD with status S (e.g. 403) instead of the upload's state.
// And to be hostile, for the client's limits:
//   --stuck-offset     answers every PATCH 204 with the Upload-Offset it was sent: takes nothing, says all is well;
//   --patch-status S   answers every PATCH with status S (e.g. 404 or 410: the upload is gone, again and again);
//   --location-origin ORIGIN  puts new uploads on ORIGIN ("PORT" in it stands for this server's port), e.g.
//                      https://localhost:PORT or http://127.0.0.1:N, instead of a relative Location;
//   --redirect URL     answers every request 307 to URL;
//   --post-status S    answers every POST with status S and the --body TEXT (control characters and all);
//   --lose-on-fail     with --fail-every, each failed PATCH also loses all the upload holds (offset 0 again).

import fs from 'node:fs';
import https from 'node:https';
import { Server } from '@tus/server';
import { FileStore } from '@tus/file-store';

function usage (message) {
  process.stderr.write(`tus-server: ${message}\n`);
  process.exit(2);
}

const options = { port: 0, maxSize: 0, failEvery: 0, retryAfter: null, log: null, conflictAt: 0,
                  hideMaxSize: false, expireMs: 0, hideExpires: false, headStatus: 0, stuckOffset: false,
                  patchStatus: 0, locationOrigin: null, redirect: null, postStatus: 0, body: '',
                  loseOnFail: false };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const arg = argv[i];
  const value = () => {
    if (i + 1 >= argv.length)
      usage(`${arg} needs a value`);
    return argv[++i];
  };
  switch (arg) {
    case '--cert': options.cert = value(); break;
    case '--key': options.key = value(); break;
    case '--store': options.store = value(); break;
    case '--port': options.port = Number(value()); break;
    case '--max-size': options.maxSize = Number(value()); break;
    case '--fail-every': options.failEvery = Number(value()); break;
    case '--retry-after': options.retryAfter = value(); break;
    case '--log': options.log = value(); break;
    case '--conflict-at': options.conflictAt = Number(value()); break;
    case '--hide-max-size': options.hideMaxSize = true; break;
    case '--expire-ms': options.expireMs = Number(value()); break;
    case '--hide-expires': options.hideExpires = true; break;
    case '--head-status': options.headStatus = Number(value()); break;
    case '--stuck-offset': options.stuckOffset = true; break;
    case '--patch-status': options.patchStatus = Number(value()); break;
    case '--location-origin': options.locationOrigin = value(); break;
    case '--redirect': options.redirect = value(); break;
    case '--post-status': options.postStatus = Number(value()); break;
    case '--body': options.body = value(); break;
    case '--lose-on-fail': options.loseOnFail = true; break;
    default: usage(`unknown option ${arg}`);
  }
}
if (!options.cert || !options.key || !options.store)
  usage('--cert, --key and --store are required');

const token = process.env.TUS_TOKEN;
if (!token)
  usage('set TUS_TOKEN to the bearer token to require');

fs.mkdirSync(options.store, { recursive: true });

const tus = new Server({
  path: '/files',
  datastore: new FileStore({ directory: options.store,
                             expirationPeriodInMilliseconds: options.expireMs > 0 ? options.expireMs : undefined }),
  maxSize: options.maxSize > 0 ? options.maxSize : undefined,
  relativeLocation: true,
  generateUrl: options.locationOrigin === null ? undefined
    : (req, { path, id }) => `${options.locationOrigin.replace('PORT', String(server.address().port))}${path}/${id}`,
});

let patches = 0;
let conflictPatches = 0;

// Leaves the named headers out of a writeHead () call, whatever shape its headers have.
function dropHeaders (args, names) {
  const drop = (name) => names.includes(String(name).toLowerCase());
  return args.map((arg) => {
    if (Array.isArray(arg)) {
      if (arg.length > 0 && Array.isArray(arg[0]))
        return arg.filter(([name]) => !drop(name));
      const flat = [];
      for (let i = 0; i + 1 < arg.length; i += 2)
        if (!drop(arg[i]))
          flat.push(arg[i], arg[i + 1]);
      return flat;
    }
    if (arg !== null && typeof arg === 'object') {
      const copy = { ...arg };
      for (const key of Object.keys(copy))
        if (drop(key))
          delete copy[key];
      return copy;
    }
    return arg;
  });
}

function log (entry) {
  if (options.log)
    fs.appendFileSync(options.log, JSON.stringify(entry) + '\n');
}

function refuse (req, res, status, body, extra = {}) {
  // Read and drop what the client is still sending, then answer: the client sees the status, not a broken pipe.
  const answer = () => {
    res.writeHead(status, { 'Tus-Resumable': '1.0.0', 'Content-Type': 'text/plain', ...extra });
    res.end(body);
  };
  req.on('end', answer);
  req.on('error', () => res.destroy());
  req.resume();
}

const server = https.createServer({
  cert: fs.readFileSync(options.cert),
  key: fs.readFileSync(options.key),
}, (req, res) => {
  const entry = { method: req.method, url: req.url, offset: req.headers['upload-offset'] ?? null };

  // Logged when the status is decided, before the client can see it, so that a test reading the log after
  // a reply finds the line.
  let logged = false;
  const logOnce = (status) => {
    if (!logged) {
      logged = true;
      entry.status = status;
      log(entry);
    }
  };
  const hidden = [];
  if (options.hideMaxSize && req.method === 'OPTIONS')
    hidden.push('tus-max-size');
  if (options.hideExpires)
    hidden.push('upload-expires');
  const writeHead = res.writeHead;
  res.writeHead = function (status, ...rest) {
    logOnce(status);
    for (const name of hidden)
      this.removeHeader(name);
    return writeHead.call(this, status, ...(hidden.length > 0 ? dropHeaders(rest, hidden) : rest));
  };
  res.on('finish', () => logOnce(res.statusCode));

  if (req.headers.authorization !== `Bearer ${token}`) {
    refuse(req, res, 401, 'A valid bearer token is required\n');
    return;
  }
  if (req.method === 'PATCH' && options.failEvery > 0 && ++patches % options.failEvery === 0) {
    const extra = options.retryAfter !== null ? { 'Retry-After': options.retryAfter } : {};
    if (options.loseOnFail) {
      // @tus/file-store takes the offset from the file's size.
      const id = decodeURIComponent(req.url.split('/').pop());
      if (/^[0-9a-zA-Z_-]+$/.test(id))
        fs.truncateSync(`${options.store}/${id}`, 0);
    }
    refuse(req, res, 503, 'Temporarily unavailable\n', extra);
    return;
  }
  if (req.method === 'PATCH' && options.conflictAt > 0 && ++conflictPatches === options.conflictAt) {
    refuse(req, res, 409, 'Upload-Offset does not match\n');
    return;
  }
  if (req.method === 'HEAD' && options.headStatus > 0) {
    refuse(req, res, options.headStatus, '');
    return;
  }
  if (req.method === 'PATCH' && options.stuckOffset) {
    refuse(req, res, 204, '', { 'Upload-Offset': req.headers['upload-offset'] ?? '0' });
    return;
  }
  if (req.method === 'PATCH' && options.patchStatus > 0) {
    refuse(req, res, options.patchStatus, 'Upload not found\n');
    return;
  }
  if (options.redirect !== null) {
    refuse(req, res, 307, '', { Location: options.redirect });
    return;
  }
  if (req.method === 'POST' && options.postStatus > 0) {
    refuse(req, res, options.postStatus, options.body);
    return;
  }
  tus.handle(req, res);
});

// Uploads can take long: no request timeout from Node itself.
server.requestTimeout = 0;
server.headersTimeout = 60000;
server.keepAliveTimeout = 30000;

server.listen(options.port, '127.0.0.1', () => {
  process.stdout.write(JSON.stringify({ port: server.address().port }) + '\n');
});

for (const signal of ['SIGTERM', 'SIGINT'])
  process.on(signal, () => process.exit(0));
