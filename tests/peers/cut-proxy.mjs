// cut-proxy.mjs — a TCP proxy on 127.0.0.1 that cuts connections, for the upload tests.
//
// SPDX-License-Identifier: GPL-3.0-or-later
//
//   node cut-proxy.mjs --target PORT [--port N] [--cut-after BYTES] [--stall-after BYTES] [--cuts N]
//                      [--stats FILE]
//
// Forwards every connection to 127.0.0.1:PORT. With --cut-after, a connection is destroyed (both sides,
// abruptly) once BYTES have gone from the client to the server; with --stall-after it stays open but
// nothing more is forwarded either way (a stalled network). --cuts limits how many connections are cut or
// stalled (the later ones pass untouched). Prints {"port": N} when ready. --stats rewrites FILE with
// {"up": …, "down": …, "connections": …, "cuts": …} each time a connection ends ("up" counts client → server).

import fs from 'node:fs';
import net from 'node:net';

function usage (message) {
  process.stderr.write(`cut-proxy: ${message}\n`);
  process.exit(2);
}

const options = { port: 0, target: 0, cutAfter: 0, stallAfter: 0, cuts: Infinity, stats: null };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const arg = argv[i];
  const value = () => {
    if (i + 1 >= argv.length)
      usage(`${arg} needs a value`);
    return argv[++i];
  };
  switch (arg) {
    case '--target': options.target = Number(value()); break;
    case '--port': options.port = Number(value()); break;
    case '--cut-after': options.cutAfter = Number(value()); break;
    case '--stall-after': options.stallAfter = Number(value()); break;
    case '--cuts': options.cuts = Number(value()); break;
    case '--stats': options.stats = value(); break;
    default: usage(`unknown option ${arg}`);
  }
}
if (!options.target)
  usage('--target is required');

const stats = { up: 0, down: 0, connections: 0, cuts: 0 };

function writeStats () {
  if (options.stats)
    fs.writeFileSync(options.stats + '.tmp', JSON.stringify(stats) + '\n');
  if (options.stats)
    fs.renameSync(options.stats + '.tmp', options.stats);
}

const server = net.createServer((client) => {
  const upstream = net.connect(options.target, '127.0.0.1');
  const cutThis = options.cutAfter > 0 && stats.cuts < options.cuts;
  const stallThis = options.stallAfter > 0 && stats.cuts < options.cuts;
  let stalled = false;
  let up = 0;
  let ended = false;

  stats.connections++;
  const finish = () => {
    if (ended)
      return;
    ended = true;
    client.destroy();
    upstream.destroy();
    writeStats();
  };

  client.on('data', (data) => {
    if (stalled)
      return;
    if (stallThis && up + data.length >= options.stallAfter) {
      stalled = true;
      stats.cuts++;
      writeStats();
      return;
    }
    if (cutThis && up + data.length >= options.cutAfter) {
      const part = data.subarray(0, Math.max(0, options.cutAfter - up));
      up += part.length;
      stats.up += part.length;
      stats.cuts++;
      upstream.write(part, () => finish());
      // A reset, not a polite close: as when a network drops.
      client.resetAndDestroy();
      return;
    }
    up += data.length;
    stats.up += data.length;
    if (!upstream.write(data))
      client.pause();
  });
  upstream.on('drain', () => client.resume());
  upstream.on('data', (data) => {
    if (stalled)
      return;
    stats.down += data.length;
    if (!client.write(data))
      upstream.pause();
  });
  client.on('drain', () => upstream.resume());
  client.on('close', finish);
  upstream.on('close', finish);
  client.on('error', finish);
  upstream.on('error', finish);
});

server.listen(options.port, '127.0.0.1', () => {
  process.stdout.write(JSON.stringify({ port: server.address().port }) + '\n');
});

for (const signal of ['SIGTERM', 'SIGINT'])
  process.on(signal, () => process.exit(0));
