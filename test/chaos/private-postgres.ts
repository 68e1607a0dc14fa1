import { execFile } from 'node:child_process';
import { chmod, chown, mkdir, readdir } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * A PostgreSQL cluster of our own (initdb in a temp dir, its own port), so the chaos run can stop
 * and start it without touching the machine's server, which other work shares.
 */
export class PrivatePostgres {
  private constructor(
    private readonly bin: string,
    private readonly dataDir: string,
    private readonly logFile: string,
    readonly port: number,
    private readonly osUser: string | null,
  ) {}

  /** initdb and start; as root the server runs as the `postgres` OS user (it refuses root). */
  static async create(dir: string, port: number): Promise<PrivatePostgres> {
    const bin = await postgresBin();
    const osUser = userInfo().uid === 0 ? 'postgres' : null;
    const dataDir = join(dir, 'pgdata');
    await mkdir(dataDir, { recursive: true });
    if (osUser) {
      const { stdout } = await run('id', ['-u', osUser]).catch(() => {
        throw new Error('chaos: running as root needs a `postgres` OS user to run the private PostgreSQL cluster');
      });
      const { stdout: gid } = await run('id', ['-g', osUser]);
      await chmod(dir, 0o755);
      await chown(dataDir, Number(stdout.trim()), Number(gid.trim()));
    }
    const pg = new PrivatePostgres(bin, dataDir, join(dir, 'postgres.log'), port, osUser);
    if (osUser) await run('touch', [pg.logFile]).then(() => run('chown', [osUser, pg.logFile]));
    await pg.exec('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-instructions', '--no-sync']);
    await pg.start();
    return pg;
  }

  get url(): string {
    return `postgresql://postgres@127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    // Enough connections for two apis and two workers (Prisma and pg pools, locks, sequencers).
    const options = `-p ${this.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=400 -c shared_buffers=128MB`;
    await this.exec('pg_ctl', ['-D', this.dataDir, '-l', this.logFile, '-o', options, '-w', '-t', '60', 'start']);
  }

  /** `fast`: every session is cut and its open transaction rolled back, as in a real outage. */
  async stop(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    await this.exec('pg_ctl', ['-D', this.dataDir, '-m', mode, '-w', '-t', '60', 'stop']);
  }

  async destroy(): Promise<void> {
    await this.stop('immediate').catch(() => undefined);
  }

  private async exec(tool: string, args: string[]): Promise<void> {
    const path = join(this.bin, tool);
    const [file, argv] = this.osUser ? ['runuser', ['-u', this.osUser, '--', path, ...args]] : [path, args];
    try {
      await run(file, argv, { cwd: '/' });
    } catch (err) {
      const e = err as { stderr?: string; message: string };
      throw new Error(`chaos: ${tool} ${args.at(-1)} failed: ${(e.stderr || e.message).trim()}`);
    }
  }
}

async function postgresBin(): Promise<string> {
  const root = '/usr/lib/postgresql';
  const versions = (await readdir(root).catch(() => [] as string[])).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
  if (versions.length === 0) throw new Error(`chaos: no PostgreSQL server binaries under ${root} (initdb, pg_ctl) for the private cluster`);
  return join(root, versions[0], 'bin');
}
