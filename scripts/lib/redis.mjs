// Just enough Redis for the scripts: PING, and deleting a namespace's keys. Uses `redis-cli` when it
// is installed, else a tiny RESP client over `net`.
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { connect } from 'node:net';
import { delimiter, join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';

/** Full path of `cmd` on PATH, or null. */
export function which(cmd) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const p = join(dir, cmd);
    try {
      accessSync(p, constants.X_OK);
      return p;
    } catch {
      /* next */
    }
  }
  return null;
}

/** `{ host, port, username, password, db, tls }` of a redis:// or rediss:// URL. */
export function parseRedisUrl(url) {
  const u = new URL(url);
  return {
    host: u.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1',
    port: Number(u.port || 6379),
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: Number(u.pathname.replace('/', '') || 0),
    tls: u.protocol === 'rediss:',
  };
}

function encode(args) {
  let s = `*${args.length}\r\n`;
  for (const a of args) {
    const b = Buffer.from(String(a));
    s += `$${b.length}\r\n${b.toString('latin1')}\r\n`;
  }
  return Buffer.from(s, 'latin1');
}

/** Parses one RESP reply at `pos` of `buf`; returns `[value, nextPos]` or null when incomplete. */
function parse(buf, pos = 0) {
  if (pos >= buf.length) return null;
  const end = buf.indexOf('\r\n', pos);
  if (end < 0) return null;
  const type = String.fromCharCode(buf[pos]);
  const line = buf.toString('latin1', pos + 1, end);
  const next = end + 2;
  switch (type) {
    case '+':
      return [line, next];
    case '-':
      return [new Error(line), next];
    case ':':
      return [Number(line), next];
    case '$': {
      const n = Number(line);
      if (n < 0) return [null, next];
      if (buf.length < next + n + 2) return null;
      return [buf.toString('utf8', next, next + n), next + n + 2];
    }
    case '*': {
      const n = Number(line);
      if (n < 0) return [null, next];
      const items = [];
      let p = next;
      for (let i = 0; i < n; i++) {
        const r = parse(buf, p);
        if (!r) return null;
        items.push(r[0]);
        p = r[1];
      }
      return [items, p];
    }
    default:
      throw new Error(`unexpected RESP reply type ${JSON.stringify(type)}`);
  }
}

/**
 * Opens a connection to `url` and returns `{ call(...args), close() }`; AUTH and SELECT are sent
 * first when the URL asks for them. Rejects when nothing answers within `timeoutMs`.
 */
export function redisConnect(url, { timeoutMs = 2000 } = {}) {
  const o = parseRedisUrl(url);
  return new Promise((resolve, reject) => {
    const socket = o.tls ? tlsConnect({ host: o.host, port: o.port, servername: o.host }) : connect({ host: o.host, port: o.port });
    let buf = Buffer.alloc(0);
    const waiting = [];
    let failed = null;
    const timer = setTimeout(() => socket.destroy(new Error(`no answer from ${o.host}:${o.port} within ${timeoutMs} ms`)), timeoutMs);
    socket.on('data', (chunk) => {
      buf = Buffer.concat([buf, chunk]);
      for (;;) {
        let r;
        try {
          r = parse(buf);
        } catch (e) {
          socket.destroy(new Error(`${o.host}:${o.port} does not speak the Redis protocol (${e.message})`));
          return;
        }
        if (!r) break;
        buf = buf.subarray(r[1]);
        const w = waiting.shift();
        if (!w) continue;
        if (r[0] instanceof Error) w.reject(r[0]);
        else w.resolve(r[0]);
      }
    });
    const fail = (e) => {
      failed = e;
      clearTimeout(timer);
      for (const w of waiting.splice(0)) w.reject(e);
      reject(e);
    };
    socket.on('error', fail);
    socket.on('close', () => fail(failed ?? new Error('connection closed')));
    const call = (...args) =>
      new Promise((res, rej) => {
        if (failed) return rej(failed);
        waiting.push({ resolve: res, reject: rej });
        socket.write(encode(args));
      });
    socket.once(o.tls ? 'secureConnect' : 'connect', async () => {
      try {
        if (o.password) await (o.username ? call('AUTH', o.username, o.password) : call('AUTH', o.password));
        if (o.db) await call('SELECT', o.db);
        clearTimeout(timer);
        resolve({
          call,
          close: () => {
            socket.removeAllListeners('close');
            socket.on('error', () => {});
            socket.end();
          },
        });
      } catch (e) {
        clearTimeout(timer);
        socket.destroy();
        reject(e);
      }
    });
  });
}

/** Resolves true when Redis at `url` answers PING with PONG. */
export async function redisPing(url, { timeoutMs = 1500 } = {}) {
  let c;
  try {
    c = await redisConnect(url, { timeoutMs });
    const reply = await Promise.race([c.call('PING'), new Promise((_, rej) => setTimeout(() => rej(new Error('timeout')), timeoutMs))]);
    return reply === 'PONG';
  } catch {
    return false;
  } finally {
    c?.close();
  }
}

/**
 * Deletes every key matching `pattern` (e.g. `demo-123:*`). Prefers `redis-cli --scan --pattern`
 * + `DEL`; falls back to SCAN/DEL over the tiny client. Resolves with the number of keys deleted.
 */
export async function redisDeletePattern(url, pattern) {
  const cli = which('redis-cli');
  if (cli) {
    const scan = spawnSync(cli, ['-u', url, '--scan', '--pattern', pattern], { encoding: 'utf8', timeout: 30_000 });
    if (scan.status === 0) {
      const keys = scan.stdout.split('\n').filter(Boolean);
      let deleted = 0;
      let ok = true;
      for (let i = 0; i < keys.length; i += 200) {
        const del = spawnSync(cli, ['-u', url, 'DEL', ...keys.slice(i, i + 200)], { encoding: 'utf8', timeout: 30_000 });
        if (del.status !== 0) {
          ok = false;
          break;
        }
        deleted += Number(del.stdout.trim()) || 0;
      }
      if (ok) return deleted;
    }
  }
  const c = await redisConnect(url, { timeoutMs: 3000 });
  try {
    let cursor = '0';
    let deleted = 0;
    do {
      const [next, keys] = await c.call('SCAN', cursor, 'MATCH', pattern, 'COUNT', 1000);
      cursor = next;
      if (keys.length) deleted += await c.call('DEL', ...keys);
    } while (cursor !== '0');
    return deleted;
  } finally {
    c.close();
  }
}
