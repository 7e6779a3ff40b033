// A throwaway PostgreSQL + pgRouting cluster for tests and benchmarks: initdb into
// a temp dir, listen on a unix socket in that dir only, drop everything on stop.
// As root, the server runs as the `postgres` OS user (postgres refuses root).
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface PgCluster {
  dir: string;
  client: pg.Client;
  /** Server-side COPY of CSV text into a table (the server reads a file in the cluster dir). */
  copyCsv(table: string, columns: string[], csv: string): Promise<void>;
  stop(): Promise<void>;
}

/** The newest PostgreSQL bin dir that has pgRouting installed, or null. */
export function findPgRouting(): { bin: string; sharedir: string } | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
  for (const v of versions) {
    const bin = join(root, v, 'bin');
    if (!existsSync(join(bin, 'pg_ctl'))) continue;
    const sharedir = execFileSync(join(bin, 'pg_config'), ['--sharedir'], { encoding: 'utf8' }).trim();
    if (existsSync(join(sharedir, 'extension', 'pgrouting.control'))) return { bin, sharedir };
  }
  return null;
}

const isRoot = (): boolean => typeof process.getuid === 'function' && process.getuid() === 0;

function runAsServerUser(bin: string, args: string[]): void {
  const [cmd, argv] = isRoot() ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  const result = spawnSync(cmd, argv, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${bin} ${args[0]} failed: ${result.stderr || result.stdout}`);
}

export async function startPgCluster(): Promise<PgCluster> {
  const found = findPgRouting();
  if (!found) throw new Error('pgRouting is not installed (postgresql-NN-pgrouting)');
  const dir = mkdtempSync(join(tmpdir(), 'cgm-pg-'));
  // The server user must be able to enter the dir and write its socket there.
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  const user = 'postgres';
  runAsServerUser(join(found.bin, 'initdb'), ['-D', data, '-U', user, '-A', 'trust', '--no-sync', '-E', 'UTF8']);
  // fsync off: a test cluster that dies can simply be thrown away.
  const serverOptions = `-k ${dir} -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -p 5432`;
  runAsServerUser(join(found.bin, 'pg_ctl'), ['-D', data, '-o', serverOptions, '-l', join(dir, 'server.log'), '-w', 'start']);

  const client = new pg.Client({ host: dir, port: 5432, user, database: 'postgres' });
  await client.connect();
  await client.query('CREATE EXTENSION pgrouting CASCADE');

  return {
    dir,
    client,
    async copyCsv(table, columns, csv) {
      const file = join(dir, `${table}.csv`);
      writeFileSync(file, csv, { mode: 0o644 });
      await client.query(`COPY ${table} (${columns.join(', ')}) FROM '${file}' WITH (FORMAT csv)`);
      rmSync(file);
    },
    async stop() {
      await client.end().catch(() => undefined);
      try {
        runAsServerUser(join(found.bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** An edge list in pgRouting's shape: ids of nodes, costs in seconds, -1 for closed directions. */
export interface PgEdges {
  source: ArrayLike<number>;
  target: ArrayLike<number>;
  cost: ArrayLike<number>;
  reverseCost: ArrayLike<number>;
}

/** (Re)creates table `name` and loads the edges; String(x) round-trips a double exactly. */
export async function loadEdges(cluster: PgCluster, name: string, edges: PgEdges): Promise<void> {
  await cluster.client.query(`DROP TABLE IF EXISTS ${name}`);
  await cluster.client.query(
    `CREATE TABLE ${name} (id BIGINT PRIMARY KEY, source BIGINT NOT NULL, target BIGINT NOT NULL, cost FLOAT8 NOT NULL, reverse_cost FLOAT8 NOT NULL)`,
  );
  const lines: string[] = [];
  for (let e = 0; e < edges.source.length; e++) {
    lines.push(`${e + 1},${edges.source[e]},${edges.target[e]},${edges.cost[e]},${edges.reverseCost[e]}`);
  }
  await cluster.copyCsv(name, ['id', 'source', 'target', 'cost', 'reverse_cost'], lines.join('\n') + '\n');
  await cluster.client.query(`ANALYZE ${name}`);
}

/**
 * Nearest-source cost to every reachable node. 'min': pgr_drivingDistance from
 * all sources (one result set per source) and the minimum per node, which is
 * the exact nearest-source cost. 'equicost': pgRouting's own equicost=true
 * mode; in pgRouting 3.4.2 it assigns a few nodes (35 of 18.7k on Rutland
 * drive) to a source that is not their nearest, so it is an approximation.
 */
export async function pgrNearestSourceCosts(
  cluster: PgCluster,
  table: string,
  sources: number[],
  options: { directed?: boolean; method?: 'min' | 'equicost' } = {},
): Promise<Map<number, number>> {
  const { directed = true, method = 'min' } = options;
  const dd = `pgr_drivingDistance('SELECT id, source, target, cost, reverse_cost FROM ${table}',
      $1::BIGINT[], 1e12, directed => $2, equicost => ${method === 'equicost'})`;
  const sql = `SELECT node, min(agg_cost) AS agg_cost FROM ${dd} GROUP BY node`;
  const result = await cluster.client.query<{ node: string; agg_cost: number }>(sql, [sources, directed]);
  const out = new Map<number, number>();
  for (const row of result.rows) out.set(Number(row.node), Number(row.agg_cost));
  return out;
}
