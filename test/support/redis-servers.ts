import { ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A free TCP port on loopback (free when asked; the caller binds it soon after). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** `redis-cli -p <port> <args…>`, its output trimmed. */
export async function redisCli(port: number, ...args: string[]): Promise<string> {
  const { stdout } = await run('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...args], { timeout: 30000 });
  return stdout.trim();
}

export async function until(what: string, check: () => Promise<boolean>, timeoutMs = 30000): Promise<void> {
  for (const t = Date.now(); ; await new Promise((r) => setTimeout(r, 200))) {
    if (await check().catch(() => false)) return;
    if (Date.now() - t > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms`);
  }
}

/** A Redis Cluster of real `redis-server` processes on loopback, in a temporary folder. */
export interface LocalRedisCluster {
  /** Every node's port, masters and replicas. */
  ports: number[];
  /** `host:port,…` of every node, for `REDIS_CLUSTER_NODES`. */
  seeds: string;
  /** The port of the master that serves `key`'s slot now. */
  masterOf(key: string): Promise<number>;
  /** The port of a replica of the master at `port`. */
  replicaOf(port: number): Promise<number>;
  /** SIGKILLs the node at `port` (a crashed machine). */
  kill(port: number): Promise<void>;
  /** Waits until every live node sees the cluster state `ok` and `port` a master. */
  waitMaster(port: number): Promise<void>;
  /** Stops every process and removes the folder. */
  stop(): Promise<void>;
}

/**
 * Starts `masters` masters with `replicas` replicas each (`redis-server --cluster-enabled yes`,
 * no persistence, node timeout `nodeTimeoutMs` so a dead master is replaced within seconds),
 * joins them with `redis-cli --cluster create` and waits for the state `ok` on every node.
 */
export async function startRedisCluster(masters = 3, replicas = 1, nodeTimeoutMs = 1000): Promise<LocalRedisCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'oj-redis-cluster-'));
  const procs = new Map<number, ChildProcess>();
  const ports: number[] = [];
  for (let i = 0; i < masters * (1 + replicas); i++) ports.push(await freePort());
  const stop = async () => {
    await Promise.all([...procs.values()].map((p) => new Promise<void>((resolve) => {
      if (p.exitCode !== null || p.signalCode !== null) return resolve();
      p.once('exit', () => resolve());
      p.kill('SIGKILL');
    })));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (const port of ports) {
      const p = spawn('redis-server', [
        '--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--cluster-enabled', 'yes',
        '--cluster-config-file', `nodes-${port}.conf`, '--cluster-node-timeout', String(nodeTimeoutMs),
        '--save', '', '--appendonly', 'no', '--protected-mode', 'no',
      ], { stdio: 'ignore' });
      procs.set(port, p);
    }
    for (const port of ports) await until(`redis-server on ${port}`, async () => (await redisCli(port, 'ping')) === 'PONG');
    await run('redis-cli', ['--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', String(replicas), '--cluster-yes'], { timeout: 60000 });
    const live = () => ports.filter((p) => procs.get(p)!.exitCode === null && procs.get(p)!.signalCode === null);
    const allOk = async () => (await Promise.all(live().map((p) => redisCli(p, 'cluster', 'info')))).every((i) => i.includes('cluster_state:ok'));
    await until('cluster state ok', allOk, 60000);
    // Every node has learnt every other (replicas included) before anyone relies on the view.
    await until('every node known', async () => (await Promise.all(ports.map((p) => redisCli(p, 'cluster', 'nodes'))))
      .every((n) => n.split('\n').filter((l) => !l.includes('fail')).length === ports.length && !n.includes('handshake')), 60000);
    const nodes = async (from: number) => (await redisCli(from, 'cluster', 'nodes')).split('\n').map((l) => l.split(' '));
    return {
      ports,
      seeds: ports.map((p) => `127.0.0.1:${p}`).join(','),
      async masterOf(key) {
        const at = live()[0];
        const slot = Number(await redisCli(at, 'cluster', 'keyslot', key));
        const find = async () => {
          for (const f of await nodes(at)) {
            if (!f[2].includes('master') || f[2].includes('fail')) continue;
            for (const range of f.slice(8)) {
              const [a, b = a] = range.split('-').map(Number);
              if (slot >= a && slot <= b) return Number(f[1].split('@')[0].split(':')[1]);
            }
          }
          return null;
        };
        // Right after a failover the node asked may not have heard of the new master yet (gossip).
        let port: number | null = null;
        await until(`a master serving slot ${slot}`, async () => (port = await find()) !== null, 15000);
        return port!;
      },
      async replicaOf(port) {
        const all = await nodes(live()[0]);
        const master = all.find((f) => f[1].startsWith(`127.0.0.1:${port}@`));
        const replica = all.find((f) => f[3] === master?.[0] && !f[2].includes('fail'));
        if (!replica) throw new Error(`no live replica of ${port}`);
        return Number(replica[1].split('@')[0].split(':')[1]);
      },
      async kill(port) {
        const p = procs.get(port)!;
        await new Promise<void>((resolve) => {
          p.once('exit', () => resolve());
          p.kill('SIGKILL');
        });
      },
      async waitMaster(port) {
        await until(`${port} a master`, async () => (await redisCli(port, 'role')).startsWith('master'), 30000);
        await until('cluster state ok', allOk, 30000);
      },
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** A master, its replica and three sentinels watching them, real processes on loopback. */
export interface LocalRedisSentinels {
  /** `host:port,…` of the sentinels, for `REDIS_SENTINELS`. */
  sentinels: string;
  /** The master group name, for `REDIS_SENTINEL_NAME`. */
  name: string;
  /** The port of the master the sentinels name now. */
  master(): Promise<number>;
  /** SIGKILLs the node at `port`. */
  kill(port: number): Promise<void>;
  /** Stops every process and removes the folder. */
  stop(): Promise<void>;
}

/**
 * Starts a master and one replica (no persistence) and three sentinels (`redis-server
 * --sentinel`, quorum 2, a master down after `downAfterMs`), and waits until every sentinel
 * knows the replica and the other sentinels, so a failover can happen.
 */
export async function startRedisSentinels(downAfterMs = 1000): Promise<LocalRedisSentinels> {
  const dir = mkdtempSync(join(tmpdir(), 'oj-redis-sentinel-'));
  const procs = new Map<number, ChildProcess>();
  const name = 'ojmaster';
  const stop = async () => {
    await Promise.all([...procs.values()].map((p) => new Promise<void>((resolve) => {
      if (p.exitCode !== null || p.signalCode !== null) return resolve();
      p.once('exit', () => resolve());
      p.kill('SIGKILL');
    })));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const [master, replica, ...sentinelPorts] = await Promise.all(Array.from({ length: 5 }, freePort));
    const server = (port: number, ...extra: string[]) => procs.set(port, spawn('redis-server', [
      '--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', ...extra,
    ], { stdio: 'ignore' }));
    server(master);
    server(replica, '--replicaof', '127.0.0.1', String(master));
    for (const port of [master, replica]) await until(`redis-server on ${port}`, async () => (await redisCli(port, 'ping')) === 'PONG');
    await until('replica in sync', async () => (await redisCli(replica, 'info', 'replication')).includes('master_link_status:up'));
    for (const port of sentinelPorts) {
      const conf = join(dir, `sentinel-${port}.conf`);
      writeFileSync(conf, [
        `port ${port}`, 'bind 127.0.0.1', `dir ${dir}`,
        `sentinel monitor ${name} 127.0.0.1 ${master} 2`,
        `sentinel down-after-milliseconds ${name} ${downAfterMs}`,
        `sentinel failover-timeout ${name} 5000`,
        `sentinel parallel-syncs ${name} 1`, '',
      ].join('\n'));
      procs.set(port, spawn('redis-server', [conf, '--sentinel'], { stdio: 'ignore' }));
    }
    for (const port of sentinelPorts) {
      await until(`sentinel ${port} sees the replica and 2 sentinels`, async () => {
        const m = (await redisCli(port, 'sentinel', 'master', name)).split('\n');
        const field = (k: string) => Number(m[m.indexOf(k) + 1]);
        return field('num-slaves') >= 1 && field('num-other-sentinels') >= 2;
      });
    }
    return {
      sentinels: sentinelPorts.map((p) => `127.0.0.1:${p}`).join(','),
      name,
      async master() {
        const live = sentinelPorts.find((p) => procs.get(p)!.exitCode === null)!;
        return Number((await redisCli(live, 'sentinel', 'get-master-addr-by-name', name)).split('\n')[1]);
      },
      async kill(port) {
        const p = procs.get(port)!;
        await new Promise<void>((resolve) => {
          p.once('exit', () => resolve());
          p.kill('SIGKILL');
        });
      },
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}
